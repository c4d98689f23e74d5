import type { Kysely } from 'kysely';
import type { Task } from '../../lib/contract/tasks.ts';
import type { Database } from '../db/types.ts';
import { ApiError } from '../http/errors.ts';
import { agentNames, toTask } from './task-record.ts';

export interface ListQuery {
  tenantId: string;
  assigneeId: string;
  /** open also holds snoozed tasks whose snooze has ended: they are back on the agent's list. */
  status: 'open' | 'done' | 'snoozed' | 'all';
  dueBefore?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

// The cursor is the (due_at, id) of the last task of the page: stable under inserts, no OFFSET scans.
const encodeCursor = (dueAt: string, id: string) =>
  Buffer.from(JSON.stringify([dueAt, id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      parsed.every((p) => typeof p === 'string' && p.length <= 200 && !p.includes('\u0000'))
    ) {
      return parsed as [string, string];
    }
  } catch {
    // fall through to the 400 below
  }
  throw new ApiError(400, 'bad_request', 'cursor: not a cursor this API returned');
}

/** Soonest due first, which puts overdue tasks (due in the past) at the top. */
export async function listTasks(
  db: Kysely<Database>,
  q: ListQuery,
): Promise<{ items: Task[]; nextCursor: string | null }> {
  const now = new Date().toISOString();
  let query = db
    .selectFrom('tasks')
    .selectAll()
    .where('tenant_id', '=', q.tenantId)
    .where('assignee_id', '=', q.assigneeId);
  if (q.status === 'open') {
    query = query.where((eb) =>
      eb.or([
        eb('status', '=', 'open'),
        eb.and([eb('status', '=', 'snoozed'), eb('snoozed_until', '<=', now)]),
      ]),
    );
  } else if (q.status === 'snoozed') {
    query = query.where('status', '=', 'snoozed').where('snoozed_until', '>', now);
  } else if (q.status === 'done') {
    query = query.where('status', '=', 'done');
  }
  if (q.dueBefore) query = query.where('due_at', '<', new Date(q.dueBefore).toISOString());
  if (q.cursor) {
    const [dueAt, id] = decodeCursor(q.cursor);
    query = query.where((eb) =>
      eb.or([eb('due_at', '>', dueAt), eb.and([eb('due_at', '=', dueAt), eb('id', '>', id)])]),
    );
  }
  const rows = await query
    .orderBy('due_at')
    .orderBy('id')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const names = await agentNames(
    db,
    q.tenantId,
    page.map((r) => r.assignee_id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) => toTask(r, names.get(r.assignee_id) ?? r.assignee_id, now)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.due_at, last.id) : null,
  };
}
