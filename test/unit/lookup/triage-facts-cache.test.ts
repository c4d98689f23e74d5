import { describe, expect, it } from 'vitest';
import type { TriageFacts } from '../../../lib/contract/triage.ts';
import { createTriageFactsCache, type FactsFetcher } from '../../../lib/lookup/triage-facts-cache.ts';

// The cache's own logic (which ids are asked for, when answers expire, what a clear() drops). The backend's
// POST /v1/triage is exercised over real HTTP in the server tests and in the triage e2e.
const facts = (profileId: string, openLoops = 0): TriageFacts => ({
  profileId,
  openLoops,
  oldestOpenLoopSince: null,
  negativeSentiment: false,
  lastInboundAt: null,
  lastOutboundAt: null,
  waitingSince: null,
});

function recordingFetcher(loops = () => 0) {
  const asked: string[][] = [];
  const fetcher: FactsFetcher = async (ids) => {
    asked.push(ids);
    return { ok: true, value: { items: ids.map((id) => facts(id, loops())) } };
  };
  return { asked, fetcher };
}

describe('triage facts cache', () => {
  it('asks the backend only for profiles it has not seen within the TTL', async () => {
    let t = 0;
    const cache = createTriageFactsCache({ ttlMs: 1000, now: () => t });
    const { asked, fetcher } = recordingFetcher();
    await cache.get(['a', 'b'], 'https://x.com', fetcher);
    const second = await cache.get(['a', 'b', 'c'], 'https://x.com', fetcher);
    expect(asked).toEqual([['a', 'b'], ['c']]);
    expect(second.ok && second.value.items.map((f) => f.profileId).sort()).toEqual(['a', 'b', 'c']);
    const third = await cache.get(['a'], 'https://x.com', fetcher);
    expect(asked).toHaveLength(2);
    expect(third).toEqual({ ok: true, value: { items: [facts('a')] } });
    t = 1001;
    await cache.get(['a'], 'https://x.com', fetcher);
    expect(asked.at(-1)).toEqual(['a']);
  });

  it('forgets everything on clear(), including an answer that was in flight', async () => {
    const cache = createTriageFactsCache();
    let loops = 0;
    const { asked, fetcher } = recordingFetcher(() => loops);
    let release: () => void = () => undefined;
    const slow: FactsFetcher = async (ids, origin) => {
      await new Promise<void>((r) => {
        release = r;
      });
      return fetcher(ids, origin);
    };
    const pending = cache.get(['a'], 'https://x.com', slow);
    cache.clear();
    release();
    await pending;
    loops = 2;
    const fresh = await cache.get(['a'], 'https://x.com', fetcher);
    expect(asked).toEqual([['a'], ['a']]);
    expect(fresh.ok && fresh.value.items[0]?.openLoops).toBe(2);
  });

  it('never caches an error', async () => {
    const cache = createTriageFactsCache();
    let calls = 0;
    const failing: FactsFetcher = async () => {
      calls += 1;
      return { ok: false, error: { code: 'unreachable', message: 'down' } };
    };
    expect((await cache.get(['a'], 'https://x.com', failing)).ok).toBe(false);
    expect((await cache.get(['a'], 'https://x.com', failing)).ok).toBe(false);
    expect(calls).toBe(2);
  });
});
