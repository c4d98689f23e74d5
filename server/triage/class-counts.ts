import { type Kysely, SqliteAdapter, sql } from 'kysely';
import { REACH_CLASSES, type ReachClassName, type SegmentThresholds } from '../../lib/contract/triage.ts';
import type { Database } from '../db/types.ts';
import { reachClassCodeSql, reachClassSql, valueBandSql } from './class-sql.ts';
import { readTriageSettings } from './settings-store.ts';

export type ClassCounts = Record<ReachClassName, number>;

const zero = (): ClassCounts => Object.fromEntries(REACH_CLASSES.map((c) => [c, 0])) as ClassCounts;

/**
 * Live profiles per class under two sets of cut-offs, in ONE pass over the tenant, both classes computed on
 * the same row from the covering index profiles_class (migration 0008: the class inputs and the profile's
 * summed followers), so no table row and no social account is read. For the settings preview, so a lead sees
 * what a change moves. On SQLite the index is named (INDEXED BY): its planner otherwise walks the partial value
 * index of migration 0006 and reads each row at a random place.
 */
export async function classCountsBeforeAfter(
  db: Kysely<Database>,
  tenantId: string,
  before: SegmentThresholds,
  after: SegmentThresholds,
): Promise<{ before: ClassCounts; after: ClassCounts }> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const from = sqlite ? sql`profiles p indexed by profiles_class` : sql`profiles p`;
  // Grouped by the classes' small-integer codes: SQLite sorts a million rows for the GROUP BY, and integers
  // compare faster than the names (PostgreSQL hashes them faster too).
  const { rows } = await sql<{ before: number; after: number; n: number | string }>`
    select ${reachClassCodeSql(before)} as before, ${reachClassCodeSql(after)} as after, count(*) as n
    from ${from} where p.tenant_id = ${tenantId} and p.merged_into is null group by 1, 2`.execute(db);
  const out = { before: zero(), after: zero() };
  for (const r of rows) {
    out.before[REACH_CLASSES[Number(r.before)] as ReachClassName] += Number(r.n);
    out.after[REACH_CLASSES[Number(r.after)] as ReachClassName] += Number(r.n);
  }
  return out;
}

export interface ProfileClass {
  reachClass: ReachClassName;
  valueBand: '$' | '$$' | '$$$' | '$$$$' | null;
  followers: number;
}

/**
 * The class and value band of some profiles under the tenant's current cut-offs (for analytics and reports).
 * Unknown and other tenants' ids are absent. One query for the batch.
 */
export async function classifyProfiles(
  db: Kysely<Database>,
  tenantId: string,
  ids: readonly string[],
  thresholds?: SegmentThresholds,
): Promise<Map<string, ProfileClass>> {
  if (ids.length === 0) return new Map();
  const t = thresholds ?? (await readTriageSettings(db, tenantId)).thresholds;
  const rows = await db
    .selectFrom('profiles as p')
    .select([
      'p.id',
      reachClassSql(t).as('reach_class'),
      valueBandSql(t).as('value_band'),
      sql<number | string>`coalesce(p.social_followers, 0)`.as('followers'),
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { reachClass: r.reach_class, valueBand: r.value_band, followers: Number(r.followers) },
    ]),
  );
}
