import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Task, TaskCreate } from '../../lib/contract/tasks.ts';
import { auditWrite } from '../access/audit-writes.ts';
import { hasRole } from '../access/roles.ts';
import type { Database, TasksTable } from '../db/types.ts';
import type { Caller } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { activeProfile } from '../identity/active-profile.ts';
import { readSla, slaDueAt } from './sla.ts';
import { agentNames, toTask } from './task-record.ts';

// `POST /v1/tasks` with an Idempotency-Key: the unique (tenant, created_by, idempotency_key) index decides
// which of several concurrent retries creates the task — INSERT … ON CONFLICT DO NOTHING, then read back —
// so two API nodes on one PostgreSQL database need no lock or shared cache to create exactly one.

/** Printable ASCII without spaces, like the IETF draft's examples (UUIDs, ULIDs); at most 200 characters. */
const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

export function checkIdempotencyKey(value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new ApiError(
      400,
      'bad_request',
      'Idempotency-Key header is required: send a unique key per task (e.g. a UUID) and reuse it on retries',
    );
  }
  if (!KEY_FORMAT.test(value)) {
    throw new ApiError(
      400,
      'bad_request',
      'Idempotency-Key header: 1–200 printable ASCII characters, no spaces',
    );
  }
  return value;
}

/** The request's fingerprint: the validated body with sorted keys, so key order does not matter. */
export function requestHash(body: TaskCreate): string {
  const sorted = Object.fromEntries(Object.entries(body).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

export interface CreateOutcome {
  created: boolean;
  task: Task;
}

async function byKey(db: Kysely<Database>, caller: Caller, key: string) {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('tenant_id', '=', caller.tenantId)
    .where('created_by', '=', caller.agentId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

async function replay(
  db: Kysely<Database>,
  caller: Caller,
  row: TasksTable,
  hash: string,
): Promise<CreateOutcome> {
  if (row.request_hash !== hash) {
    throw new ApiError(
      422,
      'idempotency_mismatch',
      `Idempotency-Key was already used for a different task (${row.id}); use a new key for a new task`,
      { taskId: row.id },
    );
  }
  const names = await agentNames(db, caller.tenantId, [row.assignee_id]);
  return { created: false, task: toTask(row, names.get(row.assignee_id) ?? row.assignee_id) };
}

export async function createTask(
  db: Kysely<Database>,
  caller: Caller,
  key: string,
  body: TaskCreate,
  requestId: string | undefined,
): Promise<CreateOutcome> {
  const hash = requestHash(body);
  const existing = await byKey(db, caller, key);
  if (existing) return replay(db, caller, existing, hash);

  const profile = await activeProfile(db, caller.tenantId, body.profileId, 'profileId');
  const assigneeId = body.assigneeId ?? caller.agentId;
  if (assigneeId !== caller.agentId && !hasRole(caller.role, 'lead')) {
    throw new ApiError(403, 'forbidden', 'assigneeId: assigning a task to someone else needs the lead role', {
      requiredRole: 'lead',
    });
  }
  const names = await agentNames(db, caller.tenantId, [assigneeId]);
  const assigneeName = names.get(assigneeId);
  if (assigneeName === undefined) {
    throw new ApiError(422, 'unprocessable', 'assigneeId: no agent with this id in your tenant');
  }
  const now = new Date();
  const dueAt = body.dueAt
    ? new Date(body.dueAt).toISOString()
    : slaDueAt(await readSla(db, caller.tenantId), profile, now);

  const row: TasksTable = {
    id: `tsk_${randomUUID()}`,
    tenant_id: caller.tenantId,
    profile_id: profile.id,
    summary: body.summary,
    status: 'open',
    created_at: now.toISOString(),
    created_by: caller.agentId,
    due_at: dueAt,
    assignee_id: assigneeId,
    channel: body.channel ?? null,
    source_url: body.sourceUrl ?? null,
    snoozed_until: null,
    done_at: null,
    idempotency_key: key,
    updated_at: now.toISOString(),
    request_hash: hash,
  };
  // The insert is the transaction's first statement: on SQLite it takes the write lock at once (waiting out
  // another process through busy_timeout) instead of upgrading a read snapshot that may have gone stale.
  const inserted = await db.transaction().execute(async (trx) => {
    const result = await trx
      .insertInto('tasks')
      .values(row)
      .onConflict((oc) => oc.columns(['tenant_id', 'created_by', 'idempotency_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (result) {
      await auditWrite(trx, caller, { action: 'task.create', profileIds: [profile.id], requestId });
    }
    return result !== undefined;
  });
  if (inserted) return { created: true, task: toTask(row, assigneeName) };

  const winner = await byKey(db, caller, key);
  if (!winner)
    throw new ApiError(409, 'conflict', 'a concurrent request with this Idempotency-Key failed; retry');
  return replay(db, caller, winner, hash);
}
