import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { Identifier } from '../contract/identifier.ts';
import { SelectionContext } from '../messaging/schemas.ts';

// `session:` storage outlives the MV3 service worker being stopped between clicks, and is gone when the
// browser closes. Only extension contexts can read it — the message text around a badge stays here.
const key = (tabId: number) => `session:selection:${tabId}` as const;

export const TabSelection = z.object({
  identifier: Identifier,
  context: z.optional(SelectionContext),
  /**
   * The origin of the page the agent selected on, as the browser reported it (never as the page said).
   * The sidebar of a tab only shows the selection while the tab is still on that origin: a page the tab
   * navigates to later cannot frame the sidebar and see the last customer.
   */
  origin: z.optional(z.string()),
});
export type TabSelection = z.infer<typeof TabSelection>;

/** Remembers which identity the agent clicked last in a tab, and where on the page it was. */
export async function setTabSelection(
  tabId: number,
  identifier: Identifier,
  context: SelectionContext | undefined,
  origin: string | undefined,
): Promise<void> {
  await storage.setItem(key(tabId), {
    identifier,
    ...(context ? { context } : {}),
    ...(origin ? { origin } : {}),
  });
}

/** The selection of a tab, only if the asking frame's tab is still on the origin it was made on. */
export async function getTabSelectionFor(
  tabId: number,
  tabUrl: string | undefined,
): Promise<TabSelection | null> {
  const selection = await getTabSelection(tabId);
  if (!selection?.origin || !tabUrl) return null;
  return originOf(tabUrl) === selection.origin ? selection : null;
}

export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export async function getTabSelection(tabId: number): Promise<TabSelection | null> {
  const stored = await storage.getItem(key(tabId));
  const parsed = TabSelection.safeParse(stored);
  if (parsed.success) return parsed.data;
  // Written by an earlier build as the bare identifier.
  const bare = Identifier.safeParse(stored);
  return bare.success ? { identifier: bare.data } : null;
}

export async function clearTabSelection(tabId: number): Promise<void> {
  await storage.removeItem(key(tabId));
}
