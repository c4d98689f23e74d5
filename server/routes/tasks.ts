import { Hono } from 'hono';
import { describeRoute, resolver, validator } from 'hono-openapi';
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { Task, TaskCreate, TaskList, TaskPatch } from '../../lib/contract/tasks.ts';
import { documentedErrors } from '../access/documented-errors.ts';
import { hasRole, requireRole } from '../access/roles.ts';
import { plausibleId, rejectNul } from '../access/text-guard.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { limitBody, requireJsonContentType } from '../http/json-body.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { validationHook } from '../http/validation.ts';
import { checkIdempotencyKey, createTask } from '../tasks/create-task.ts';
import { listTasks } from '../tasks/list-tasks.ts';
import { patchTask } from '../tasks/patch-task.ts';

const ListQuery = z.object({
  assignee: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  status: z.optional(z.enum(['open', 'done', 'snoozed', 'all'])),
  due_before: z.optional(z.iso.datetime({ offset: true })),
  cursor: z.optional(z.string().check(z.maxLength(1000))),
  limit: z.optional(z.string().check(z.regex(/^(100|[1-9]\d?)$/, 'must be an integer from 1 to 100'))),
});

export function taskRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>()
    .post(
      '/v1/tasks',
      describeRoute({
        summary: 'Create a follow-up task (Idempotency-Key header required)',
        description:
          'The same Idempotency-Key from the same agent creates one task: a retry answers 200 with that task; ' +
          'the key reused with a different body answers 422 idempotency_mismatch. Concurrent retries on ' +
          'several API nodes create exactly one task. dueAt defaults to the tenant’s SLA for the profile’s ' +
          'tier (GET /v1/settings/sla). Assigning to another agent needs the lead role. Role: agent.',
        tags: ['tasks'],
        security: bearerSecurity,
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            description: 'A unique key per task (e.g. a UUID), reused on every retry of the same request',
            schema: { type: 'string', maxLength: 200 },
          },
        ],
        responses: {
          201: { description: 'Created', content: { 'application/json': { schema: resolver(Task) } } },
          200: {
            description: 'A retry: the task this key created',
            content: { 'application/json': { schema: resolver(Task) } },
          },
          ...errorResponses(400, 401, 404, 413, 415, 500),
          ...documentedErrors(403, 409, 422, 429),
        },
      }),
      requireRole('agent'),
      requireJsonContentType,
      limitBody,
      validator('json', TaskCreate, validationHook),
      async (c) => {
        const key = checkIdempotencyKey(c.req.header('Idempotency-Key'));
        const body = c.req.valid('json');
        rejectNul(body);
        const outcome = await createTask(db, c.get('caller'), key, body, c.get('requestId'));
        return c.json(outcome.task satisfies Task, outcome.created ? 201 : 200);
      },
    )
    .get(
      '/v1/tasks',
      describeRoute({
        summary: 'List tasks: overdue first, then soonest due',
        description:
          '`assignee` is `me` (default) or an agent id (another agent’s list needs the lead role). `status` ' +
          'defaults to open (which includes snoozed tasks whose snooze has ended). Pages of `limit` (default ' +
          '50); pass `nextCursor` back as `cursor`. Role: agent.',
        tags: ['tasks'],
        security: bearerSecurity,
        responses: {
          200: {
            description: 'A page of tasks',
            content: { 'application/json': { schema: resolver(TaskList) } },
          },
          ...errorResponses(400, 401, 500),
          ...documentedErrors(403, 429),
        },
      }),
      requireRole('agent'),
      validator('query', ListQuery, validationHook),
      async (c) => {
        const caller = c.get('caller');
        const q = c.req.valid('query');
        const assigneeId = !q.assignee || q.assignee === 'me' ? caller.agentId : q.assignee;
        if (!plausibleId(assigneeId)) throw new ApiError(400, 'bad_request', 'assignee: not an agent id');
        if (assigneeId !== caller.agentId && !hasRole(caller.role, 'lead')) {
          throw new ApiError(
            403,
            'forbidden',
            'assignee: listing another agent’s tasks needs the lead role',
            {
              requiredRole: 'lead',
            },
          );
        }
        const page = await listTasks(db, {
          tenantId: caller.tenantId,
          assigneeId,
          status: q.status ?? 'open',
          dueBefore: q.due_before,
          cursor: q.cursor,
          limit: q.limit ? Number(q.limit) : 50,
        });
        return c.json(page);
      },
    )
    .patch(
      '/v1/tasks/:id',
      describeRoute({
        summary: 'Mark done, reopen, snooze or reassign a task',
        description:
          '`status: done` closes it; `snoozedUntil` (future) snoozes it; `status: open` reopens it; ' +
          '`assigneeId` reassigns it (the assignee or a lead). Allowed for the assignee, the creator or a ' +
          'lead. Role: agent.',
        tags: ['tasks'],
        security: bearerSecurity,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: {
            description: 'The task as changed',
            content: { 'application/json': { schema: resolver(Task) } },
          },
          ...errorResponses(400, 401, 404, 413, 415, 500),
          ...documentedErrors(403, 422, 429),
        },
      }),
      requireRole('agent'),
      requireJsonContentType,
      limitBody,
      validator('json', TaskPatch, validationHook),
      async (c) => {
        const body = c.req.valid('json');
        rejectNul(body);
        const task = await patchTask(db, c.get('caller'), c.req.param('id') ?? '', body, c.get('requestId'));
        return c.json(task satisfies Task);
      },
    );
}
