import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { Playbook, PlaybookResponse } from '../contract/playbook.ts';
import type { Connection } from '../settings/settings-storage.ts';
import { callBackend, type FetchLike } from './backend-api.ts';

// The tenant's playbook, kept in `local:` storage so the sidebar has suggestions at once, offline too. A
// new one replaces it only when it validates: a lead's broken edit must not take suggestions away.

const CachedPlaybook = z.object({ playbook: Playbook, fetchedAt: z.number() });
export const playbookItem = storage.defineItem<unknown>('local:playbook', { fallback: null, version: 1 });

/** How long a cached playbook is used before asking the backend again (in the background). */
export const PLAYBOOK_MAX_AGE_MS = 10 * 60_000;

async function readCached(): Promise<z.infer<typeof CachedPlaybook> | null> {
  const parsed = CachedPlaybook.safeParse(await playbookItem.getValue());
  return parsed.success ? parsed.data : null;
}

/** Fetches the playbook; stores it only if it is valid. Returns what is cached afterwards. */
export async function refreshPlaybook(
  fetchImpl: FetchLike,
  connection: Connection,
  now = Date.now(),
): Promise<Playbook | null> {
  const fetched = await callBackend(fetchImpl, connection, {
    method: 'GET',
    path: '/v1/playbook',
    schema: PlaybookResponse,
  });
  if (fetched.ok) {
    await playbookItem.setValue({ playbook: fetched.value.playbook, fetchedAt: now });
    return fetched.value.playbook;
  }
  return (await readCached())?.playbook ?? null;
}

/**
 * The playbook for the sidebar: the cached one at once (refreshed behind it when old), else a fresh fetch.
 * Null means "use the built-in default" (no backend, or it has none that validates).
 */
export async function currentPlaybook(
  fetchImpl: FetchLike,
  getConnection: () => Promise<Connection>,
  now = Date.now(),
): Promise<Playbook | null> {
  const cached = await readCached();
  if (cached) {
    if (now - cached.fetchedAt > PLAYBOOK_MAX_AGE_MS) {
      void getConnection().then((connection) => refreshPlaybook(fetchImpl, connection, now));
    }
    return cached.playbook;
  }
  return refreshPlaybook(fetchImpl, await getConnection(), now);
}
