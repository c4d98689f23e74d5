import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { IdentityLink, IdentityLinkResult } from '../../lib/contract/identity.ts';
import { identityKey } from '../../lib/contract/normalize.ts';
import { auditWrite } from '../access/audit-writes.ts';
import type { Database, IdentityRow } from '../db/types.ts';
import type { Caller } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { activeProfile } from './active-profile.ts';
import { recordIdentityEvent } from './events.ts';
import { identityColumns, isStrong, normalizedOrThrow, toIdentityRecord } from './identity-record.ts';

export interface LinkOutcome {
  created: boolean;
  result: IdentityLinkResult;
}

async function findByKey(db: Kysely<Database>, tenantId: string, cols: ReturnType<typeof identityColumns>) {
  return db
    .selectFrom('identities')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', cols.kind)
    .where('network', '=', cols.network)
    .where('value', '=', cols.value)
    .executeTakeFirst();
}

async function conflictError(db: Kysely<Database>, tenantId: string, owner: IdentityRow, key: string) {
  const other = await db
    .selectFrom('profiles')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', owner.profile_id)
    .executeTakeFirst();
  const name = other?.name ?? 'unknown';
  return new ApiError(
    409,
    'identity_conflict',
    `${key} is already linked to profile ${owner.profile_id} (${name}); unlink it there or merge the two profiles`,
    { profileId: owner.profile_id, profileName: name },
  );
}

/**
 * Links an identifier to a profile. Linking what is already linked here answers the existing record
 * (idempotent); linking what belongs to another profile is a 409 naming that profile. The unique
 * (tenant, kind, network, value) index settles a race between two agents linking the same identifier.
 */
export async function linkIdentity(
  db: Kysely<Database>,
  caller: Caller,
  profileId: string,
  body: IdentityLink,
  requestId: string | undefined,
): Promise<LinkOutcome> {
  const identifier = normalizedOrThrow(body.identifier, 'identifier');
  // A handle is linked only on an agent's confirmation, and that confirmation must say what it rests on.
  if (!isStrong(identifier) && !body.evidence) {
    throw new ApiError(
      400,
      'invalid_body',
      'evidence: required to link a handle (e.g. the URL of the page where the agent confirmed it)',
    );
  }
  const cols = identityColumns(identifier);
  const key = identityKey(identifier);

  return db.transaction().execute(async (trx) => {
    await activeProfile(trx, caller.tenantId, profileId);
    const now = new Date().toISOString();
    const inserted = await trx
      .insertInto('identities')
      .values({
        id: `idn_${randomUUID()}`,
        tenant_id: caller.tenantId,
        profile_id: profileId,
        ...cols,
        source: 'agent',
        verified: isStrong(identifier) ? 1 : 0,
        created_at: now,
        linked_by: caller.agentId,
        linked_at: now,
        evidence: body.evidence ?? null,
        confidence: isStrong(identifier) ? 1 : null,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'network', 'value']).doNothing())
      .returningAll()
      .executeTakeFirst();

    if (!inserted) {
      const owner = await findByKey(trx, caller.tenantId, cols);
      if (!owner) throw new ApiError(409, 'conflict', `${key} is being linked concurrently; retry`);
      if (owner.profile_id !== profileId) throw await conflictError(trx, caller.tenantId, owner, key);
      return { created: false, result: { profileId, record: toIdentityRecord(owner) } };
    }

    await recordIdentityEvent(trx, {
      tenant_id: caller.tenantId,
      agent_id: caller.agentId,
      action: 'link',
      profile_id: profileId,
      other_profile_id: null,
      ...cols,
      evidence: body.evidence ?? null,
      merge_id: null,
    });
    await auditWrite(trx, caller, {
      action: 'identity.link',
      profileIds: [profileId],
      identityKeys: [key],
      requestId,
    });
    return { created: true, result: { profileId, record: toIdentityRecord(inserted) } };
  });
}
