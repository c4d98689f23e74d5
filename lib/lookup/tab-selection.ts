import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { Identifier } from '../contract/identifier.ts';

// `session:` storage outlives the MV3 service worker being stopped between clicks, and is gone when the
// browser closes. Only extension contexts can read it.
const key = (tabId: number) => `session:selection:${tabId}` as const;

/** Remembers which identity the agent clicked last in a tab. */
export async function setTabSelection(tabId: number, identifier: Identifier): Promise<void> {
  await storage.setItem(key(tabId), identifier);
}

export async function getTabSelection(tabId: number): Promise<Identifier | null> {
  const parsed = z.nullable(Identifier).safeParse(await storage.getItem(key(tabId)));
  return parsed.success ? parsed.data : null;
}

export async function clearTabSelection(tabId: number): Promise<void> {
  await storage.removeItem(key(tabId));
}
