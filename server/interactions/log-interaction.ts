import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Interaction, InteractionCreate } from '../../lib/contract/history.ts';
import { auditWrite } from '../access/audit-writes.ts';
import { refreshAnswers } from '../analytics/answer-columns.ts';
import type { Database, InteractionsTable } from '../db/types.ts';
import type { Caller } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { activeProfile } from '../identity/active-profile.ts';

/**
 * An agent's reply, call, offer or suggestion feedback, on the profile's timeline. Never a contact request:
 * that flag records what the customer asked for, and an agent's own log entry cannot open a loop.
 */
export async function logInteraction(
  db: Kysely<Database>,
  caller: Caller,
  body: InteractionCreate,
  requestId: string | undefined,
): Promise<Interaction> {
  const profile = await activeProfile(db, caller.tenantId, body.profileId, 'profileId');
  const caseId = body.caseId ?? null;
  if (caseId !== null) {
    const found = await db
      .selectFrom('cases')
      .select('id')
      .where('tenant_id', '=', caller.tenantId)
      .where('profile_id', '=', profile.id)
      .where('external_id', '=', caseId)
      .executeTakeFirst();
    if (!found) throw new ApiError(422, 'unprocessable', 'caseId: this profile has no case with this id');
  }
  const now = new Date().toISOString();
  const row: InteractionsTable = {
    id: `int_${randomUUID()}`,
    tenant_id: caller.tenantId,
    profile_id: profile.id,
    at: body.at ? new Date(body.at).toISOString() : now,
    channel: body.channel,
    direction: body.direction,
    summary: body.summary,
    case_id: caseId,
    sentiment: null,
    contact_requested: 0,
    agent: caller.agentName,
    type: body.type ?? null,
    created_at: now,
    answered_at: null,
    response_minutes: null,
    handler: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('interactions').values(row).execute();
    // A reply answers the customer's earlier messages (and a back-dated one may re-time them): migration 0005.
    await refreshAnswers(trx, caller.tenantId, [profile.id]);
    await auditWrite(trx, caller, { action: 'interaction.create', profileIds: [profile.id], requestId });
  });
  return {
    id: row.id,
    at: row.at,
    channel: body.channel,
    direction: body.direction,
    summary: row.summary,
    caseId,
    sentiment: null,
    contactRequested: false,
    agent: row.agent,
  };
}
