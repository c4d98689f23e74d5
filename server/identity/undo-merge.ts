import type { Kysely } from 'kysely';
import type { Merge } from '../../lib/contract/identity.ts';
import { auditWrite } from '../access/audit-writes.ts';
import { plausibleId } from '../access/text-guard.ts';
import { refreshAnswers } from '../analytics/answer-columns.ts';
import type { Database } from '../db/types.ts';
import type { Caller } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { recordIdentityEvent } from './events.ts';
import { moveRows } from './merge.ts';
import { parseFieldChange, pick, undoneFields } from './merge-fields.ts';
import { MOVABLE_TABLES, parseMoved, toMerge } from './merge-record.ts';

/**
 * Moves back exactly the rows the merge moved (those still on the target: an identifier unlinked since is
 * not resurrected) and revives the source profile. Refused when a later merge built on this one, since
 * undoing it would pull rows out from under that merge.
 */
export async function undoMerge(
  db: Kysely<Database>,
  caller: Caller,
  mergeId: string,
  requestId: string | undefined,
): Promise<Merge> {
  const tenantId = caller.tenantId;
  return db.transaction().execute(async (trx) => {
    const merge = plausibleId(mergeId)
      ? await trx
          .selectFrom('merges')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('id', '=', mergeId)
          .executeTakeFirst()
      : undefined;
    if (!merge) throw new ApiError(404, 'not_found', 'no merge with this id');
    if (merge.undone_at) {
      throw new ApiError(409, 'conflict', `merge ${merge.id} was already undone at ${merge.undone_at}`);
    }
    const involved = [merge.source_profile_id, merge.target_profile_id];
    const later = await trx
      .selectFrom('merges')
      .select(['id'])
      .where('tenant_id', '=', tenantId)
      .where('id', '!=', merge.id)
      .where('undone_at', 'is', null)
      .where('at', '>=', merge.at)
      .where((eb) =>
        eb.or([eb('source_profile_id', 'in', involved), eb('target_profile_id', 'in', involved)]),
      )
      .executeTakeFirst();
    if (later) {
      throw new ApiError(
        409,
        'conflict',
        `merge ${later.id} was made later on one of these profiles; undo it first`,
        { dependentMergeId: later.id },
      );
    }

    const now = new Date().toISOString();
    // Guarded claim: two concurrent undos cannot both pass (the second updates no row and rolls back).
    const claimed = await trx
      .updateTable('merges')
      .set({ undone_at: now, undone_by: caller.agentId })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', merge.id)
      .where('undone_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      throw new ApiError(409, 'conflict', `merge ${merge.id} is being undone concurrently`);
    }
    const revived = await trx
      .updateTable('profiles')
      .set({ merged_into: null, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', merge.source_profile_id)
      .where('merged_into', '=', merge.target_profile_id)
      .executeTakeFirst();
    if (Number(revived.numUpdatedRows) !== 1) {
      throw new ApiError(
        409,
        'conflict',
        `profile ${merge.source_profile_id} is no longer merged into the target`,
      );
    }

    // The target's own fields back to what they were, where the merge's values are still there.
    const target = await trx
      .selectFrom('profiles')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', merge.target_profile_id)
      .executeTakeFirst();
    const restore = target ? undoneFields(pick(target), parseFieldChange(merge.moved)) : {};
    if (Object.keys(restore).length > 0) {
      await trx
        .updateTable('profiles')
        .set({ ...restore, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', merge.target_profile_id)
        .execute();
    }

    const moved = parseMoved(merge.moved);
    for (const table of MOVABLE_TABLES) {
      await moveRows(trx, table, tenantId, moved[table], merge.source_profile_id, merge.target_profile_id);
    }
    // Split histories again: answers are recomputed per profile, as before the merge.
    await refreshAnswers(trx, tenantId, involved);
    await recordIdentityEvent(trx, {
      tenant_id: tenantId,
      agent_id: caller.agentId,
      action: 'undo_merge',
      profile_id: merge.source_profile_id,
      other_profile_id: merge.target_profile_id,
      kind: null,
      network: null,
      value: null,
      evidence: null,
      merge_id: merge.id,
    });
    await auditWrite(trx, caller, { action: 'merge.undo', profileIds: involved, requestId });
    return toMerge({ ...merge, undone_at: now, undone_by: caller.agentId });
  });
}
