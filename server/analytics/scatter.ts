import { type Kysely, sql } from 'kysely';
import type { ResponseSpeed, ScatterPoint, ScatterResponse } from '../../lib/contract/analytics.ts';
import type { SegmentThresholds } from '../../lib/contract/triage.ts';
import type { Database } from '../db/types.ts';
import type { AnalyticsWindow } from './analytics-window.ts';
import { classOf, interactionsScan } from './reach-class-sql.ts';
import { medianOf } from './response-histogram.ts';
import { responseMinutesOf } from './response-minutes.ts';
import { engagementsWhere } from './window-filters.ts';

// GET /v1/analytics/scatter: every customer who engaged in the window, reach against value, coloured by how
// they were answered. Highest value first and at most `limit` of them, so a huge tenant pages the plot down
// to what a chart can show rather than shipping a million points.

export const FAST_WITHIN_MINUTES = 60;
export const SCATTER_DEFAULT_LIMIT = 2000;
export const SCATTER_MAX_LIMIT = 10_000;
const IN_CHUNK = 1000;

/** Unanswered while any engagement in the window still waits; otherwise fast or slow by their median. */
export function responseSpeed(median: number | null, unanswered: number): ResponseSpeed {
  if (unanswered > 0 || median === null) return 'unanswered';
  return median <= FAST_WITHIN_MINUTES ? 'fast' : 'slow';
}

export async function scatter(
  db: Kysely<Database>,
  tenantId: string,
  w: AnalyticsWindow,
  thresholds: SegmentThresholds,
  limit: number,
): Promise<ScatterResponse> {
  const engaged = await sql<{
    profile_id: string;
    n: number | string;
    answered: number | string;
    name: string;
    value_last12m: number | null;
    value_lifetime: number | null;
    value_currency: string | null;
    loyalty_program: string | null;
    loyalty_tier: string | null;
    loyalty_tier_rank: number | null;
  }>`
    WITH g AS (
      SELECT i.profile_id AS profile_id, count(*) AS n, count(i.response_minutes) AS answered
      FROM ${interactionsScan(db)}
      WHERE ${engagementsWhere(tenantId, w)}
      GROUP BY i.profile_id
    )
    SELECT g.profile_id, g.n, g.answered, p.name, p.value_last12m, p.value_lifetime, p.value_currency,
      p.loyalty_program, p.loyalty_tier, p.loyalty_tier_rank
    FROM g INNER JOIN profiles p ON p.id = g.profile_id
    ORDER BY coalesce(p.value_last12m, 0) DESC, g.profile_id
    LIMIT ${limit + 1}`.execute(db);
  const rows = engaged.rows.slice(0, limit);
  const followers = new Map<string, number>();
  const minutes = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i += IN_CHUNK) {
    const ids = rows.slice(i, i + IN_CHUNK).map((r) => r.profile_id);
    const [social, responses] = await Promise.all([
      db
        .selectFrom('social_accounts')
        .select(['profile_id', 'followers'])
        .where('tenant_id', '=', tenantId)
        .where('profile_id', 'in', ids)
        .execute(),
      responseMinutesOf(db, tenantId, w, ids),
    ]);
    for (const s of social)
      followers.set(s.profile_id, (followers.get(s.profile_id) ?? 0) + Number(s.followers));
    // Each chunk holds other profiles: their lists do not overlap.
    for (const [profileId, list] of responses) minutes.set(profileId, list);
  }
  const points: ScatterPoint[] = rows.map((r) => {
    const reach = followers.get(r.profile_id) ?? 0;
    const median = medianOf(minutes.get(r.profile_id) ?? []);
    return {
      profileId: r.profile_id,
      name: r.name,
      followers: reach,
      valueLast12m: Number(r.value_last12m ?? 0),
      class: classOf(r, reach, thresholds),
      response: responseSpeed(median, Number(r.n) - Number(r.answered)),
      medianFirstResponseMinutes: median,
    };
  });
  return { points, truncated: engaged.rows.length > limit, fastWithinMinutes: FAST_WITHIN_MINUTES };
}
