import type { Kysely } from 'kysely';
import { CHANNELS, type Channel } from '../../lib/contract/history.ts';
import type { Task } from '../../lib/contract/tasks.ts';
import type { Database, TasksTable } from '../db/types.ts';

const isChannel = (c: string | null): c is Channel =>
  c !== null && (CHANNELS as readonly string[]).includes(c);

/** Overdue: not done, not snoozed into the future, and past its due time. */
export function isOverdue(
  row: Pick<TasksTable, 'status' | 'due_at' | 'snoozed_until'>,
  now: string,
): boolean {
  if (row.status === 'done') return false;
  if (row.status === 'snoozed' && row.snoozed_until && row.snoozed_until > now) return false;
  return row.due_at < now;
}

export function toTask(row: TasksTable, assigneeName: string, now = new Date().toISOString()): Task {
  return {
    id: row.id,
    profileId: row.profile_id,
    summary: row.summary,
    status: row.status,
    createdAt: row.created_at,
    dueAt: row.due_at,
    overdue: isOverdue(row, now),
    assignee: { id: row.assignee_id, name: assigneeName },
    channel: isChannel(row.channel) ? row.channel : null,
    sourceUrl: row.source_url,
    snoozedUntil: row.snoozed_until,
  };
}

/** Agent names for the given ids (a task shows who it is assigned to). */
export async function agentNames(
  db: Kysely<Database>,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('agents')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function loadTask(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<TasksTable | undefined> {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}
