import * as z from 'zod/mini';
import { Channel } from './history.ts';

const IsoTime = z.iso.datetime({ offset: true });

export const TaskStatus = z.enum(['open', 'done', 'snoozed']);

export const Task = z
  .object({
    id: z.string(),
    profileId: z.string(),
    summary: z.string(),
    status: TaskStatus,
    createdAt: IsoTime,
    /** From the profile's tier SLA unless the creator set it. */
    dueAt: IsoTime,
    overdue: z.boolean(),
    assignee: z.object({ id: z.string(), name: z.string() }),
    channel: z.nullable(Channel),
    sourceUrl: z.nullable(z.string()),
    snoozedUntil: z.nullable(IsoTime),
  })
  .register(z.globalRegistry, { id: 'Task' });
export type Task = z.infer<typeof Task>;

/** `POST /v1/tasks`, sent with an `Idempotency-Key` header: the same key twice creates one task. */
export const TaskCreate = z
  .object({
    profileId: z.string().check(z.minLength(1)),
    summary: z.string().check(z.minLength(1), z.maxLength(2000)),
    channel: z.optional(Channel),
    sourceUrl: z.optional(z.string().check(z.maxLength(2000))),
    /** Overrides the SLA due time. */
    dueAt: z.optional(IsoTime),
    /** Agent id; the caller by default. */
    assigneeId: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'TaskCreate' });
export type TaskCreate = z.infer<typeof TaskCreate>;

export const TaskPatch = z
  .object({
    status: z.optional(TaskStatus),
    assigneeId: z.optional(z.string()),
    snoozedUntil: z.optional(IsoTime),
  })
  .register(z.globalRegistry, { id: 'TaskPatch' });
export type TaskPatch = z.infer<typeof TaskPatch>;

export const TaskList = z
  .object({ items: z.array(Task), nextCursor: z.nullable(z.string()) })
  .register(z.globalRegistry, { id: 'TaskList' });

/** Follow-up due times by tier rank (1 = top), per tenant. Defaults in the backend: 2 h, 8 h, 24 h …, 72 h untiered. */
export const SlaPolicy = z
  .object({
    hoursByTierRank: z.record(z.string(), z.number().check(z.positive())),
    untieredHours: z.number().check(z.positive()),
    /** For a tier rank not listed in hoursByTierRank (default 48 h). */
    otherTiersHours: z.optional(z.number().check(z.positive())),
  })
  .register(z.globalRegistry, { id: 'SlaPolicy' });
export type SlaPolicy = z.infer<typeof SlaPolicy>;
