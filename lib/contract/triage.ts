import * as z from 'zod/mini';

// Issue 6: value against reach. The backend derives the cut-offs from the tenant's own distribution
// (percentiles of last-12-months spend, lifetime value and followers) and serves them with the tenant's
// priority weights; the extension and the analytics both feed them to the pure functions in lib/triage/.

const IsoTime = z.iso.datetime({ offset: true });

export const REACH_CLASSES = ['quiet_vip', 'loud_vip', 'influencer_not_customer', 'regular'] as const;
export const ReachClassName = z.enum(REACH_CLASSES);
export type ReachClassName = z.infer<typeof ReachClassName>;

const Percentile = z.number().check(z.gt(0), z.lt(100));
const NonNegative = z.number().check(z.gte(0));

/** Which percentiles of the tenant's distribution become which cut-off. A lead may move them. */
export const SegmentPercentiles = z
  .strictObject({
    /** Percentiles of last-12-months spend that open the `$$`, `$$$` and `$$$$` bands, ascending. */
    valueBands: z.tuple([Percentile, Percentile, Percentile]),
    /** Lifetime value at or above this percentile is high value, whatever the tier. */
    highValue: Percentile,
    /** Lifetime value under this percentile has bought (almost) nothing. */
    lowValue: Percentile,
    /** Followers at or above this percentile are "loud". */
    bigReach: Percentile,
  })
  .register(z.globalRegistry, { id: 'SegmentPercentiles' });
export type SegmentPercentiles = z.infer<typeof SegmentPercentiles>;

/** The cut-offs in the tenant's own units, computed from SegmentPercentiles over its live profiles. */
export const SegmentThresholds = z
  .strictObject({
    valueBands: z.tuple([NonNegative, NonNegative, NonNegative]),
    highValue: NonNegative,
    lowValue: NonNegative,
    bigReach: NonNegative,
    /** Tier ranks at or above this (1 = top) count as top tiers. */
    topTierRank: z.int().check(z.gte(1)),
  })
  .register(z.globalRegistry, { id: 'SegmentThresholds' });
export type SegmentThresholds = z.infer<typeof SegmentThresholds>;

/**
 * How a priority score is built. Value terms dominate; reach is only a tie-breaker with a bounded bonus
 * (`reachBonusMax`), so 20,000 followers never outrank a top-tier customer with an open loop.
 */
export const PriorityWeights = z
  .strictObject({
    /** Points for the top tier, scaled down by rank (rank 1 gets all of it). */
    tier: NonNegative,
    /** Points for the last 12 months' spend at the tenant's top percentile (scaled by percentile). */
    last12m: NonNegative,
    lifetime: NonNegative,
    /** Points per open loop (contact request, broken promise, open case, overdue task). */
    openLoop: NonNegative,
    /** Points per day the oldest open loop has waited, capped at `loopAgeCapDays`. */
    loopAgePerDay: NonNegative,
    loopAgeCapDays: NonNegative,
    /** Points when the customer's latest words were negative. */
    negativeSentiment: NonNegative,
    /** The most reach can ever add. */
    reachBonusMax: NonNegative,
  })
  .register(z.globalRegistry, { id: 'PriorityWeights' });
export type PriorityWeights = z.infer<typeof PriorityWeights>;

/** `GET /v1/triage/settings` (any role): what the badges, the sidebar and the triage list rank by. */
export const TriageSettings = z
  .object({
    percentiles: SegmentPercentiles,
    thresholds: SegmentThresholds,
    weights: PriorityWeights,
    /** Live profiles the thresholds were computed from, and when. */
    profiles: z.int().check(z.gte(0)),
    computedAt: IsoTime,
  })
  .register(z.globalRegistry, { id: 'TriageSettings' });
export type TriageSettings = z.infer<typeof TriageSettings>;

/** `PUT /v1/settings/triage` and `POST /v1/settings/triage/preview` (lead). */
export const TriageSettingsUpdate = z
  .strictObject({ percentiles: SegmentPercentiles, weights: PriorityWeights })
  .register(z.globalRegistry, { id: 'TriageSettingsUpdate' });
export type TriageSettingsUpdate = z.infer<typeof TriageSettingsUpdate>;

/** What a settings change would do, before it is saved: thresholds and class sizes, before and after. */
export const TriagePreview = z
  .object({
    before: TriageSettings,
    after: TriageSettings,
    /** Live profiles per class under each. */
    classCounts: z.object({
      before: z.record(ReachClassName, z.int()),
      after: z.record(ReachClassName, z.int()),
    }),
  })
  .register(z.globalRegistry, { id: 'TriagePreview' });
export type TriagePreview = z.infer<typeof TriagePreview>;

/** `POST /v1/triage`: the facts a priority needs about profiles already matched on the page. Audited. */
export const TriageRequest = z
  .object({
    profileIds: z
      .array(z.string().check(z.minLength(1), z.maxLength(100)))
      .check(z.minLength(1), z.maxLength(100)),
    context: z.optional(z.object({ pageOrigin: z.optional(z.string().check(z.maxLength(300))) })),
  })
  .register(z.globalRegistry, { id: 'TriageRequest' });
export type TriageRequest = z.infer<typeof TriageRequest>;

export const TriageFacts = z
  .object({
    profileId: z.string(),
    /** Open loops as in ProfileDetail.openLoops, and when the oldest opened. */
    openLoops: z.int().check(z.gte(0)),
    oldestOpenLoopSince: z.nullable(IsoTime),
    /** The customer's latest inbound interaction was negative. */
    negativeSentiment: z.boolean(),
    lastInboundAt: z.nullable(IsoTime),
    lastOutboundAt: z.nullable(IsoTime),
    /** The first inbound interaction not yet answered by an outbound one; null when answered or none. */
    waitingSince: z.nullable(IsoTime),
  })
  .register(z.globalRegistry, { id: 'TriageFacts' });
export type TriageFacts = z.infer<typeof TriageFacts>;

export const TriageResponse = z
  .object({ items: z.array(TriageFacts) })
  .register(z.globalRegistry, { id: 'TriageResponse' });
export type TriageResponse = z.infer<typeof TriageResponse>;
