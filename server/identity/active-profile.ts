import type { Kysely } from 'kysely';
import { plausibleId } from '../access/text-guard.ts';
import type { Database, ProfileRow } from '../db/types.ts';
import { ApiError } from '../http/errors.ts';

/**
 * The profile a write acts on: it must exist in the caller's tenant (404 otherwise, whether it is absent or
 * another tenant's) and must not have been merged away (409 naming where it went, so the client can retry there).
 */
export async function activeProfile(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  field = 'profile',
): Promise<ProfileRow> {
  const row = plausibleId(id)
    ? await db
        .selectFrom('profiles')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new ApiError(404, 'not_found', `${field}: no profile with this id`);
  if (row.merged_into) {
    throw new ApiError(409, 'conflict', `${field}: profile ${row.id} was merged into ${row.merged_into}`, {
      mergedInto: row.merged_into,
    });
  }
  return row;
}
