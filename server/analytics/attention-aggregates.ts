import { type Kysely, sql } from 'kysely';
import { REACH_CLASSES, type ReachClassName, type SegmentThresholds } from '../../lib/contract/triage.ts';
import type { Database } from '../db/types.ts';
import { reachClassCodeSql } from '../triage/class-sql.ts';
import type { AnalyticsWindow } from './analytics-window.ts';
import { classedProfilesScan, interactionsScan, isSqlite } from './reach-class-sql.ts';
import { responseBucketSql } from './response-histogram.ts';
import { engagementsWhere } from './window-filters.ts';

// What the attention report reads from the window (GET /v1/analytics/attention), from ONE range scan of the
// covering index interactions_attention, each engagement joined to its customer's class and tier by one read
// of the covering index profiles_class (migration 0008: class inputs and summed followers on the profile):
// - `engagements` rows: per class, tier and response bucket, engagements, contact requests, unanswered ones;
// - `profiles` rows: customers who engaged, per class and tier;
// - the gaps: the customers whose value most outweighs the attention they got, last-12-months value times
//   their attention deficit (the mean over their engagements of min(wait, 1 day) / 1 day, an unanswered one
//   counting a full day), largest first, ties by profile id.
// The scan and the join are read once: each further pass over the window (the report used to make two, and
// class each customer through a subquery) cost as much again.
//
// PostgreSQL aggregates with hash tables; SQLite has none and sorts for every GROUP BY, which at 370k
// engagements (a month of a 10M-interaction tenant) was most of its time. So on SQLite the window's narrow
// rows are sorted by customer once, before the join (e): the profile seeks then go in key order, and the
// per-customer grouping (g) reads r in that order without a sort of its own, leaving one sort for the
// engagement grouping and one of the small per-customer rows for the per-class counts. The class is grouped
// as a small integer (its REACH_CLASSES index), which both databases compare and hash faster than its name.
// Measured on the bench data (bench/analytics.ts, 30 days of 1M profiles / 10M interactions, 371k engagements;
// a year of 100k / 1M, 499k): about a fifth to a third less CPU on SQLite than three sorts of the joined rows,
// a tenth or more on PostgreSQL, the same answer. Tried and not kept: reading the joined rows into this
// process and summing them in maps (copying 370k rows out of SQLite costs ~0.8 µs each, what the sorts did);
// window functions to count customers and rank gaps without g (SQLite's cost more than the sort they save);
// on PostgreSQL, a merge join in profile id order, one GROUPING SETS pass instead of r and g, the window
// materialized before the join (the planner still hashes the profiles), a narrower profiles side.

export interface AggregateRow {
  kind: 'engagements' | 'profiles';
  cls: string;
  rank: number | null;
  tier: string | null;
  bucket: number | null;
  n: number | string;
  cr: number | string | null;
  cr_open: number | string | null;
}

export interface RankedGap {
  profile_id: string;
  n: number | string;
  waiting_since: string | null;
  gap: number | string;
}

export interface EngagementAggregates {
  rows: AggregateRow[];
  gaps: RankedGap[];
}

export async function engagementAggregates(
  db: Kysely<Database>,
  tenantId: string,
  w: AnalyticsWindow,
  thresholds: SegmentThresholds,
  gaps: number,
): Promise<EngagementAggregates> {
  // NULLs typed where PostgreSQL cannot infer a UNION column's type from an untyped NULL.
  const text = sql`CAST(NULL AS text)`;
  const int = sql`CAST(NULL AS integer)`;
  const wait = sql`CASE WHEN bucket IS NULL OR bucket >= 1440 THEN 1440 ELSE bucket END`;
  type Row = Omit<AggregateRow, 'cls'> & { cls: number | null };
  type GapRow = RankedGap & { kind: 'gap' };
  // g: one row per customer (class, tier and value are the profile's). On SQLite r comes in profile id order,
  // and grouping by the profile id alone reads it in that order without sorting it again; PostgreSQL hashes
  // the four columns faster than it computes max() of three of them. The gap divides by a double rather than
  // the numeric 1440.0 * n, which PostgreSQL computed in numeric for each customer (the same value: 1440 * n
  // is an exact integer).
  const g = isSqlite(db)
    ? sql`SELECT profile_id, max(cls) AS cls, max(rank) AS rank, max(tier) AS tier, max(v) AS v, count(*) AS n,
        sum(${wait}) AS wait, min(waiting_since) AS waiting_since
      FROM r GROUP BY profile_id`
    : sql`SELECT profile_id, cls, rank, tier, max(v) AS v, count(*) AS n, sum(${wait}) AS wait,
        min(waiting_since) AS waiting_since
      FROM r GROUP BY profile_id, cls, rank, tier`;
  const query = sql<Row | GapRow>`
    WITH ${joinedCtes(db, tenantId, w, thresholds)},
    g AS MATERIALIZED (${g})
    SELECT 'engagements' AS kind, cls, rank, tier, bucket, count(*) AS n, sum(cr) AS cr,
      sum(CASE WHEN cr = 1 AND bucket IS NULL THEN 1 ELSE 0 END) AS cr_open,
      ${text} AS profile_id, ${text} AS waiting_since, CAST(NULL AS double precision) AS gap
    FROM r GROUP BY cls, rank, tier, bucket
    UNION ALL
    SELECT 'profiles', cls, rank, tier, ${int}, count(*), ${int}, ${int}, ${text}, ${text}, NULL
    FROM g GROUP BY cls, rank, tier
    UNION ALL
    SELECT * FROM (
      SELECT 'gap' AS kind, ${int} AS cls, ${int} AS rank, ${text} AS tier, ${int} AS bucket, n, ${int} AS cr,
        ${int} AS cr_open, profile_id, waiting_since, v * wait / CAST(1440 * n AS double precision) AS gap
      FROM g WHERE v > 0 AND wait > 0
      ORDER BY 11 DESC, 9 LIMIT ${gaps}) gg
    ORDER BY 1, 11 DESC, 9`; // the gaps in their order again: UNION ALL promises none
  const { rows } = await withReportSettings(db, (q) => query.execute(q));
  const out: EngagementAggregates = { rows: [], gaps: [] };
  for (const r of rows) {
    if (r.kind === 'gap') {
      out.gaps.push({ profile_id: r.profile_id, n: r.n, waiting_since: r.waiting_since, gap: r.gap });
    } else out.rows.push({ ...r, cls: REACH_CLASSES[Number(r.cls)] as ReachClassName });
  }
  return out;
}

/**
 * `r`: the window's engagements, each with its customer's class (as its REACH_CLASSES index), tier rank and
 * name, and last-12-months value. On SQLite in profile id order (see the header), through `e`.
 */
function joinedCtes(db: Kysely<Database>, tenantId: string, w: AnalyticsWindow, t: SegmentThresholds) {
  const cls = reachClassCodeSql(t);
  const bucket = responseBucketSql('i.response_minutes');
  if (!isSqlite(db)) {
    return sql`r AS MATERIALIZED (
      SELECT i.profile_id AS profile_id, ${cls} AS cls, p.loyalty_tier_rank AS rank, p.loyalty_tier AS tier,
        p.value_last12m AS v, ${bucket} AS bucket, i.contact_requested AS cr,
        CASE WHEN i.response_minutes IS NULL THEN i.at END AS waiting_since
      FROM interactions i INNER JOIN profiles p ON p.tenant_id = i.tenant_id AND p.id = i.profile_id
      WHERE ${engagementsWhere(tenantId, w)})`;
  }
  // e is a CTE of its own so that SQLite sorts the narrow rows before the join (a subquery in FROM would be
  // flattened into the join and the wide joined rows sorted after it). Both tables are pinned to their
  // covering index and joined in this order (CROSS JOIN): the planner otherwise may start from the profiles
  // and read the window once per customer.
  return sql`e AS MATERIALIZED (
      SELECT i.profile_id AS profile_id, ${bucket} AS bucket, i.contact_requested AS cr,
        CASE WHEN i.response_minutes IS NULL THEN i.at END AS waiting_since
      FROM ${interactionsScan(db)} WHERE ${engagementsWhere(tenantId, w)}
      ORDER BY i.profile_id),
    r AS MATERIALIZED (
      SELECT e.profile_id AS profile_id, ${cls} AS cls, p.loyalty_tier_rank AS rank, p.loyalty_tier AS tier,
        p.value_last12m AS v, e.bucket AS bucket, e.cr AS cr, e.waiting_since AS waiting_since
      FROM e CROSS JOIN ${classedProfilesScan(db)} ON p.tenant_id = ${tenantId} AND p.id = e.profile_id
      ORDER BY e.profile_id)`;
}

/**
 * On PostgreSQL, runs `fn` in a transaction whose work_mem fits the report's hash tables (a month of a 10M
 * tenant: ~370k engagements, as many customers) instead of spilling them to disk at the default 4 MB, and
 * without JIT, which spent ~0.5 s compiling a query that runs a few seconds (EXPLAIN ANALYZE on the bench
 * data). SET LOCAL ends with the transaction, so no pooled connection keeps them.
 */
async function withReportSettings<T>(
  db: Kysely<Database>,
  fn: (q: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (isSqlite(db) || db.isTransaction) return fn(db);
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL work_mem = '32MB'`.execute(trx);
    await sql`SET LOCAL jit = off`.execute(trx);
    return fn(trx);
  });
}
