import { type RawBuilder, sql } from 'kysely';
import { REACH_CLASSES, type ReachClassName, type SegmentThresholds } from '../../lib/contract/triage.ts';

// The value-versus-reach class and the value band as SQL CASE expressions over a `profiles` row, so a report
// can group or filter a million profiles by class without loading them. They mirror lib/triage/reach-class.ts
// and lib/triage/value-band.ts exactly (test/server/triage.test.ts checks both agree on the story personas).
// Cut-offs are inlined as numeric literals (they are validated finite numbers, never user text), which keeps
// PostgreSQL from guessing parameter types inside CASE and lets both planners treat them as constants.

const num = (n: number): RawBuilder<number> => {
  if (!Number.isFinite(n)) throw new TypeError(`threshold must be a finite number, got ${n}`);
  return sql.lit(n);
};
const col = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

/**
 * Followers summed over the profile's social accounts (0 when it has none): the profile's own
 * social_followers column, which migration 0008's triggers keep equal to that sum.
 */
export function followersSql(profileAlias = 'p'): RawBuilder<number> {
  return sql<number>`coalesce(${col(profileAlias, 'social_followers')}, 0)`;
}

/** The lifetime value a ProfileSummary would show: 0 unless the profile has a complete value. */
function lifetimeSql(p: string): RawBuilder<number> {
  return sql<number>`(case when ${col(p, 'value_currency')} is not null and ${col(p, 'value_last12m')} is not null then coalesce(${col(p, 'value_lifetime')}, 0) else 0 end)`;
}

/** A tier only counts when it is complete (program, name and rank), as in ProfileSummary.tier. */
function topTierSql(p: string, topTierRank: number): RawBuilder<boolean> {
  return sql<boolean>`(${col(p, 'loyalty_program')} is not null and ${col(p, 'loyalty_tier')} is not null and ${col(p, 'loyalty_tier_rank')} <= ${num(topTierRank)})`;
}

export interface ClassSqlOptions {
  /** Alias of the `profiles` table in the query; default `p`. */
  profile?: string;
  /** An expression for the profile's summed followers when the query already has it (e.g. a joined aggregate). */
  followers?: RawBuilder<number>;
}

/**
 * `quiet_vip | loud_vip | influencer_not_customer | regular` for the profile row aliased `profile` (default
 * `p`). Example: `db.selectFrom('profiles as p').select(reachClassSql(t).as('class'))`.
 */
export function reachClassSql(t: SegmentThresholds, opts: ClassSqlOptions = {}): RawBuilder<ReachClassName> {
  return classCase(t, opts, (c) => sql.lit(c));
}

/**
 * The same class as its index in REACH_CLASSES (0 quiet_vip … 3 regular), for a query that groups or sorts
 * hundreds of thousands of rows by it: SQLite sorts for every GROUP BY, and a small integer key compares
 * faster than text (attention analytics, bench/analytics.ts); PostgreSQL hashes it faster too.
 */
export function reachClassCodeSql(t: SegmentThresholds, opts: ClassSqlOptions = {}): RawBuilder<number> {
  return classCase(t, opts, (c) => sql.lit(REACH_CLASSES.indexOf(c)));
}

function classCase<T>(
  t: SegmentThresholds,
  opts: ClassSqlOptions,
  out: (c: ReachClassName) => RawBuilder<unknown>,
): RawBuilder<T> {
  const p = opts.profile ?? 'p';
  const followers = opts.followers ?? followersSql(p);
  const lifetime = lifetimeSql(p);
  return sql<T>`(case
    when ${topTierSql(p, t.topTierRank)} or ${lifetime} >= ${num(t.highValue)} then
      case when ${followers} >= ${num(t.bigReach)} then ${out('loud_vip')} else ${out('quiet_vip')} end
    when ${followers} >= ${num(t.bigReach)} and ${lifetime} < ${num(t.lowValue)} then ${out('influencer_not_customer')}
    else ${out('regular')} end)`;
}

/** `$ | $$ | $$$ | $$$$` from last-12-months spend, null without a complete value (lib/triage/value-band.ts). */
export function valueBandSql(
  t: Pick<SegmentThresholds, 'valueBands'>,
  profileAlias = 'p',
): RawBuilder<'$' | '$$' | '$$$' | '$$$$' | null> {
  const v = col(profileAlias, 'value_last12m');
  const [b1, b2, b3] = t.valueBands;
  return sql`(case when ${v} is null or ${col(profileAlias, 'value_currency')} is null or ${col(profileAlias, 'value_lifetime')} is null then null
    when ${v} >= ${num(b3)} then '$$$$' when ${v} >= ${num(b2)} then '$$$' when ${v} >= ${num(b1)} then '$$'
    else '$' end)`;
}
