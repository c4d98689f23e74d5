import { type Kysely, sql } from 'kysely';
import type { SegmentThresholds } from '../../lib/contract/triage.ts';
import type { Database } from '../db/types.ts';
import { reachClassSql } from '../triage/class-sql.ts';
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
// PostgreSQL aggregates with hash tables; SQLite has none and sorts for every GROUP BY, so on SQLite the three
// groupings below are three sorts of the window's engagements: most of its time at 370k engagements. Reading
// the joined rows into this process and summing them in hash maps instead (better-sqlite3 runs in-process)
// was tried and measured no faster (copying each row out of SQLite cost what the sorts did), so both databases
// run the same statement.

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
  type GapRow = RankedGap & { kind: 'gap' };
  const query = sql<AggregateRow | GapRow>`
    WITH r AS MATERIALIZED (${joinedSql(db, tenantId, w, thresholds)}),
    g AS MATERIALIZED (
      SELECT profile_id, cls, rank, tier, max(v) AS v, count(*) AS n, sum(${wait}) AS wait,
        min(waiting_since) AS waiting_since
      FROM r GROUP BY profile_id, cls, rank, tier
    )
    SELECT 'engagements' AS kind, cls, rank, tier, bucket, count(*) AS n, sum(cr) AS cr,
      sum(CASE WHEN cr = 1 AND bucket IS NULL THEN 1 ELSE 0 END) AS cr_open,
      ${text} AS profile_id, ${text} AS waiting_since, CAST(NULL AS double precision) AS gap
    FROM r GROUP BY cls, rank, tier, bucket
    UNION ALL
    SELECT 'profiles', cls, rank, tier, ${int}, count(*), ${int}, ${int}, ${text}, ${text}, NULL
    FROM g GROUP BY cls, rank, tier
    UNION ALL
    SELECT * FROM (
      SELECT 'gap' AS kind, ${text} AS cls, ${int} AS rank, ${text} AS tier, ${int} AS bucket, n, ${int} AS cr,
        ${int} AS cr_open, profile_id, waiting_since, v * wait / (1440.0 * n) AS gap
      FROM g WHERE v > 0 AND wait > 0
      ORDER BY 11 DESC, 9 LIMIT ${gaps}) gg
    ORDER BY 1, 11 DESC, 9`; // the gaps in their order again: UNION ALL promises none
  const { rows } = await withReportSettings(db, (q) => query.execute(q));
  const out: EngagementAggregates = { rows: [], gaps: [] };
  for (const r of rows) {
    if (r.kind === 'gap') {
      out.gaps.push({ profile_id: r.profile_id, n: r.n, waiting_since: r.waiting_since, gap: r.gap });
    } else out.rows.push(r);
  }
  return out;
}

/** The window's engagements, each with its customer's class, tier rank and name, and last-12-months value. */
function joinedSql(db: Kysely<Database>, tenantId: string, w: AnalyticsWindow, t: SegmentThresholds) {
  // On SQLite both tables are pinned to their covering index and joined in scan order (CROSS JOIN): its
  // planner otherwise may start from the profiles and read the window once per customer.
  const join = isSqlite(db) ? sql`CROSS JOIN` : sql`INNER JOIN`;
  return sql`
    SELECT i.profile_id AS profile_id, ${reachClassSql(t)} AS cls, p.loyalty_tier_rank AS rank,
      p.loyalty_tier AS tier, p.value_last12m AS v, ${responseBucketSql('i.response_minutes')} AS bucket,
      i.contact_requested AS cr, CASE WHEN i.response_minutes IS NULL THEN i.at END AS waiting_since
    FROM ${interactionsScan(db)} ${join} ${classedProfilesScan(db)}
      ON p.tenant_id = i.tenant_id AND p.id = i.profile_id
    WHERE ${engagementsWhere(tenantId, w)}`;
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
