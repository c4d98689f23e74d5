import { type Kysely, type RawBuilder, SqliteAdapter, sql } from 'kysely';
import type { ReachClassName, SegmentThresholds } from '../../lib/contract/triage.ts';
import { reachClass } from '../../lib/triage/reach-class.ts';
import type { Database, ProfileRow } from '../db/types.ts';
import { reachClassSql } from '../triage/class-sql.ts';
import { readTriageSettings } from '../triage/settings-store.ts';

// The value-versus-reach class the analytics group by: the tenant's own percentile cut-offs
// (server/triage/settings-store.ts) through the triage SQL expression (server/triage/class-sql.ts), and the
// same rule in JS (lib/triage/reach-class.ts) for the few rows read one by one, so a row of the report, a dot
// of the scatter plot and a badge always agree.

export async function analyticsThresholds(
  db: Kysely<Database>,
  tenantId: string,
): Promise<SegmentThresholds> {
  return (await readTriageSettings(db, tenantId)).thresholds;
}

/**
 * A derived table `alias` of the profiles in `idsSql` with their class, tier rank and tier name. Each profile is
 * one read of the covering index profiles_class (migration 0008: the class inputs and social_followers).
 */
export function classedProfiles(t: SegmentThresholds, idsSql: RawBuilder<unknown>, alias = 'pc') {
  return sql`(SELECT p.id AS id, ${reachClassSql(t)} AS cls, p.loyalty_tier_rank AS rank, p.loyalty_tier AS tier
    FROM profiles p WHERE p.id IN (${idsSql})) ${sql.raw(alias)}`;
}

/**
 * `profiles p`, on SQLite pinned to the covering index profiles_class: the planner otherwise reads the row
 * through the primary key index, two B-tree seeks and a wide row per profile instead of one narrow entry.
 */
export function classedProfilesScan(db: Kysely<Database>): RawBuilder<unknown> {
  return isSqlite(db) ? sql`profiles p INDEXED BY profiles_class` : sql`profiles p`;
}

export const isSqlite = (db: Kysely<Database>) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * `interactions i`, on SQLite pinned to the covering index: its planner otherwise prefers the (tenant,
 * profile, at) index for a GROUP BY profile_id and reads every interaction of the tenant instead of the window.
 */
export function interactionsScan(db: Kysely<Database>): RawBuilder<unknown> {
  return isSqlite(db) ? sql`interactions i INDEXED BY interactions_attention` : sql`interactions i`;
}

type ClassInputs = Pick<
  ProfileRow,
  | 'loyalty_program'
  | 'loyalty_tier'
  | 'loyalty_tier_rank'
  | 'value_currency'
  | 'value_lifetime'
  | 'value_last12m'
>;

/** The profile's tier as ProfileSummary shows it (complete or null). */
export function tierOf(p: ClassInputs) {
  return p.loyalty_program && p.loyalty_tier && p.loyalty_tier_rank !== null
    ? { program: p.loyalty_program, name: p.loyalty_tier, rank: Number(p.loyalty_tier_rank) }
    : null;
}

/** The class of one profile row, in JS, with the same inputs as the SQL expression. */
export function classOf(p: ClassInputs, followers: number, t: SegmentThresholds): ReachClassName {
  const value =
    p.value_currency !== null && p.value_last12m !== null
      ? {
          currency: p.value_currency,
          lifetime: Number(p.value_lifetime ?? 0),
          last12m: Number(p.value_last12m),
        }
      : null;
  return reachClass({ tier: tierOf(p), value, reach: { followers } }, t);
}
