import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Merge, MergeCreate } from '../../lib/contract/identity.ts';
import { auditWrite } from '../access/audit-writes.ts';
import { refreshAnswers } from '../analytics/answer-columns.ts';
import type { Database, MergesTable } from '../db/types.ts';
import type { Caller } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { activeProfile } from './active-profile.ts';
import { recordIdentityEvent } from './events.ts';
import { mergeConflict } from './merge-conflicts.ts';
import { fieldChange, mergedFields, pick } from './merge-fields.ts';
import { MOVABLE_TABLES, type MovedIds, toMerge } from './merge-record.ts';

/**
 * Moves everything of the source profile to the target and marks the source merged_into the target, in one
 * transaction. merges.moved records exactly which rows moved, so an undo moves back those and nothing else,
 * and (under `fields`) the target's loyalty, value and preference fields before and after the merge
 * (rules in merge-fields.ts), so an undo restores them.
 */
export async function mergeProfiles(
  db: Kysely<Database>,
  caller: Caller,
  body: MergeCreate,
  requestId: string | undefined,
): Promise<Merge> {
  const { sourceProfileId: sourceId, targetProfileId: targetId } = body;
  if (sourceId === targetId) {
    throw new ApiError(400, 'invalid_body', 'targetProfileId: must differ from sourceProfileId');
  }
  const tenantId = caller.tenantId;
  return db.transaction().execute(async (trx) => {
    const source = await activeProfile(trx, tenantId, sourceId, 'sourceProfileId');
    const target = await activeProfile(trx, tenantId, targetId, 'targetProfileId');
    const now = new Date().toISOString();

    // Claim both rows first with guarded updates: on PostgreSQL these take the row locks, so a concurrent
    // merge of either profile waits here and then finds merged_into set (0 rows) instead of interleaving.
    const claimedSource = await trx
      .updateTable('profiles')
      .set({ merged_into: targetId, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', sourceId)
      .where('merged_into', 'is', null)
      .executeTakeFirst();
    const claimedTarget = await trx
      .updateTable('profiles')
      .set({ updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', targetId)
      .where('merged_into', 'is', null)
      .executeTakeFirst();
    if (Number(claimedSource.numUpdatedRows) !== 1 || Number(claimedTarget.numUpdatedRows) !== 1) {
      throw new ApiError(409, 'conflict', 'one of the profiles was merged concurrently; reload and retry');
    }

    const identitiesOf = (profileId: string) =>
      trx
        .selectFrom('identities')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('profile_id', '=', profileId)
        .execute();
    const [sourceIdentities, targetIdentities] = await Promise.all([
      identitiesOf(sourceId),
      identitiesOf(targetId),
    ]);
    const conflict = mergeConflict(source, target, sourceIdentities, targetIdentities);
    if (conflict) throw new ApiError(409, 'merge_conflict', `cannot merge: ${conflict}`);

    const moved: MovedIds = {
      identities: [],
      social_accounts: [],
      interactions: [],
      cases: [],
      items: [],
      tasks: [],
    };
    // A social account the target already has (same network and handle) stays with the source: the unique
    // (profile, network, handle) index allows one, and the target's copy already says the same.
    const targetSocial = await trx
      .selectFrom('social_accounts')
      .select(['network', 'handle'])
      .where('tenant_id', '=', tenantId)
      .where('profile_id', '=', targetId)
      .execute();
    const taken = new Set(targetSocial.map((s) => `${s.network}\u0000${s.handle}`));
    const sourceSocial = await trx
      .selectFrom('social_accounts')
      .select(['id', 'network', 'handle'])
      .where('tenant_id', '=', tenantId)
      .where('profile_id', '=', sourceId)
      .execute();
    const movableSocial = sourceSocial
      .filter((s) => !taken.has(`${s.network}\u0000${s.handle}`))
      .map((s) => s.id);

    for (const table of MOVABLE_TABLES) {
      if (table === 'social_accounts') {
        await moveRows(trx, table, tenantId, movableSocial, targetId);
        moved.social_accounts = movableSocial;
        continue;
      }
      const rows = await trx
        .updateTable(table)
        .set({ profile_id: targetId })
        .where('tenant_id', '=', tenantId)
        .where('profile_id', '=', sourceId)
        .returning('id')
        .execute();
      moved[table] = rows.map((r) => r.id);
    }

    const before = pick(target);
    const after = mergedFields(before, pick(source));
    const fields = fieldChange(before, after);
    if (Object.keys(fields.after).length > 0) {
      await trx
        .updateTable('profiles')
        .set(fields.after)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', targetId)
        .execute();
    }

    const merge: MergesTable = {
      id: `mrg_${randomUUID()}`,
      tenant_id: tenantId,
      source_profile_id: sourceId,
      target_profile_id: targetId,
      at: now,
      agent_id: caller.agentId,
      reason: body.reason ?? null,
      moved: JSON.stringify({ ...moved, fields }),
      undone_at: null,
      undone_by: null,
    };
    await trx.insertInto('merges').values(merge).execute();
    // The source's interactions now sit in the target's history: who answered whom, and when, is recomputed
    // over the joined history so the attention analytics see one customer.
    await refreshAnswers(trx, tenantId, [sourceId, targetId]);
    await recordIdentityEvent(trx, {
      tenant_id: tenantId,
      agent_id: caller.agentId,
      action: 'merge',
      profile_id: targetId,
      other_profile_id: sourceId,
      kind: null,
      network: null,
      value: null,
      evidence: body.reason ?? null,
      merge_id: merge.id,
    });
    await auditWrite(trx, caller, { action: 'merge', profileIds: [sourceId, targetId], requestId });
    return toMerge(merge);
  });
}

const CHUNK = 500;

/** Sets profile_id on the given rows, in chunks that stay under both dialects' bound-parameter limits. */
export async function moveRows(
  db: Kysely<Database>,
  table: (typeof MOVABLE_TABLES)[number],
  tenantId: string,
  ids: readonly string[],
  toProfileId: string,
  onlyFromProfileId?: string,
): Promise<number> {
  let count = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    let q = db
      .updateTable(table)
      .set({ profile_id: toProfileId })
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids.slice(i, i + CHUNK));
    if (onlyFromProfileId) q = q.where('profile_id', '=', onlyFromProfileId);
    const res = await q.executeTakeFirst();
    count += Number(res.numUpdatedRows);
  }
  return count;
}
