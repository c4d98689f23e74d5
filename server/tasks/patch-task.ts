import type { Kysely } from 'kysely';
import type { Task, TaskPatch } from '../../lib/contract/tasks.ts';
import { auditWrite } from '../access/audit-writes.ts';
import { hasRole } from '../access/roles.ts';
import { plausibleId } from '../access/text-guard.ts';
import type { Database, TasksTable } from '../db/types.ts';
import type { Caller } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { agentNames, loadTask, toTask } from './task-record.ts';

/** Done, reopen, snooze, reassign. Who may: the assignee, the creator, or a lead; reassigning: assignee or lead. */
export async function patchTask(
  db: Kysely<Database>,
  caller: Caller,
  taskId: string,
  patch: TaskPatch,
  requestId: string | undefined,
): Promise<Task> {
  if (patch.status === undefined && patch.assigneeId === undefined && patch.snoozedUntil === undefined) {
    throw new ApiError(
      400,
      'invalid_body',
      'body: nothing to change; send status, assigneeId or snoozedUntil',
    );
  }
  if (patch.snoozedUntil !== undefined && patch.status !== undefined && patch.status !== 'snoozed') {
    throw new ApiError(
      400,
      'invalid_body',
      `snoozedUntil: cannot snooze and set status ${patch.status} at once`,
    );
  }
  if (patch.status === 'snoozed' && patch.snoozedUntil === undefined) {
    throw new ApiError(400, 'invalid_body', 'snoozedUntil: required to snooze a task');
  }
  const task = plausibleId(taskId) ? await loadTask(db, caller.tenantId, taskId) : undefined;
  if (!task) throw new ApiError(404, 'not_found', 'no task with this id');

  const isLead = hasRole(caller.role, 'lead');
  const isAssignee = task.assignee_id === caller.agentId;
  if (!isLead && !isAssignee && task.created_by !== caller.agentId) {
    throw new ApiError(403, 'forbidden', 'only the assignee, the creator or a lead may change this task', {
      requiredRole: 'lead',
    });
  }
  const now = new Date().toISOString();
  const changes: Partial<TasksTable> = { updated_at: now };

  if (patch.assigneeId !== undefined && patch.assigneeId !== task.assignee_id) {
    if (!isLead && !isAssignee) {
      throw new ApiError(
        403,
        'forbidden',
        'assigneeId: reassigning needs the lead role or being the assignee',
        {
          requiredRole: 'lead',
        },
      );
    }
    const names = plausibleId(patch.assigneeId)
      ? await agentNames(db, caller.tenantId, [patch.assigneeId])
      : new Map();
    if (!names.has(patch.assigneeId)) {
      throw new ApiError(422, 'unprocessable', 'assigneeId: no agent with this id in your tenant');
    }
    changes.assignee_id = patch.assigneeId;
  }
  if (patch.snoozedUntil !== undefined) {
    const until = new Date(patch.snoozedUntil).toISOString();
    if (until <= now) throw new ApiError(422, 'unprocessable', 'snoozedUntil: must be in the future');
    Object.assign(changes, { status: 'snoozed', snoozed_until: until, done_at: null });
  } else if (patch.status === 'done') {
    Object.assign(changes, { status: 'done', done_at: task.done_at ?? now, snoozed_until: null });
  } else if (patch.status === 'open') {
    Object.assign(changes, { status: 'open', done_at: null, snoozed_until: null });
  }

  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('tasks')
      .set(changes)
      .where('tenant_id', '=', caller.tenantId)
      .where('id', '=', task.id)
      .execute();
    await auditWrite(trx, caller, { action: 'task.update', profileIds: [task.profile_id], requestId });
  });
  const updated = { ...task, ...changes };
  const names = await agentNames(db, caller.tenantId, [updated.assignee_id]);
  return toTask(updated, names.get(updated.assignee_id) ?? updated.assignee_id, now);
}
