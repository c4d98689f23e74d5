import * as z from 'zod/mini';

const IsoTime = z.iso.datetime({ offset: true });

/** Where a customer touched the business. `twitter` is X; the import format predates the rename. */
export const CHANNELS = [
  'store',
  'web',
  'app',
  'phone',
  'email',
  'survey',
  'chat',
  'sms',
  'twitter',
  'instagram',
  'facebook',
  'other',
] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const Sentiment = z.enum(['positive', 'neutral', 'negative']);

export const Interaction = z
  .object({
    id: z.string(),
    at: IsoTime,
    channel: Channel,
    direction: z.enum(['inbound', 'outbound', 'internal']),
    summary: z.string().check(z.maxLength(2000)),
    caseId: z.nullable(z.string()),
    sentiment: z.nullable(Sentiment),
    /** The customer asked to be contacted (a survey tick box, "call me back"). An open loop until answered. */
    contactRequested: z.boolean(),
    /** Who handled it on the business side (an agent's name or id), when known. */
    agent: z.nullable(z.string()),
  })
  .register(z.globalRegistry, { id: 'Interaction' });
export type Interaction = z.infer<typeof Interaction>;

export const CaseStatus = z.enum(['open', 'pending', 'solved', 'closed']);

export const Case = z
  .object({
    id: z.string(),
    status: CaseStatus,
    subject: z.string(),
    openedAt: IsoTime,
    /** Every channel the case travelled through, in order: a channel hop reads as one story. */
    channels: z.array(Channel),
    /** When the business promised to come back; past it and still open, the case is a broken promise. */
    promisedBy: z.nullable(IsoTime),
  })
  .register(z.globalRegistry, { id: 'Case' });
export type Case = z.infer<typeof Case>;

/** A flight, order, stay, booking or appointment, just past (`recent`) or coming (`upcoming`). */
export const Item = z
  .object({
    kind: z.enum(['flight', 'order', 'stay', 'booking', 'appointment', 'other']),
    ref: z.string(),
    at: IsoTime,
    summary: z.string(),
    status: z.string(),
  })
  .register(z.globalRegistry, { id: 'Item' });
export type Item = z.infer<typeof Item>;

/**
 * Something the business owes the customer, computed by the backend at read time: a contact request
 * nobody answered, a promise past its date, a case still open, a follow-up task past due.
 */
export const OpenLoop = z
  .object({
    kind: z.enum(['contact_request', 'broken_promise', 'open_case', 'overdue_task']),
    summary: z.string(),
    /** When the loop opened: the age shown to the agent is now minus this. */
    since: IsoTime,
    channel: z.nullable(Channel),
    caseId: z.nullable(z.string()),
    dueAt: z.nullable(IsoTime),
    overdue: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'OpenLoop' });
export type OpenLoop = z.infer<typeof OpenLoop>;

export const InteractionPage = z
  .object({ items: z.array(Interaction), nextCursor: z.nullable(z.string()) })
  .register(z.globalRegistry, { id: 'InteractionPage' });
export type InteractionPage = z.infer<typeof InteractionPage>;

/** `POST /v1/interactions`: an agent's reply, call, offer or suggestion feedback, logged on the profile. */
export const InteractionCreate = z
  .object({
    profileId: z.string(),
    at: z.optional(IsoTime),
    channel: Channel,
    direction: z.enum(['inbound', 'outbound', 'internal']),
    summary: z.string().check(z.minLength(1), z.maxLength(2000)),
    caseId: z.optional(z.nullable(z.string())),
    /** e.g. `offer`, `suggestion_used`, `suggestion_wrong`, `reply`, `call`. */
    type: z.optional(z.string().check(z.maxLength(40))),
  })
  .register(z.globalRegistry, { id: 'InteractionCreate' });
export type InteractionCreate = z.infer<typeof InteractionCreate>;
