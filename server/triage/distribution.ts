import { type Kysely, sql } from 'kysely';
import type { SegmentPercentiles, SegmentThresholds } from '../../lib/contract/triage.ts';
import { DEFAULT_THRESHOLDS } from '../../lib/triage/defaults.ts';
import { percentile, percentileRank } from '../../lib/triage/percentiles.ts';
import type { Database } from '../db/types.ts';

// The tenant's own distribution, as cut-offs. Over LIVE profiles only (merged ones are history):
// - spend and lifetime value of profiles that have one (a NULL is "never bought", not a zero that would drag
//   every percentile down): per percentile, the two neighbouring values are read with LIMIT 2 OFFSET k from
//   the partial indexes of migration 0006, which hold only live profiles' values, so no table row is read;
// - followers summed per profile, of profiles with at least one social account (a profile without one has
//   an unknown audience, not a zero one): one grouped pass over the covering index social_accounts_followers,
//   sorted here. Typically a third of profiles have an account.
// Measured on 1M synthetic profiles (server/seed/synthetic.ts): see README (issue 6) and the report.
// A sample smaller than MIN_SAMPLE keeps the default cut-off it feeds: the top 5 % of a few hundred customers
// is a handful of people, too few for a cut-off, and the demo tenant (7 personas and a 200-customer seeded
// month) must read as DESIGN.md tells it.

export const MIN_SAMPLE = 500;

export interface ComputedThresholds {
  thresholds: SegmentThresholds;
  /** Live profiles in the tenant. */
  profiles: number;
}

async function valueAt(
  db: Kysely<Database>,
  tenantId: string,
  column: 'value_last12m' | 'value_lifetime',
  n: number,
  p: number,
): Promise<number> {
  const { index, fraction } = percentileRank(n, p);
  const rows = await db
    .selectFrom('profiles')
    .select(`${column} as v`)
    .where('tenant_id', '=', tenantId)
    .where('merged_into', 'is', null)
    .where(column, 'is not', null)
    .orderBy(column)
    .limit(2)
    .offset(index)
    .execute();
  const below = Number(rows[0]?.v ?? 0);
  const above = Number(rows[1]?.v ?? below);
  return below + fraction * (above - below);
}

export async function computeThresholds(
  db: Kysely<Database>,
  tenantId: string,
  percentiles: SegmentPercentiles,
  fallback: SegmentThresholds = DEFAULT_THRESHOLDS,
): Promise<ComputedThresholds> {
  // Two counts, each answered from its own partial index (the lifetime one holds every live profile, NULL
  // values included); one query over both columns would read the table rows.
  const [lifetimeCounts, last12mCounts] = [
    await db
      .selectFrom('profiles')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('live'),
        eb.fn.count<number | string>('value_lifetime').as('n'),
      ])
      .where('tenant_id', '=', tenantId)
      .where('merged_into', 'is', null)
      .executeTakeFirstOrThrow(),
    await db
      .selectFrom('profiles')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('merged_into', 'is', null)
      .where('value_last12m', 'is not', null)
      .executeTakeFirstOrThrow(),
  ];
  const counts = { live: lifetimeCounts.live, last12m: last12mCounts.n, lifetime: lifetimeCounts.n };
  const live = Number(counts.live);
  const n12 = Number(counts.last12m);
  const nLife = Number(counts.lifetime);

  // Sequential on purpose: SQLite has one connection, and on PostgreSQL six short index reads in a row are
  // cheaper than six pool connections.
  const at12 = async (p: number, otherwise: number) =>
    n12 >= MIN_SAMPLE ? valueAt(db, tenantId, 'value_last12m', n12, p) : otherwise;
  const atLife = async (p: number, otherwise: number) =>
    nLife >= MIN_SAMPLE ? valueAt(db, tenantId, 'value_lifetime', nLife, p) : otherwise;
  const [p1, p2, p3] = percentiles.valueBands;
  const b1 = await at12(p1, fallback.valueBands[0]);
  const b2 = Math.max(b1, await at12(p2, fallback.valueBands[1]));
  const b3 = Math.max(b2, await at12(p3, fallback.valueBands[2]));
  const highValue = await atLife(percentiles.highValue, fallback.highValue);
  const lowValue = await atLife(percentiles.lowValue, fallback.lowValue);

  const followers = await followerSample(db, tenantId);
  const bigReach =
    followers.length >= MIN_SAMPLE
      ? (percentile(followers, percentiles.bigReach) ?? fallback.bigReach)
      : fallback.bigReach;

  return {
    thresholds: {
      valueBands: [b1, b2, b3],
      highValue,
      lowValue,
      bigReach,
      topTierRank: fallback.topTierRank,
    },
    profiles: live,
  };
}

/** Profiles per page of the followers pass: each page is a short query, so the event loop breathes between. */
const FOLLOWER_PAGE = 50_000;

/**
 * Followers summed per live profile that has a social account, ascending. Read in pages of profiles (keyset on
 * profile_id over the covering index): better-sqlite3 runs a query synchronously, and one pass over a million
 * accounts would hold every other request for seconds.
 */
async function followerSample(db: Kysely<Database>, tenantId: string): Promise<number[]> {
  const merged = new Set(
    (
      await db
        .selectFrom('profiles')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('merged_into', 'is not', null)
        .execute()
    ).map((r) => r.id),
  );
  const sums: number[] = [];
  let after: string | undefined;
  for (;;) {
    let q = db
      .selectFrom('social_accounts')
      .select(['profile_id', sql<number | string>`sum(followers)`.as('f')])
      .where('tenant_id', '=', tenantId);
    if (after !== undefined) q = q.where('profile_id', '>', after);
    const rows = await q.groupBy('profile_id').orderBy('profile_id').limit(FOLLOWER_PAGE).execute();
    for (const r of rows) if (!merged.has(r.profile_id)) sums.push(Number(r.f));
    if (rows.length < FOLLOWER_PAGE) break;
    after = rows[rows.length - 1]?.profile_id;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const sample = Float64Array.from(sums);
  sample.sort();
  return Array.from(sample);
}
