import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/types.ts';
import type { AnalyticsWindow } from './analytics-window.ts';
import { engagementsWhere } from './window-filters.ts';

/**
 * The first-response minutes of these profiles' engagements in the window, per profile: what the attention
 * report's gap rows and the scatter's points take their median response from. Engagements never answered
 * have no minutes and are not in the lists.
 */
export async function responseMinutesOf(
  db: Kysely<Database>,
  tenantId: string,
  w: AnalyticsWindow,
  profileIds: readonly string[],
): Promise<Map<string, number[]>> {
  const minutes = new Map<string, number[]>();
  if (profileIds.length === 0) return minutes;
  const rows = await db
    .selectFrom('interactions as i')
    .select(['i.profile_id', 'i.response_minutes'])
    .where(sql<boolean>`${engagementsWhere(tenantId, w)}`)
    .where('i.profile_id', 'in', profileIds)
    .where('i.response_minutes', 'is not', null)
    .execute();
  for (const r of rows) {
    const list = minutes.get(r.profile_id);
    if (list) list.push(Number(r.response_minutes));
    else minutes.set(r.profile_id, [Number(r.response_minutes)]);
  }
  return minutes;
}
