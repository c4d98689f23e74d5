import { describe, expect, it } from 'vitest';
import type { SiteDefinition } from '../../../lib/contract/sites.ts';
import { createSiteDefinitionsCache, SITE_DEFINITIONS_TTL_MS } from '../../../lib/lookup/site-definitions.ts';
import type { Connection } from '../../../lib/settings/settings-storage.ts';

const acme: SiteDefinition = {
  id: 'acme-helpdesk',
  name: 'Acme Helpdesk',
  urlPatterns: ['https://help.acme.test/*'],
  selectors: { message: '.msg', author: '.from' },
};

/** A backend stand-in answering GET /v1/sites with whatever `sites` holds now, counting requests. */
function backend() {
  const state = { sites: [acme] as SiteDefinition[], requests: [] as string[], status: 200 };
  const fetchImpl = async (input: string, init?: RequestInit) => {
    state.requests.push(`${init?.method} ${input} ${new Headers(init?.headers).get('authorization')}`);
    return new Response(
      JSON.stringify(
        state.status === 200 ? { sites: state.sites } : { error: { code: 'x', message: 'down' } },
      ),
      {
        status: state.status,
        headers: { 'content-type': 'application/json' },
      },
    );
  };
  return { state, fetchImpl };
}

describe('site definitions cache', () => {
  it('asks the backend once per TTL, and again after it', async () => {
    const { state, fetchImpl } = backend();
    let clock = 0;
    const connection = { url: 'https://known.test', token: 't1' } satisfies Connection;
    const cache = createSiteDefinitionsCache({
      fetchImpl,
      now: () => clock,
      connection: async () => connection,
    });
    // Page loads at the same moment share one request.
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toEqual([acme]);
    expect(b).toEqual([acme]);
    clock = SITE_DEFINITIONS_TTL_MS - 1;
    expect(await cache.get()).toEqual([acme]);
    expect(state.requests).toEqual(['GET https://known.test/v1/sites Bearer t1']);
    state.sites = [];
    clock = SITE_DEFINITIONS_TTL_MS;
    expect(await cache.get()).toEqual([]);
    expect(state.requests).toHaveLength(2);
  });

  it('asks again when the connection changes or the cache is invalidated', async () => {
    const { state, fetchImpl } = backend();
    let connection: Connection = { url: 'https://known.test', token: 't1' };
    const cache = createSiteDefinitionsCache({ fetchImpl, now: () => 0, connection: async () => connection });
    await cache.get();
    connection = { url: 'https://known.test', token: 't2' };
    await cache.get();
    expect(state.requests.map((r) => r.split(' ').pop())).toEqual(['t1', 't2']);
    cache.invalidate();
    state.sites = [];
    expect(await cache.get()).toEqual([]);
    expect(state.requests).toHaveLength(3);
  });

  it('keeps the last good answer when a refresh fails, and answers none without one', async () => {
    const { state, fetchImpl } = backend();
    let clock = 0;
    const connection = { url: 'https://known.test', token: 't1' } satisfies Connection;
    const cache = createSiteDefinitionsCache({
      fetchImpl,
      now: () => clock,
      connection: async () => connection,
    });
    state.status = 503;
    expect(await cache.get()).toEqual([]);
    state.status = 200;
    expect(await cache.get()).toEqual([acme]);
    state.status = 503;
    clock = SITE_DEFINITIONS_TTL_MS + 1;
    expect(await cache.get()).toEqual([acme]);
    // Not configured (no token): no request at all.
    const none = createSiteDefinitionsCache({
      fetchImpl,
      connection: async () => ({ url: 'https://known.test', token: null }),
    });
    const before = state.requests.length;
    expect(await none.get()).toEqual([]);
    expect(state.requests).toHaveLength(before);
  });
});
