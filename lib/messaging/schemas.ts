import * as z from 'zod/mini';
import { InteractionCreate } from '../contract/history.ts';
import { Identifier } from '../contract/identifier.ts';
import { IdentityLink, SearchRequest } from '../contract/identity.ts';
import { ProfileDetail, ProfileSummary } from '../contract/profile.ts';
import { Task, TaskCreate } from '../contract/tasks.ts';
import { VALUE_BANDS } from '../triage/value-band.ts';

// Payloads of the runtime messages between the extension's own contexts. Every message is parsed with
// these on the receiving side (receive.ts): a content script lives in a page we do not control.

/** Why a lookup or the connection test failed, in words the UI can turn into a fix. */
export const FAILURE_CODES = [
  'not_configured',
  'unreachable',
  'unauthorized',
  'bad_response',
  'server_error',
  'rejected',
  'not_found',
  'extension_error',
] as const;
export const FailureCode = z.enum(FAILURE_CODES);
export type FailureCode = z.infer<typeof FailureCode>;

export const Failure = z.object({ code: FailureCode, message: z.string() });
export type Failure = z.infer<typeof Failure>;

/** content → background: the identifiers a scan found (the content script de-duplicates first). */
export const LookupMessage = z.object({
  identifiers: z.array(Identifier).check(z.minLength(1), z.maxLength(500)),
});
export type LookupMessage = z.infer<typeof LookupMessage>;

/**
 * What a badge may show, per identity key. Deliberately no name, spend or history: this crosses into the
 * content script, which shares the page with scripts we do not control.
 */
export const BadgeResult = z.discriminatedUnion('status', [
  z.object({
    key: z.string(),
    status: z.literal('matched'),
    label: z.string(),
    // Glanceable facts for the badge ("Gold · $$$ · 412"); absent in privacy mode or when unknown.
    tier: z.optional(z.string().check(z.maxLength(60))),
    valueBand: z.optional(z.enum(VALUE_BANDS)),
    /** Followers summed over the linked social accounts. */
    reach: z.optional(z.int().check(z.minimum(0))),
  }),
  z.object({ key: z.string(), status: z.literal('unknown') }),
  z.object({ key: z.string(), status: z.literal('error'), error: Failure }),
]);
export type BadgeResult = z.infer<typeof BadgeResult>;

/**
 * Where the identity was seen: the message text around it (what the customer wrote, used by the suggestion
 * engine; it never leaves the browser) and the role the site adapter found it in.
 */
export const SelectionContext = z.object({
  messageText: z.optional(z.string().check(z.maxLength(5000))),
  role: z.optional(z.enum(['author', 'mention', 'recipient', 'requester', 'sender', 'cc', 'text'])),
  pageUrl: z.optional(z.string().check(z.maxLength(2000))),
});
export type SelectionContext = z.infer<typeof SelectionContext>;

/** content → background: the agent clicked this identity's badge. */
export const SelectIdentityMessage = z.object({
  identifier: Identifier,
  context: z.optional(SelectionContext),
});
export type SelectIdentityMessage = z.infer<typeof SelectIdentityMessage>;

/** background → sidebar: what the sidebar of a tab should show. */
export const SelectionView = z.discriminatedUnion('status', [
  z.object({ status: z.literal('none') }),
  z.object({
    status: z.literal('matched'),
    identifier: Identifier,
    profile: ProfileDetail,
    context: z.optional(SelectionContext),
  }),
  z.object({ status: z.literal('unknown'), identifier: Identifier, context: z.optional(SelectionContext) }),
  z.object({ status: z.literal('error'), identifier: Identifier, error: Failure }),
]);
export type SelectionView = z.infer<typeof SelectionView>;

/** background → options: never the token itself, only whether one is stored. */
export const SettingsView = z.object({ backendUrl: z.string(), hasToken: z.boolean() });
export type SettingsView = z.infer<typeof SettingsView>;

/** options → background. `token` absent keeps the stored one; an empty string removes it. */
export const SaveSettingsMessage = z.object({
  backendUrl: z.string().check(z.maxLength(2000)),
  token: z.optional(z.string().check(z.maxLength(4096))),
});
export type SaveSettingsMessage = z.infer<typeof SaveSettingsMessage>;

export const SaveSettingsResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), settings: SettingsView }),
  z.object({ ok: z.literal(false), field: z.enum(['backendUrl', 'token']), message: z.string() }),
]);
export type SaveSettingsResult = z.infer<typeof SaveSettingsResult>;

export const ConnectionResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    agent: z.object({ name: z.string(), role: z.string() }),
    tenant: z.object({ name: z.string() }),
  }),
  z.object({ ok: z.literal(false), error: Failure }),
]);
export type ConnectionResult = z.infer<typeof ConnectionResult>;

/** Messages that carry no payload still get a schema, so "no data" is checked like everything else. */
export const NoPayload = z.optional(z.undefined());

// --- Sidebar and popup actions (issue 5).

/** sidebar → background: create a follow-up once per `key` (the Idempotency-Key, made once per intent). */
export const CreateFollowUpMessage = z.object({
  key: z.string().check(z.minLength(8), z.maxLength(200)),
  task: TaskCreate,
});
export type CreateFollowUpMessage = z.infer<typeof CreateFollowUpMessage>;

/** `queued`: the backend was unreachable; the outbox sends it when it answers again. */
export const WriteResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('created'), task: z.optional(Task) }),
  z.object({ status: z.literal('queued') }),
  z.object({ status: z.literal('failed'), error: Failure }),
]);
export type WriteResult = z.infer<typeof WriteResult>;

/** sidebar → background: feedback on a suggestion, an offer made; logged on the profile. */
export const LogInteractionMessage = z.object({
  key: z.string().check(z.minLength(8), z.maxLength(200)),
  interaction: InteractionCreate,
});
export type LogInteractionMessage = z.infer<typeof LogInteractionMessage>;

export const SearchProfilesMessage = SearchRequest;
export const SearchProfilesResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), results: z.array(ProfileSummary) }),
  z.object({ ok: z.literal(false), error: Failure }),
]);
export type SearchProfilesResult = z.infer<typeof SearchProfilesResult>;

/** sidebar → background: "this is the same person"; evidence is the page where the agent saw it. */
export const LinkIdentityMessage = z.object({
  profileId: z.string().check(z.minLength(1), z.maxLength(200)),
  link: IdentityLink,
});
export type LinkIdentityMessage = z.infer<typeof LinkIdentityMessage>;

export const LinkIdentityResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: Failure }),
]);
export type LinkIdentityResult = z.infer<typeof LinkIdentityResult>;

/** popup → background: the agent's open follow-ups (overdue first) and what is waiting in the outbox. */
export const MyTasksResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), tasks: z.array(Task), queued: z.int() }),
  z.object({ ok: z.literal(false), error: Failure, queued: z.int() }),
]);
export type MyTasksResult = z.infer<typeof MyTasksResult>;

/** background → content: identities whose badges must be looked up again (after a link). */
export interface RefreshIdentityMessage {
  keys: string[];
}

/** content → popup: what the content script badged on its page. */
export interface PageIdentity {
  key: string;
  status: string;
}
