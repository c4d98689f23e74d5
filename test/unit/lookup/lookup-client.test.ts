import { describe, expect, it } from 'vitest';
import type { Identifier } from '../../../lib/contract/identifier.ts';
import type { LookupRequest } from '../../../lib/contract/lookup.ts';
import { identityKey } from '../../../lib/contract/normalize.ts';
import type { ProfileSummary } from '../../../lib/contract/profile.ts';
import { toBadgeResult } from '../../../lib/lookup/badge-result.ts';
import { createLookupClient, type LookupClientOptions } from '../../../lib/lookup/lookup-client.ts';

// A fake backend for the client's own logic only (batching, de-duplication, caching, error mapping);
// the real backend is exercised over HTTP in the server tests and the e2e test.
const sofia: ProfileSummary = {
  id: 'p-sofia',
  name: 'Sofia Reyes',
  tier: { program: 'Skyward', name: 'Gold', rank: 2 },
  value: { currency: 'USD', lifetime: 48200, last12m: 9850 },
  identities: [{ kind: 'handle', network: 'x', value: 'sofiaflies' }],
  social: [{ network: 'x', handle: 'sofiaflies', followers: 412 }],
  reach: { followers: 412 },
};

function fakeBackend(answer: (body: LookupRequest) => Response | Promise<Response> = matchSofia) {
  const calls: LookupRequest[] = [];
  const fetch = async (_url: string, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as LookupRequest;
    calls.push(body);
    return answer(body);
  };
  return { fetch, calls };
}

function matchSofia(body: LookupRequest): Response {
  return Response.json({
    results: body.identifiers.map((identifier) =>
      identifier.kind === 'handle' && identifier.value === 'sofiaflies'
        ? { identifier, status: 'matched', profile: sofia }
        : { identifier, status: 'not_found' },
    ),
  });
}

const handle = (value: string): Identifier => ({ kind: 'handle', network: 'x', value });
const connected = async () => ({ url: 'http://backend.test', token: 'secret' });

function client(overrides: Partial<LookupClientOptions> & Pick<LookupClientOptions, 'fetch'>) {
  return createLookupClient({ getConnection: connected, batchWindowMs: 5, ...overrides });
}

describe('createLookupClient', () => {
  it('batches requests made within the window into one POST and de-duplicates identifiers', async () => {
    const backend = fakeBackend();
    const lookups = client({ fetch: backend.fetch });
    const [first, second] = await Promise.all([
      lookups.lookup([handle('@SofiaFlies'), handle('random_user1')], 'https://x.com'),
      lookups.lookup(
        [handle('sofiaflies'), { kind: 'email', value: 'Nobody@Example.com ' }],
        'https://x.com',
      ),
    ]);
    expect(backend.calls).toHaveLength(1);
    expect(backend.calls[0]?.identifiers.map(identityKey)).toEqual([
      'handle:x:sofiaflies',
      'handle:x:random_user1',
      'email:nobody@example.com',
    ]);
    expect(backend.calls[0]?.context).toEqual({ pageOrigin: 'https://x.com' });
    expect(first?.map((outcome) => outcome.status)).toEqual(['matched', 'unknown']);
    expect(second?.map((outcome) => outcome.status)).toEqual(['matched', 'unknown']);
  });

  it('splits more than 100 identifiers into several POSTs of at most 100', async () => {
    const backend = fakeBackend();
    const many = Array.from({ length: 250 }, (_, i) => handle(`user_${i}`));
    const outcomes = await client({ fetch: backend.fetch }).lookup(many);
    expect(backend.calls.map((call) => call.identifiers.length)).toEqual([100, 100, 50]);
    expect(outcomes).toHaveLength(250);
    expect(outcomes.every((outcome) => outcome.status === 'unknown')).toBe(true);
  });

  it('serves answers from the cache until they expire', async () => {
    const backend = fakeBackend();
    let now = 1_000;
    const lookups = client({ fetch: backend.fetch, cacheTtlMs: 60_000, now: () => now });
    await lookups.lookup([handle('sofiaflies')]);
    now += 59_000;
    const [cached] = await lookups.lookup([handle('SOFIAFLIES')]);
    expect(cached?.status).toBe('matched');
    expect(backend.calls).toHaveLength(1);
    now += 2_000;
    await lookups.lookup([handle('sofiaflies')]);
    expect(backend.calls).toHaveLength(2);
  });

  it('does not cache errors, and clear() forgets answers', async () => {
    let up = false;
    const backend = fakeBackend((body) => (up ? matchSofia(body) : Response.json({}, { status: 503 })));
    const lookups = client({ fetch: backend.fetch });
    const [down] = await lookups.lookup([handle('sofiaflies')]);
    expect(down).toMatchObject({ status: 'error', error: { code: 'server_error' } });
    up = true;
    const [again] = await lookups.lookup([handle('sofiaflies')]);
    expect(again?.status).toBe('matched');
    lookups.clear();
    await lookups.lookup([handle('sofiaflies')]);
    expect(backend.calls).toHaveLength(3);
  });

  it('maps failures to typed errors', async () => {
    const cases: [LookupClientOptions['fetch'], string][] = [
      [
        async () => {
          throw new TypeError('Failed to fetch');
        },
        'unreachable',
      ],
      [
        async () => Response.json({ error: { code: 'unauthorized', message: 'bad token' } }, { status: 401 }),
        'unauthorized',
      ],
      [async () => Response.json({ results: [{ nonsense: true }] }), 'bad_response'],
      [async () => new Response('<html>not known</html>', { status: 404 }), 'bad_response'],
      [
        async () => Response.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 }),
        'server_error',
      ],
      [
        async () =>
          Response.json({ error: { code: 'batch_too_large', message: 'too many' } }, { status: 400 }),
        'rejected',
      ],
      [async () => Response.json({ results: [] }), 'bad_response'],
    ];
    for (const [fetch, code] of cases) {
      const [outcome] = await client({ fetch }).lookup([handle('sofiaflies')]);
      expect(outcome, code).toMatchObject({ status: 'error', error: { code } });
    }
  });

  it('reports not_configured without calling the backend when no token is set', async () => {
    const backend = fakeBackend();
    const lookups = client({
      fetch: backend.fetch,
      getConnection: async () => ({ url: 'http://b', token: null }),
    });
    const [outcome] = await lookups.lookup([handle('sofiaflies')]);
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'not_configured' } });
    expect(backend.calls).toHaveLength(0);
  });
});

describe('toBadgeResult', () => {
  it('keeps only tier, value band and reach of a matched profile', () => {
    const result = toBadgeResult({ status: 'matched', identifier: handle('sofiaflies'), profile: sofia });
    expect(result).toEqual({
      key: 'handle:x:sofiaflies',
      status: 'matched',
      label: 'Gold',
      tier: 'Gold',
      valueBand: expect.stringMatching(/^\$+$/),
      reach: sofia.reach.followers,
    });
    expect(JSON.stringify(result)).not.toMatch(/Sofia Reyes|48200|sofia\.reyes/);
  });

  it('in privacy mode keeps only the tier', () => {
    const result = toBadgeResult(
      { status: 'matched', identifier: handle('sofiaflies'), profile: sofia },
      { privacyMode: true },
    );
    expect(result).toEqual({ key: 'handle:x:sofiaflies', status: 'matched', label: 'Gold', tier: 'Gold' });
  });

  it('labels a profile without a tier as Known', () => {
    const result = toBadgeResult({
      status: 'matched',
      identifier: handle('tylertravelsworld'),
      profile: { ...sofia, tier: null },
    });
    expect(result).toMatchObject({ status: 'matched', label: 'Known' });
  });
});
