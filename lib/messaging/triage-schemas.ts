import * as z from 'zod/mini';
import { Identifier } from '../contract/identifier.ts';
import { ReachClassName, SegmentThresholds } from '../contract/triage.ts';
import { VALUE_BANDS } from '../triage/value-band.ts';
import { Failure } from './schemas.ts';

// Messages of the on-page triage list ("Who's here", issue 6). The content script's answers are parsed here
// by the background: the content script shares its page with scripts we do not control.

/** `data-known-identity` of a badge: `handle:x:janesmith`, `email:jane@example.com`. */
export const IdentityKey = z.string().check(z.minLength(3), z.maxLength(400));

/** sidebar → background (open it) and background → content (scroll to it): one identity on the page. */
export const PageIdentityMessage = z.object({ key: IdentityKey });
export type PageIdentityMessage = z.infer<typeof PageIdentityMessage>;

/** content → background: what `getPageIdentities` answers, checked before the background trusts it. */
export const PageIdentityList = z
  .array(z.object({ key: IdentityKey, status: z.string().check(z.maxLength(20)) }))
  .check(z.maxLength(2000));

/** content → background: the badge was found (and scrolled to), with the message text around it. */
export const RevealResult = z.object({
  found: z.boolean(),
  messageText: z.optional(z.string().check(z.maxLength(5000))),
});
export type RevealResult = z.infer<typeof RevealResult>;

/** One identity on the page, as the triage list shows it. Matched ones carry what the row needs, no more. */
export const TriageRow = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('matched'),
    key: IdentityKey,
    identifier: Identifier,
    profileId: z.string(),
    name: z.string(),
    tier: z.nullable(z.string()),
    valueBand: z.nullable(z.enum(VALUE_BANDS)),
    reachClass: ReachClassName,
    followers: z.int(),
    /** Null when the backend gave no facts (an older backend without `POST /v1/triage`). */
    openLoops: z.nullable(z.int()),
    waitingSince: z.nullable(z.string()),
    lastOutboundAt: z.nullable(z.string()),
    score: z.number(),
    /** Why it ranks where it does, most weighty first. */
    reasons: z.array(z.string()),
  }),
  z.object({
    status: z.literal('ambiguous'),
    key: IdentityKey,
    identifier: Identifier,
    candidates: z.int(),
  }),
  z.object({ status: z.literal('unknown'), key: IdentityKey, identifier: Identifier }),
  z.object({ status: z.literal('error'), key: IdentityKey, identifier: Identifier, error: Failure }),
]);
export type TriageRow = z.infer<typeof TriageRow>;

/** background → sidebar: the page's identities, highest priority first, unknown ones last. */
export const PageTriageView = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** The sidebar's own tab: the page's "identities changed" notes are only heeded from it. */
    tabId: z.int(),
    rows: z.array(TriageRow),
    /** `default` when the backend has no tenant thresholds (yet) and the built-in ones were used. */
    settingsSource: z.enum(['tenant', 'default']),
    /** Why waiting times and open loops are missing, when `POST /v1/triage` failed. */
    factsError: z.optional(Failure),
  }),
  z.object({ ok: z.literal(false), error: Failure }),
]);
export type PageTriageView = z.infer<typeof PageTriageView>;

/** background → sidebar: the cut-offs badges and the reach class use, and whether they are the tenant's. */
export const TriageThresholdsView = z.object({
  thresholds: SegmentThresholds,
  source: z.enum(['tenant', 'default']),
});
export type TriageThresholdsView = z.infer<typeof TriageThresholdsView>;
