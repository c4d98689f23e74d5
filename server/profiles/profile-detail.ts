import type { Kysely } from 'kysely';
import type { ProfileDetail } from '../../lib/contract/profile.ts';
import type { Database } from '../db/types.ts';
import { followMerges } from './follow-merges.ts';
import { loadProfileFields } from './load-profiles.ts';
import { loadHistory } from './profile-history.ts';

export type DetailResult =
  | { status: 'found'; profile: ProfileDetail }
  | { status: 'merged'; mergedInto: string }
  | { status: 'missing' };

/**
 * `GET /v1/profiles/{id}`: the profile's fields (3 queries) then its history (9 queries, run together): a
 * constant number of queries per read, however long the customer's history. A merged id answers where its
 * merges ended (the surviving profile), following chains.
 */
export async function loadProfileDetail(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  now = new Date(),
): Promise<DetailResult> {
  const fields = await loadProfileFields(db, tenantId, id);
  if (!fields) return { status: 'missing' };
  if ('mergedInto' in fields) {
    const live = await followMerges(db, tenantId, [fields.mergedInto]);
    return { status: 'merged', mergedInto: live.get(fields.mergedInto) ?? fields.mergedInto };
  }
  const history = await loadHistory(db, tenantId, id, fields.row.loyalty_tier_rank, now);
  return { status: 'found', profile: { ...fields.profile, ...history } };
}

/** For the timeline endpoint: the id is a live profile, merged (with where to), or unknown. */
export async function profileState(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<DetailResult['status'] | { mergedInto: string }> {
  const row = await db
    .selectFrom('profiles')
    .select(['id', 'merged_into'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return 'missing';
  if (!row.merged_into) return 'found';
  const live = await followMerges(db, tenantId, [row.merged_into]);
  return { mergedInto: live.get(row.merged_into) ?? row.merged_into };
}
