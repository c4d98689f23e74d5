import * as z from 'zod/mini';
import { Case, Interaction, Item, OpenLoop } from './history.ts';
import { Identifier, SocialNetwork } from './identifier.ts';
import { Task } from './tasks.ts';

export const Tier = z.object({
  program: z.string(),
  name: z.string(),
  /** 1 is the top tier; larger numbers are lower tiers. */
  rank: z.int().check(z.minimum(1)),
});
export type Tier = z.infer<typeof Tier>;

export const Value = z.object({
  currency: z.string().check(z.length(3)),
  lifetime: z.number(),
  last12m: z.number(),
});
export type Value = z.infer<typeof Value>;

export const SocialAccount = z.object({
  network: SocialNetwork,
  handle: z.string(),
  followers: z.int().check(z.minimum(0)),
});
export type SocialAccount = z.infer<typeof SocialAccount>;

/** What a lookup answers with: enough for a badge and the top of the sidebar. */
export const ProfileSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    tier: z.nullable(Tier),
    value: z.nullable(Value),
    identities: z.array(Identifier),
    social: z.array(SocialAccount),
    /** Followers summed over every linked social account. */
    reach: z.object({ followers: z.int().check(z.minimum(0)) }),
  })
  .register(z.globalRegistry, { id: 'ProfileSummary' });
export type ProfileSummary = z.infer<typeof ProfileSummary>;

export const Loyalty = z.object({
  program: z.string(),
  tier: z.string(),
  tierRank: z.int().check(z.minimum(1)),
  points: z.int(),
  memberSince: z.nullable(z.string()),
  tierExpiresAt: z.optional(z.nullable(z.string())),
});

/** A linked identifier with its provenance: who linked it, when, and on what evidence. */
export const IdentityRecord = z.object({
  identifier: Identifier,
  source: z.string(),
  verified: z.boolean(),
  linkedBy: z.nullable(z.string()),
  linkedAt: z.nullable(z.string()),
  evidence: z.nullable(z.string()),
});
export type IdentityRecord = z.infer<typeof IdentityRecord>;

export const Preferences = z.object({
  channel: z.nullable(z.string()),
  language: z.nullable(z.string()),
  notes: z.array(z.string()),
});

/**
 * `GET /v1/profiles/{id}`: the whole profile. The history fields are optional so a backend that only knows
 * the basics (or an older one) still answers validly; the reference backend fills them all.
 */
export const ProfileDetail = z
  .object({
    ...ProfileSummary.shape,
    externalId: z.nullable(z.string()),
    loyalty: z.nullable(Loyalty),
    preferences: Preferences,
    ordersCount: z.optional(z.nullable(z.int())),
    lastOrderAt: z.optional(z.nullable(z.string())),
    identityRecords: z.optional(z.array(IdentityRecord)),
    /** Most urgent first: overdue before due, then oldest first. */
    openLoops: z.optional(z.array(OpenLoop)),
    /** Open cases first, then the latest. */
    cases: z.optional(z.array(Case)),
    /** The latest interactions, newest first; older ones through GET /v1/profiles/{id}/interactions. */
    interactions: z.optional(z.array(Interaction)),
    interactionsCursor: z.optional(z.nullable(z.string())),
    recent: z.optional(z.array(Item)),
    upcoming: z.optional(z.array(Item)),
    /** Open follow-up tasks, soonest due first. */
    tasks: z.optional(z.array(Task)),
  })
  .register(z.globalRegistry, { id: 'ProfileDetail' });
export type ProfileDetail = z.infer<typeof ProfileDetail>;
