import * as z from 'zod/mini';
import { Channel } from './history.ts';
import { Tier } from './profile.ts';
import { ReachClassName } from './triage.ts';

// Issue 6: where the team's attention goes, for leads. All routes are role `lead` and read-only; reassigning
// uses PATCH /v1/tasks/{id}, settings use /v1/settings/*.

const IsoTime = z.iso.datetime({ offset: true });

/** Query of every analytics route. `to` is exclusive; from < to; the window is at most 366 days. */
export const AnalyticsQuery = z
  .object({
    from: IsoTime,
    to: IsoTime,
    team: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    channel: z.optional(Channel),
  })
  .register(z.globalRegistry, { id: 'AnalyticsQuery' });
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

/**
 * One row of the attention table, for a class (`dimension: 'class'`, key a ReachClassName) or a tier
 * (`dimension: 'tier'`, key the tier rank as a string, `none` for untiered).
 */
export const AttentionRow = z
  .object({
    dimension: z.enum(['class', 'tier']),
    key: z.string(),
    label: z.string(),
    /** Distinct customers who engaged (sent an inbound interaction) in the window. */
    profiles: z.int().check(z.gte(0)),
    /** Inbound interactions in the window. */
    engagements: z.int().check(z.gte(0)),
    /** This row's engagements that got an answer, over all answered engagements in the window (0..1). */
    attentionShare: z.number(),
    /** This row's engagements over all engagements in the window (0..1). */
    engagementShare: z.number(),
    /** Median minutes from an inbound interaction to the first outbound one after it; null when none answered. */
    medianFirstResponseMinutes: z.nullable(z.number()),
    /** Answered engagements over engagements (0..1); null when no engagements. */
    answeredShare: z.nullable(z.number()),
    /** Follow-up tasks due in the window, and of those still open past due now. */
    followUpsDue: z.int().check(z.gte(0)),
    followUpsOverdue: z.int().check(z.gte(0)),
    /** Follow-ups done by their due time over follow-ups due (0..1); null when none due. */
    slaCompliance: z.nullable(z.number()),
    contactRequests: z.int().check(z.gte(0)),
    unansweredContactRequests: z.int().check(z.gte(0)),
  })
  .register(z.globalRegistry, { id: 'AttentionRow' });
export type AttentionRow = z.infer<typeof AttentionRow>;

/** A customer whose value is high and whose attention was low: the quiet VIP who waited. */
export const AttentionGap = z
  .object({
    profileId: z.string(),
    name: z.string(),
    class: ReachClassName,
    tier: z.nullable(Tier),
    valueLast12m: z.nullable(z.number()),
    followers: z.int().check(z.gte(0)),
    engagements: z.int().check(z.gte(0)),
    medianFirstResponseMinutes: z.nullable(z.number()),
    waitingSince: z.nullable(IsoTime),
    /** Larger is a bigger gap between value and attention received; what the list is sorted by. */
    gap: z.number(),
  })
  .register(z.globalRegistry, { id: 'AttentionGap' });
export type AttentionGap = z.infer<typeof AttentionGap>;

/** `GET /v1/analytics/attention` */
export const AttentionReport = z
  .object({
    from: IsoTime,
    to: IsoTime,
    team: z.nullable(z.string()),
    channel: z.nullable(Channel),
    generatedAt: IsoTime,
    /** Teams known to the tenant, for the filter. */
    teams: z.array(z.string()),
    totals: z.object({
      engagements: z.int(),
      answered: z.int(),
      profiles: z.int(),
      medianFirstResponseMinutes: z.nullable(z.number()),
    }),
    byClass: z.array(AttentionRow),
    byTier: z.array(AttentionRow),
    /** Largest gap first, at most 50. */
    gaps: z.array(AttentionGap),
  })
  .register(z.globalRegistry, { id: 'AttentionReport' });
export type AttentionReport = z.infer<typeof AttentionReport>;

export const ResponseSpeed = z.enum(['fast', 'slow', 'unanswered']);
export type ResponseSpeed = z.infer<typeof ResponseSpeed>;

/** One engaged customer on the reach-against-value plot. */
export const ScatterPoint = z.object({
  profileId: z.string(),
  name: z.string(),
  followers: z.int().check(z.gte(0)),
  valueLast12m: z.number(),
  class: ReachClassName,
  /** Their engagements in the window: fast when the median first response is within `fastWithinMinutes`. */
  response: ResponseSpeed,
  medianFirstResponseMinutes: z.nullable(z.number()),
});
export type ScatterPoint = z.infer<typeof ScatterPoint>;

/** `GET /v1/analytics/scatter`: engaged customers, at most `limit` (default 2,000), highest value first. */
export const ScatterResponse = z
  .object({
    points: z.array(ScatterPoint),
    /** More customers engaged than were returned. */
    truncated: z.boolean(),
    fastWithinMinutes: z.number(),
  })
  .register(z.globalRegistry, { id: 'ScatterResponse' });
export type ScatterResponse = z.infer<typeof ScatterResponse>;

/** An overdue follow-up task, or a contact request nobody answered. */
export const OverdueItem = z
  .object({
    kind: z.enum(['task', 'contact_request']),
    /** Task id, or interaction id for a contact request. */
    id: z.string(),
    profileId: z.string(),
    profileName: z.string(),
    tier: z.nullable(Tier),
    summary: z.string(),
    /** Task creation or the request's time. */
    since: IsoTime,
    dueAt: z.nullable(IsoTime),
    /** The task's assignee; for a contact request, the agent of the interaction when known. */
    assignee: z.nullable(
      z.object({ id: z.nullable(z.string()), name: z.string(), team: z.nullable(z.string()) }),
    ),
    channel: z.nullable(Channel),
  })
  .register(z.globalRegistry, { id: 'OverdueItem' });
export type OverdueItem = z.infer<typeof OverdueItem>;

/** `GET /v1/analytics/overdue`: oldest first, grouped by assignee in the dashboard. */
export const OverdueResponse = z
  .object({ items: z.array(OverdueItem), nextCursor: z.nullable(z.string()) })
  .register(z.globalRegistry, { id: 'OverdueResponse' });
export type OverdueResponse = z.infer<typeof OverdueResponse>;

/** `GET /v1/agents` (lead): whom a follow-up can be reassigned to. */
export const AgentList = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        role: z.enum(['agent', 'lead', 'admin']),
        team: z.nullable(z.string()),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'AgentList' });
export type AgentList = z.infer<typeof AgentList>;

/** One tier's open follow-ups under the SLA in force and under a proposed one. */
export const SlaPreviewTier = z.object({
  /** Tier rank as a string, `none` for untiered customers. */
  key: z.string(),
  label: z.string(),
  openTasks: z.int().check(z.gte(0)),
  currentHours: z.number(),
  proposedHours: z.number(),
  /** Open follow-ups past their due time now. */
  overdueNow: z.int().check(z.gte(0)),
  /** Open follow-ups that would be past due if they had been given the proposed SLA when they were made. */
  overdueUnderProposed: z.int().check(z.gte(0)),
});
export type SlaPreviewTier = z.infer<typeof SlaPreviewTier>;

/**
 * `POST /v1/settings/sla/preview` (lead): what a proposed SLA policy would change, nothing written. A saved
 * policy times new follow-ups; this shows the open ones as if they had been made under it.
 */
export const SlaPreview = z
  .object({
    openTasks: z.int().check(z.gte(0)),
    byTier: z.array(SlaPreviewTier),
    /** Up to 5 open follow-ups whose due time would move, those that would change overdue state first. */
    examples: z.array(
      z.object({
        taskId: z.string(),
        profileId: z.string(),
        profileName: z.string(),
        summary: z.string(),
        tierKey: z.string(),
        createdAt: IsoTime,
        dueAt: IsoTime,
        proposedDueAt: IsoTime,
        overdueNow: z.boolean(),
        overdueUnderProposed: z.boolean(),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'SlaPreview' });
export type SlaPreview = z.infer<typeof SlaPreview>;

const IdChanges = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
});

/**
 * `POST /v1/playbook/preview` (lead): the body validated as PUT /v1/playbook would (400 invalid_playbook
 * naming the field), compared by id with the playbook in force; nothing written.
 */
export const PlaybookPreview = z
  .object({
    /** Where the playbook in force comes from (`default` until a lead saves one). */
    currentSource: z.enum(['tenant', 'default']),
    intents: IdChanges,
    rules: IdChanges,
    /** Remedies an agent may offer. */
    offers: IdChanges,
    /** Top-level settings (vertical, locale, programs, places, negations, weights) that differ. */
    settings: z.array(z.string()),
    unchanged: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'PlaybookPreview' });
export type PlaybookPreview = z.infer<typeof PlaybookPreview>;
