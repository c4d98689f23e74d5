import { describe, expect, it } from 'vitest';
import type { TriageFacts } from '../../../lib/contract/triage.ts';
import {
  collectPageTriage,
  identifierFromKey,
  type PageTriageDeps,
  rankPageEntries,
  TRIAGE_BATCH,
} from '../../../lib/lookup/page-triage.ts';
import { PageTriageView } from '../../../lib/messaging/triage-schemas.ts';
import { daniel, entry, facts, handle, jane, matched, NOW, SETTINGS, tyler } from './fixtures.ts';

const factsMap = new Map(Object.entries(facts));

describe('identifierFromKey: a badge key back to its identifier', () => {
  it('reads the keys the content script makes', () => {
    expect(identifierFromKey('handle:x:janesmith')).toEqual(handle('janesmith'));
    expect(identifierFromKey('email:jane@example.com')).toEqual({ kind: 'email', value: 'jane@example.com' });
    expect(identifierFromKey('loyalty:LC000123')).toEqual({ kind: 'loyalty', value: 'LC000123' });
    // Fediverse handles keep their host after the first colon-free part.
    expect(identifierFromKey('handle:fediverse:ann@mastodon.social')).toEqual({
      kind: 'handle',
      network: 'fediverse',
      value: 'ann@mastodon.social',
    });
  });

  it('refuses anything that is not a canonical key', () => {
    for (const key of ['', 'phone:+1555', 'handle:myspace:tom', 'handle:x:JaneSmith', 'email:', 'handle:x']) {
      expect(identifierFromKey(key), key).toBeNull();
    }
  });
});

describe('rankPageEntries', () => {
  it('puts the quiet VIP (75 followers) above the 20k-follower non-customer, whatever the page order', () => {
    const rows = rankPageEntries(
      [entry('tylertravelsworld', matched(tyler)), entry('dbrooks_travels', matched(daniel))],
      factsMap,
      SETTINGS,
      NOW,
    );
    expect(rows.map((row) => row.key)).toEqual(['handle:x:dbrooks_travels', 'handle:x:tylertravelsworld']);
    const [first, second] = rows;
    expect(first).toMatchObject({
      status: 'matched',
      name: 'Daniel Brooks',
      tier: 'Ambassador',
      valueBand: '$$$$',
      reachClass: 'quiet_vip',
      followers: 75,
      waitingSince: facts.prf_daniel?.waitingSince,
    });
    expect(second).toMatchObject({
      reachClass: 'influencer_not_customer',
      valueBand: null,
      lastOutboundAt: facts.prf_tyler?.lastOutboundAt,
    });
    if (first?.status === 'matched' && second?.status === 'matched') {
      expect(first.score).toBeGreaterThan(second.score);
      expect(first.reasons.length).toBeGreaterThan(0);
    }
  });

  it('classifies with the tenant thresholds it is given, not fixed numbers', () => {
    // A tenant of big spenders: 38,900 a year is only `$$`, and 100 followers is already loud.
    const tenant = {
      ...SETTINGS,
      thresholds: {
        ...SETTINGS.thresholds,
        valueBands: [10_000, 50_000, 200_000] as [number, number, number],
        bigReach: 50,
      },
    };
    const [row] = rankPageEntries([entry('dbrooks_travels', matched(daniel))], null, tenant, NOW);
    expect(row).toMatchObject({
      valueBand: '$$',
      reachClass: 'loud_vip',
      openLoops: null,
      waitingSince: null,
    });
  });

  it('lists several-profile matches, failures and then unknown identities below the customers, in page order', () => {
    const rows = rankPageEntries(
      [
        entry('random_user', { status: 'unknown' }),
        entry('shared', { status: 'ambiguous', candidates: [daniel, jane] }),
        entry('broken', { status: 'error', error: { code: 'server_error', message: 'HTTP 500' } }),
        entry('another_stranger', { status: 'unknown' }),
        entry('janesmith', matched(jane)),
      ],
      factsMap,
      SETTINGS,
      NOW,
    );
    expect(rows.map((row) => `${row.status}:${row.key.split(':')[2]}`)).toEqual([
      'matched:janesmith',
      'ambiguous:shared',
      'error:broken',
      'unknown:random_user',
      'unknown:another_stranger',
    ]);
    expect(rows[1]).toMatchObject({ candidates: 2 });
  });
});

function deps(overrides: Partial<PageTriageDeps> = {}): PageTriageDeps & { asked: string[][] } {
  const asked: string[][] = [];
  const profiles = new Map([
    ['dbrooks_travels', daniel],
    ['tylertravelsworld', tyler],
    ['janesmith', jane],
  ]);
  return {
    asked,
    tabId: 7,
    pageOrigin: 'https://x.com',
    askPage: async () => [
      { key: 'handle:x:tylertravelsworld', status: 'matched' },
      { key: 'handle:x:random_user', status: 'unknown' },
      { key: 'handle:x:dbrooks_travels', status: 'matched' },
    ],
    lookup: async (identifiers) =>
      identifiers.map((identifier) => {
        const profile = profiles.get(identifier.value);
        return profile ? { status: 'matched', identifier, profile } : { status: 'unknown', identifier };
      }),
    facts: async (profileIds) => {
      asked.push(profileIds);
      return {
        ok: true,
        value: { items: profileIds.flatMap((id) => (facts[id] ? [facts[id] as TriageFacts] : [])) },
      };
    },
    settings: async () => ({ settings: SETTINGS, source: 'tenant' }),
    now: () => NOW,
    ...overrides,
  };
}

describe('collectPageTriage', () => {
  it('asks the page, looks up, fetches facts for matched profiles only, and answers a valid view', async () => {
    const d = deps();
    const view = await collectPageTriage(d);
    expect(PageTriageView.safeParse(view).success).toBe(true);
    expect(view).toMatchObject({ ok: true, tabId: 7, settingsSource: 'tenant' });
    expect(d.asked).toEqual([['prf_tyler', 'prf_daniel']]);
    if (!view.ok) throw new Error('expected a view');
    expect(view.rows.map((row) => row.key)).toEqual([
      'handle:x:dbrooks_travels',
      'handle:x:tylertravelsworld',
      'handle:x:random_user',
    ]);
    expect(view.factsError).toBeUndefined();
  });

  it('still ranks, by the profiles alone, when POST /v1/triage fails, and says why', async () => {
    const view = await collectPageTriage(
      deps({
        facts: async () => ({ ok: false, error: { code: 'not_found', message: 'no such route' } }),
      }),
    );
    if (!view.ok) throw new Error('expected a view');
    expect(view.factsError?.message).toBe('no such route');
    expect(view.rows[0]).toMatchObject({
      key: 'handle:x:dbrooks_travels',
      openLoops: null,
      waitingSince: null,
    });
  });

  it(`sends at most ${TRIAGE_BATCH} profile ids per request`, async () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ key: `handle:x:user${i}`, status: 'matched' }));
    const d = deps({
      askPage: async () => many,
      lookup: async (identifiers) =>
        identifiers.map((identifier) => ({
          status: 'matched',
          identifier,
          profile: { ...jane, id: `prf_${identifier.value}`, name: identifier.value },
        })),
    });
    const view = await collectPageTriage(d);
    expect(d.asked.map((ids) => ids.length)).toEqual([100, 100, 50]);
    expect(view.ok && view.rows.length).toBe(250);
  });

  it('refuses what a page could forge: bad lists and non-canonical keys', async () => {
    expect(await collectPageTriage(deps({ askPage: async () => ({ keys: 'all' }) }))).toMatchObject({
      ok: false,
    });
    const view = await collectPageTriage(
      deps({
        askPage: async () => [
          { key: 'handle:x:JaneSmith', status: 'matched' },
          { key: 'handle:x:janesmith', status: 'matched' },
          { key: 'handle:x:janesmith', status: 'matched' },
        ],
      }),
    );
    expect(view.ok && view.rows.map((row) => row.key)).toEqual(['handle:x:janesmith']);
  });

  it('answers a failure, never throws, when the page has no content script', async () => {
    const view = await collectPageTriage(
      deps({
        askPage: async () => {
          throw new Error('Could not establish connection');
        },
      }),
    );
    expect(view).toMatchObject({ ok: false, error: { code: 'extension_error' } });
  });
});
