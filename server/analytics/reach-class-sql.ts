import { type Kysely, type RawBuilder, SqliteAdapter, sql } from 'kysely';
import type { ReachClassName, SegmentThresholds } from '../../lib/contract/triage.ts';
import { reachClass } from '../../lib/triage/reach-class.ts';
import type { Database, ProfileRow } from '../db/types.ts';
import { followersSql, reachClassSql } from '../triage/class-sql.ts';
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
 * A derived table `alias` of the profiles in `idsSql` with the columns the class needs and `f`, their
 * followers, computed once per profile (the class expression reads followers twice).
 */
export function classedProfiles(t: SegmentThresholds, idsSql: RawBuilder<unknown>, alias = 'pc') {
  const inner = sql`SELECT p.id, p.tenant_id, p.loyalty_program, p.loyalty_tier, p.loyalty_tier_rank,
      p.value_currency, p.value_lifetime, p.value_last12m, ${followersSql('p')} AS f
    FROM profiles p WHERE p.id IN (${idsSql})`;
  const cls = reachClassSql(t, { profile: 'pf', followers: sql.ref('pf.f') as RawBuilder<number> });
  return sql`(SELECT pf.id AS id, ${cls} AS cls, pf.loyalty_tier_rank AS rank, pf.loyalty_tier AS tier
    FROM (${inner}) pf) ${sql.raw(alias)}`;
}

/**
 * `interactions i`, on SQLite pinned to the covering index: its planner otherwise prefers the (tenant,
 * profile, at) index for a GROUP BY profile_id and reads every interaction of the tenant instead of the window.
 */
export function interactionsScan(db: Kysely<Database>): RawBuilder<unknown> {
  return db.getExecutor().adapter instanceof SqliteAdapter
    ? sql`interactions i INDEXED BY interactions_attention`
    : sql`interactions i`;
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
