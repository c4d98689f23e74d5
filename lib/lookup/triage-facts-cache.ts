import type { TriageFacts } from '../contract/triage.ts';
import type { ApiResult } from './backend-api.ts';

// "Who's here" refreshes on every infinite-scroll append, and each refresh used to ask POST /v1/triage again
// for every customer on the page: one more audited read of the same profiles each time. The background keeps
// each profile's facts for a short while instead (like the lookup cache), asks only for profiles it has not
// seen recently, and forgets everything as soon as the agent writes something (a follow-up, a logged reply, a
// link, an outbox delivery), since those are exactly what changes open loops and "waiting since".

export type FactsFetcher = (
  profileIds: string[],
  pageOrigin: string,
) => Promise<ApiResult<{ items: TriageFacts[] }>>;

export interface TriageFactsCache {
  /** Facts for these profiles: cached ones as they are, the rest in one call to `fetcher`. */
  get(
    profileIds: string[],
    pageOrigin: string,
    fetcher: FactsFetcher,
  ): Promise<ApiResult<{ items: TriageFacts[] }>>;
  /** Forget everything (after a write, or when the backend or token changed). */
  clear(): void;
}

export function createTriageFactsCache(
  options: { ttlMs?: number; now?: () => number } = {},
): TriageFactsCache {
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { facts: TriageFacts; expires: number }>();
  // A clear() while a request is in flight must not let its (older) answer back in.
  let generation = 0;

  return {
    async get(profileIds, pageOrigin, fetcher) {
      const items: TriageFacts[] = [];
      const missing: string[] = [];
      const t = now();
      for (const id of profileIds) {
        const hit = cache.get(id);
        if (hit && hit.expires > t) items.push(hit.facts);
        else {
          cache.delete(id);
          missing.push(id);
        }
      }
      if (missing.length === 0) return { ok: true, value: { items } };
      const asked = generation;
      const answer = await fetcher(missing, pageOrigin);
      if (!answer.ok) return answer;
      if (asked === generation) {
        const expires = now() + ttlMs;
        for (const facts of answer.value.items) cache.set(facts.profileId, { facts, expires });
      }
      return { ok: true, value: { items: [...items, ...answer.value.items] } };
    },
    clear() {
      generation += 1;
      cache.clear();
    },
  };
}
