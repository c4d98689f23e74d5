import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportRow } from '../../../lib/contract/import-row.ts';
import type { PriorityWeights, SegmentThresholds } from '../../../lib/contract/triage.ts';
import { DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS } from '../../../lib/triage/defaults.ts';
import { type PrioritySubject, priorityScore, rankByPriority } from '../../../lib/triage/priority.ts';
import { storyProfiles } from '../../../server/seed/story-profiles.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const DAY = 86_400_000;
const settings = { thresholds: DEFAULT_THRESHOLDS, weights: DEFAULT_WEIGHTS };

const arbFacts = fc.option(
  fc.record({
    openLoops: fc.nat({ max: 12 }),
    oldestOpenLoopSince: fc.option(
      fc.integer({ min: 0, max: 400 }).map((d) => new Date(NOW.getTime() - d * DAY).toISOString()),
    ),
    negativeSentiment: fc.boolean(),
  }),
);
const arbValue = fc.option(
  fc.record({
    currency: fc.constant('USD'),
    lifetime: fc.double({ min: 0, max: 5e6, noNaN: true }),
    last12m: fc.double({ min: 0, max: 1e6, noNaN: true }),
  }),
);
const arbTier = fc.option(
  fc.record({ program: fc.constant('P'), name: fc.constant('T'), rank: fc.integer({ min: 1, max: 6 }) }),
);
const arbFollowers = fc.integer({ min: 0, max: 50_000_000 });
const arbThresholds: fc.Arbitrary<SegmentThresholds> = fc
  .record({
    bands: fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 3 }),
    lowValue: fc.double({ min: 0, max: 1e5, noNaN: true }),
    highValue: fc.double({ min: 0, max: 1e7, noNaN: true }),
    bigReach: fc.double({ min: 0, max: 1e7, noNaN: true }),
    topTierRank: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ bands, ...rest }) => {
    const [a, b, c] = [...bands].sort((x, y) => x - y) as [number, number, number];
    return { ...rest, valueBands: [a, b, c] };
  });
/** Any weights where the top tier is worth more than the whole reach bonus (the settings endpoint enforces it). */
const arbWeights: fc.Arbitrary<PriorityWeights> = fc
  .record({
    tier: fc.double({ min: 0.01, max: 1000, noNaN: true }),
    last12m: fc.double({ min: 0, max: 1000, noNaN: true }),
    lifetime: fc.double({ min: 0, max: 1000, noNaN: true }),
    openLoop: fc.double({ min: 0, max: 100, noNaN: true }),
    loopAgePerDay: fc.double({ min: 0, max: 10, noNaN: true }),
    loopAgeCapDays: fc.double({ min: 0, max: 365, noNaN: true }),
    negativeSentiment: fc.double({ min: 0, max: 100, noNaN: true }),
    reachShare: fc.double({ min: 0, max: 0.99, noNaN: true }),
  })
  .map(({ reachShare, ...w }) => ({ ...w, reachBonusMax: w.tier * reachShare }));
const arbSettings = fc.record({ thresholds: arbThresholds, weights: arbWeights });

describe('priorityScore', () => {
  it('keeps a top tier above the reach bonus even when the margin is below rounding (found by fast-check)', () => {
    const s = {
      thresholds: {
        lowValue: 0,
        highValue: 0,
        bigReach: 0,
        topTierRank: 1,
        valueBands: [0, 0, 0] as [number, number, number],
      },
      weights: {
        ...DEFAULT_WEIGHTS,
        tier: 0.01,
        last12m: 0,
        lifetime: 3.7651,
        openLoop: 0,
        loopAgePerDay: 0,
        loopAgeCapDays: 0,
        negativeSentiment: 0,
        reachBonusMax: 0.0099,
      },
    };
    const topTier = priorityScore(
      {
        profile: { tier: { program: 'P', name: 'Top', rank: 1 }, value: null, reach: { followers: 0 } },
        facts: null,
      },
      s,
      NOW,
    );
    const loud = priorityScore(
      { profile: { tier: null, value: null, reach: { followers: 1 } }, facts: null },
      s,
      NOW,
    );
    expect(topTier.score).toBeGreaterThan(loud.score);
  });

  it('never lets reach alone lift a non-customer above a top-tier customer with the same facts', () => {
    fc.assert(
      fc.property(
        arbSettings,
        arbFacts,
        arbValue,
        arbFollowers,
        arbFollowers,
        (s, facts, value, loud, quiet) => {
          const nonCustomer: PrioritySubject = {
            profile: { tier: null, value: null, reach: { followers: loud } },
            facts,
          };
          const topTier: PrioritySubject = {
            profile: { tier: { program: 'P', name: 'Top', rank: 1 }, value, reach: { followers: quiet } },
            facts,
          };
          const a = priorityScore(topTier, s, NOW);
          const b = priorityScore(nonCustomer, s, NOW);
          expect(a.score).toBeGreaterThan(b.score);
          const ranked = rankByPriority([
            { score: b.score, followers: loud, name: 'A loud account' },
            { score: a.score, followers: quiet, name: 'Z quiet customer' },
          ]);
          expect(ranked[0]?.name).toBe('Z quiet customer');
        },
      ),
    );
  });

  it('bounds the reach bonus by reachBonusMax, whatever the audience', () => {
    fc.assert(
      fc.property(
        arbSettings,
        arbTier,
        arbValue,
        arbFacts,
        arbFollowers,
        (s, tier, value, facts, followers) => {
          const p = priorityScore({ profile: { tier, value, reach: { followers } }, facts }, s, NOW);
          expect(p.parts.reach).toBeGreaterThanOrEqual(0);
          expect(p.parts.reach).toBeLessThanOrEqual(s.weights.reachBonusMax + 0.005);
          const none = priorityScore({ profile: { tier, value, reach: { followers: 0 } }, facts }, s, NOW);
          expect(p.score - none.score).toBeLessThanOrEqual(s.weights.reachBonusMax + 0.01);
        },
      ),
    );
  });

  it('never decreases when spend, lifetime value or the tier grows', () => {
    fc.assert(
      fc.property(
        arbSettings,
        arbTier,
        arbValue,
        arbFacts,
        arbFollowers,
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (s, tier, value, facts, followers, more12m, moreLifetime) => {
          const base = value ?? { currency: 'USD', lifetime: 0, last12m: 0 };
          const before = priorityScore(
            { profile: { tier, value, reach: { followers } }, facts },
            s,
            NOW,
          ).score;
          const richer = {
            ...base,
            last12m: base.last12m + more12m,
            lifetime: base.lifetime + moreLifetime,
          };
          const better = tier
            ? { ...tier, rank: Math.max(1, tier.rank - 1) }
            : { program: 'P', name: 'T', rank: 6 };
          const after = priorityScore(
            { profile: { tier: better, value: richer, reach: { followers } }, facts },
            s,
            NOW,
          ).score;
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it('never decreases as the oldest open loop ages, and adds per loop', () => {
    fc.assert(
      fc.property(
        arbSettings,
        arbTier,
        arbValue,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.boolean(),
        (s, tier, value, loops, d1, d2, negative) => {
          const [younger, older] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const subject = (days: number, openLoops = loops): PrioritySubject => ({
            profile: { tier, value, reach: { followers: 10 } },
            facts: {
              openLoops,
              oldestOpenLoopSince: new Date(NOW.getTime() - days * DAY).toISOString(),
              negativeSentiment: negative,
            },
          });
          expect(priorityScore(subject(older), s, NOW).score).toBeGreaterThanOrEqual(
            priorityScore(subject(younger), s, NOW).score,
          );
          expect(priorityScore(subject(younger, loops + 1), s, NOW).score).toBeGreaterThanOrEqual(
            priorityScore(subject(younger), s, NOW).score,
          );
        },
      ),
    );
  });

  it('says why, with the parts adding up to the score', () => {
    const p = priorityScore(
      {
        profile: {
          tier: { program: 'Harbor', name: 'Ambassador', rank: 1 },
          value: { currency: 'USD', lifetime: 182_400, last12m: 38_900 },
          reach: { followers: 75 },
        },
        facts: {
          openLoops: 2,
          oldestOpenLoopSince: new Date(NOW.getTime() - 10 * DAY).toISOString(),
          negativeSentiment: true,
        },
      },
      settings,
      NOW,
    );
    expect(p.parts).toMatchObject({
      tier: 40,
      last12m: 35,
      lifetime: 25,
      openLoops: 24,
      loopAge: 10,
      negativeSentiment: 10,
    });
    const sum = Object.values(p.parts).reduce((a, b) => a + b, 0);
    expect(p.score).toBeCloseTo(sum, 1);
    expect(p.reasons).toEqual([
      'Tier Ambassador (rank 1)',
      '38.9K spent in the last 12 months',
      '182.4K lifetime value',
      '2 open loops, oldest 10 days',
      'Latest message was negative',
      '75 followers (tie-breaker)',
    ]);
  });
});

describe('rankByPriority', () => {
  it('breaks ties by reach, then name, and keeps equal items in their order', () => {
    const items = [
      { score: 5, followers: 10, name: 'b', id: 1 },
      { score: 5, followers: 10, name: 'a', id: 2 },
      { score: 5, followers: 99, name: 'z', id: 3 },
      { score: 9, followers: 0, name: 'y', id: 4 },
      { score: 5, followers: 10, name: 'a', id: 5 },
    ];
    expect(rankByPriority(items).map((i) => i.id)).toEqual([4, 3, 2, 5, 1]);
    expect(items.map((i) => i.id)).toEqual([1, 2, 3, 4, 5]); // not sorted in place
  });
});

describe('the story fixture (seeds/002)', () => {
  const toSubject = (row: ImportRow): PrioritySubject['profile'] => ({
    tier: row.loyalty
      ? { program: row.loyalty.program, name: row.loyalty.tier, rank: row.loyalty.tierRank }
      : null,
    value: row.value
      ? { currency: row.value.currency, lifetime: row.value.lifetime, last12m: row.value.last12m }
      : null,
    reach: { followers: (row.social ?? []).reduce((sum, s) => sum + s.followers, 0) },
  });

  it('ranks Daniel, the quiet VIP with 75 followers, above the 20k-follower non-customer', () => {
    const rows = storyProfiles(NOW);
    const byName = (name: string) => rows.find((r) => r.name === name) as ImportRow;
    const daniel = toSubject(byName('Daniel Brooks'));
    const tyler = toSubject(byName('Tyler Vance'));
    expect(daniel.reach.followers).toBe(75);
    expect(tyler.reach.followers).toBe(20_400);
    // Even when the influencer has an open, week-old, angry loop and Daniel has none.
    const ranked = rankByPriority(
      [
        {
          name: 'Tyler Vance',
          followers: 20_400,
          p: priorityScore(
            {
              profile: tyler,
              facts: {
                openLoops: 1,
                oldestOpenLoopSince: new Date(NOW.getTime() - 7 * DAY).toISOString(),
                negativeSentiment: true,
              },
            },
            settings,
            NOW,
          ),
        },
        {
          name: 'Daniel Brooks',
          followers: 75,
          p: priorityScore({ profile: daniel, facts: null }, settings, NOW),
        },
      ].map((i) => ({ ...i, score: i.p.score })),
    );
    expect(ranked.map((i) => i.name)).toEqual(['Daniel Brooks', 'Tyler Vance']);
  });

  it('orders every story persona by value, reach last', () => {
    const ranked = rankByPriority(
      storyProfiles(NOW).map((row) => {
        const profile = toSubject(row);
        return {
          name: row.name,
          followers: profile.reach.followers,
          score: priorityScore({ profile, facts: null }, settings, NOW).score,
        };
      }),
    );
    // Daniel and Priya are both top tier with spend past every cut-off: worth the same, so Priya's larger
    // audience (1,250 against 75) breaks the tie, as a tie-breaker should.
    expect(ranked.map((r) => r.name)).toEqual([
      'Priya Nair',
      'Daniel Brooks',
      'Sofia Reyes',
      'Jane Smith',
      'Mary Okafor',
      'John Carter',
      'Tyler Vance',
    ]);
  });
});
