import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TriageSettings } from '../../../lib/contract/triage.ts';
import {
  createTriageSettingsCache,
  DEFAULT_TRIAGE_SETTINGS,
  TRIAGE_SETTINGS_MAX_AGE_MS,
  TRIAGE_SETTINGS_RETRY_MS,
  triageSettingsItem,
} from '../../../lib/lookup/triage-settings-cache.ts';

const tenant: TriageSettings = {
  ...DEFAULT_TRIAGE_SETTINGS,
  thresholds: { ...DEFAULT_TRIAGE_SETTINGS.thresholds, valueBands: [200, 900, 4_000], bigReach: 1_200 },
  profiles: 1_000,
  computedAt: '2026-11-23T10:00:00.000Z',
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function setup(answer: () => Response | Promise<Response>, url = 'http://127.0.0.1:8787') {
  let clock = 1_000_000;
  const calls: string[] = [];
  let connection = { url, token: 'tok' as string | null };
  const cache = createTriageSettingsCache({
    fetch: async (input, init) => {
      calls.push(`${init?.method} ${input}`);
      return answer();
    },
    getConnection: async () => connection,
    now: () => clock,
  });
  return {
    cache,
    calls,
    advance: (ms: number) => {
      clock += ms;
    },
    setConnection: (next: typeof connection) => {
      connection = next;
    },
  };
}

describe('the tenant triage settings cache', () => {
  beforeEach(() => fakeBrowser.reset());

  it("fetches GET /v1/triage/settings once, keeps it, and answers the tenant's thresholds", async () => {
    const s = setup(() => json(200, tenant));
    expect(await s.cache.current()).toEqual({ settings: tenant, source: 'tenant' });
    expect(await s.cache.current()).toEqual({ settings: tenant, source: 'tenant' });
    expect(s.calls).toEqual(['GET http://127.0.0.1:8787/v1/triage/settings']);
    expect(await triageSettingsItem.getValue()).toMatchObject({ settings: tenant });
  });

  it('falls back to the defaults on a backend without the route, and does not ask again at once', async () => {
    const s = setup(() => json(404, { error: { code: 'not_found', message: 'no route' } }));
    expect(await s.cache.current()).toEqual({ settings: DEFAULT_TRIAGE_SETTINGS, source: 'default' });
    expect(await s.cache.current()).toMatchObject({ source: 'default' });
    expect(s.calls).toHaveLength(1);
    s.advance(TRIAGE_SETTINGS_RETRY_MS + 1);
    await s.cache.current();
    expect(s.calls).toHaveLength(2);
  });

  it('never takes an answer that does not validate (a lead cannot break every badge)', async () => {
    const s = setup(() => json(200, { ...tenant, thresholds: { valueBands: [1, 2] } }));
    expect(await s.cache.current()).toMatchObject({ source: 'default' });
  });

  it('uses the defaults with no token, and when the backend is down', async () => {
    const s = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await s.cache.current()).toMatchObject({ source: 'default' });
    s.setConnection({ url: 'http://127.0.0.1:8787', token: null });
    s.advance(TRIAGE_SETTINGS_RETRY_MS + 1);
    expect(await s.cache.current()).toMatchObject({ source: 'default' });
    expect(s.calls).toHaveLength(1);
  });

  it('keeps old settings while refreshing them behind, and keeps them when the refresh fails', async () => {
    let status = 200;
    const s = setup(() =>
      status === 200 ? json(200, tenant) : json(503, { error: { code: 'x', message: 'down' } }),
    );
    await s.cache.current();
    s.advance(TRIAGE_SETTINGS_MAX_AGE_MS + 1);
    status = 503;
    expect(await s.cache.current()).toEqual({ settings: tenant, source: 'tenant' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(s.calls).toHaveLength(2);
    expect(await s.cache.current()).toEqual({ settings: tenant, source: 'tenant' });
  });

  it("never answers one backend's settings for another, after a restart too (read from storage)", async () => {
    const first = setup(() => json(200, tenant));
    await first.cache.current();
    const other = setup(
      () => json(404, { error: { code: 'not_found', message: 'no route' } }),
      'https://known.example.com',
    );
    expect(await other.cache.current()).toMatchObject({ source: 'default' });
    const restarted = setup(() => json(500, {}));
    expect(await restarted.cache.current()).toEqual({ settings: tenant, source: 'tenant' });
    expect(restarted.calls).toHaveLength(0);
  });

  it('forgets everything on clear (new backend URL or token)', async () => {
    const s = setup(() => json(200, tenant));
    await s.cache.current();
    s.cache.clear();
    await s.cache.current();
    expect(s.calls).toHaveLength(2);
  });
});
