import type { Kysely } from 'kysely';
import type { IdentityUnlink } from '../../lib/contract/identity.ts';
import { identityKey } from '../../lib/contract/normalize.ts';
import { auditWrite } from '../access/audit-writes.ts';
import type { Database } from '../db/types.ts';
import type { Caller } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { activeProfile } from './active-profile.ts';
import { recordIdentityEvent } from './events.ts';
import { identityColumns, normalizedOrThrow } from './identity-record.ts';

/** Removes an identifier from a profile; the identity history keeps what it was and who removed it. */
export async function unlinkIdentity(
  db: Kysely<Database>,
  caller: Caller,
  profileId: string,
  body: IdentityUnlink,
  requestId: string | undefined,
): Promise<void> {
  const identifier = normalizedOrThrow(body.identifier, 'identifier');
  const cols = identityColumns(identifier);
  const key = identityKey(identifier);
  await db.transaction().execute(async (trx) => {
    await activeProfile(trx, caller.tenantId, profileId);
    const deleted = await trx
      .deleteFrom('identities')
      .where('tenant_id', '=', caller.tenantId)
      .where('profile_id', '=', profileId)
      .where('kind', '=', cols.kind)
      .where('network', '=', cols.network)
      .where('value', '=', cols.value)
      .returning(['id', 'evidence'])
      .executeTakeFirst();
    if (!deleted) throw new ApiError(404, 'not_found', `identifier: ${key} is not linked to this profile`);
    await recordIdentityEvent(trx, {
      tenant_id: caller.tenantId,
      agent_id: caller.agentId,
      action: 'unlink',
      profile_id: profileId,
      other_profile_id: null,
      ...cols,
      evidence: deleted.evidence,
      merge_id: null,
    });
    await auditWrite(trx, caller, {
      action: 'identity.unlink',
      profileIds: [profileId],
      identityKeys: [key],
      requestId,
    });
  });
}
