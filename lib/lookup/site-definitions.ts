import { type SiteDefinition, SiteList } from '../contract/sites.ts';
import { backendUrlItem, type Connection, readConnection, tokenItem } from '../settings/settings-storage.ts';
import { callBackend, type FetchLike } from './backend-api.ts';

/** How long one answer serves every page load: an admin edits site definitions rarely. */
export const SITE_DEFINITIONS_TTL_MS = 5 * 60_000;

export interface SiteDefinitionsCache {
  /** The admin's definitions (GET /v1/sites); none when there is no backend or it refuses. */
  get(): Promise<SiteDefinition[]>;
  /** Forgets the answer: the next `get` asks the backend again. */
  invalidate(): void;
}

export interface SiteDefinitionsCacheOptions {
  fetchImpl?: FetchLike;
  now?: () => number;
  connection?: () => Promise<Connection>;
  ttlMs?: number;
}

/**
 * `GET /v1/sites` for the content script, which asks on every page no built-in adapter claims (before its
 * first scan): without a cache that is one request per page load. Answers are kept per connection (backend
 * URL + token) for the TTL; loads at the same moment share one request; a failed refresh keeps serving the
 * last good answer of the same connection, else none (the page then gets the generic adapter).
 */
export function createSiteDefinitionsCache(options: SiteDefinitionsCacheOptions = {}): SiteDefinitionsCache {
  const fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const connection = options.connection ?? readConnection;
  const ttlMs = options.ttlMs ?? SITE_DEFINITIONS_TTL_MS;
  let cached: { connection: string; at: number; value: SiteDefinition[] } | undefined;
  let pending: Promise<SiteDefinition[]> | undefined;
  /** Bumped by `invalidate`: an answer to a request made before it is not kept. */
  let generation = 0;

  const load = async (): Promise<SiteDefinition[]> => {
    const current = await connection();
    const id = `${current.url}\n${current.token ?? ''}`;
    if (cached && cached.connection === id && now() - cached.at < ttlMs) return cached.value;
    const asked = generation;
    const reply = await callBackend(fetchImpl, current, {
      method: 'GET',
      path: '/v1/sites',
      schema: SiteList,
    });
    if (!reply.ok) return cached?.connection === id ? cached.value : [];
    if (asked === generation) cached = { connection: id, at: now(), value: reply.value.sites };
    return reply.value.sites;
  };

  return {
    get() {
      pending ??= load().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      generation++;
      cached = undefined;
      pending = undefined;
    },
  };
}

/** The background's cache, forgotten whenever the backend URL or the token changes in the settings. */
export function startSiteDefinitionsCache(fetchImpl?: FetchLike): SiteDefinitionsCache {
  const cache = createSiteDefinitionsCache({ fetchImpl });
  backendUrlItem.watch(() => cache.invalidate());
  tokenItem.watch(() => cache.invalidate());
  return cache;
}
