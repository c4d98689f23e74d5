import { type Kysely, SqliteAdapter, sql } from 'kysely';
import type { SegmentPercentiles, SegmentThresholds } from '../../lib/contract/triage.ts';
import { DEFAULT_THRESHOLDS } from '../../lib/triage/defaults.ts';
import { percentileRank } from '../../lib/triage/percentiles.ts';
import type { Database } from '../db/types.ts';

// The tenant's own distribution, as cut-offs. Over LIVE profiles only (merged ones are history):
// - spend and lifetime value of profiles that have one (a NULL is "never bought", not a zero that would drag
//   every percentile down): per percentile, the two neighbouring values are read with LIMIT 2 OFFSET k from
//   the partial indexes of migration 0006, which hold only live profiles' values, so no table row is read;
// - followers summed per profile, of profiles with at least one social account (a profile without one has
//   an unknown audience, not a zero one): profiles.social_followers, NULL without an account (migration 0008,
//   kept by triggers), read the same way from its partial index profiles_live_followers. Typically a third of
//   profiles have an account.
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

type Sample = 'value_last12m' | 'value_lifetime' | 'social_followers';

/** Each sample's partial index over live profiles (migrations 0006 and 0008). */
const SAMPLE_INDEX: Record<Sample, string> = {
  value_last12m: 'profiles_live_last12m',
  value_lifetime: 'profiles_live_lifetime',
  social_followers: 'profiles_live_followers',
};

/**
 * `profiles` for a read of one sample: on SQLite pinned to the sample's partial index. Its planner otherwise
 * takes the wider covering index profiles_class (migration 0008 holds every column these reads name) and
 * sorts the tenant for each percentile: 22 s instead of a few ms on 1M profiles without ANALYZE statistics.
 */
const sampleTable = (db: Kysely<Database>, column: Sample) =>
  db.getExecutor().adapter instanceof SqliteAdapter
    ? sql`profiles INDEXED BY ${sql.raw(SAMPLE_INDEX[column])}`
    : sql`profiles`;

async function valueAt(
  db: Kysely<Database>,
  tenantId: string,
  column: Sample,
  n: number,
  p: number,
): Promise<number> {
  const { index, fraction } = percentileRank(n, p);
  const c = sql.ref(column);
  const { rows } = await sql<{ v: number | string | null }>`
    SELECT ${c} AS v FROM ${sampleTable(db, column)}
    WHERE tenant_id = ${tenantId} AND merged_into IS NULL AND ${c} IS NOT NULL
    ORDER BY ${c} LIMIT 2 OFFSET ${index}`.execute(db);
  const below = Number(rows[0]?.v ?? 0);
  const above = Number(rows[1]?.v ?? below);
  return below + fraction * (above - below);
}

/** Live profiles with a value in `column` (and, with `live`, all live profiles), from its partial index. */
async function sampleSize(db: Kysely<Database>, tenantId: string, column: Sample) {
  const c = sql.ref(column);
  const { rows } = await sql<{ live: number | string; n: number | string }>`
    SELECT count(*) AS live, count(${c}) AS n FROM ${sampleTable(db, column)}
    WHERE tenant_id = ${tenantId} AND merged_into IS NULL
      ${column === 'value_lifetime' ? sql`` : sql`AND ${c} IS NOT NULL`}`.execute(db);
  return { live: Number(rows[0]?.live ?? 0), n: Number(rows[0]?.n ?? 0) };
}

export async function computeThresholds(
  db: Kysely<Database>,
  tenantId: string,
  percentiles: SegmentPercentiles,
  fallback: SegmentThresholds = DEFAULT_THRESHOLDS,
): Promise<ComputedThresholds> {
  // Three counts, each answered from its own partial index (the lifetime one holds every live profile, NULL
  // values included); one query over several columns would read the table rows.
  const lifetime = await sampleSize(db, tenantId, 'value_lifetime');
  const live = lifetime.live;
  const nLife = lifetime.n;
  const n12 = (await sampleSize(db, tenantId, 'value_last12m')).n;

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

  const withAccount = (await sampleSize(db, tenantId, 'social_followers')).n;
  const bigReach =
    withAccount >= MIN_SAMPLE
      ? await valueAt(db, tenantId, 'social_followers', withAccount, percentiles.bigReach)
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
