import * as z from 'zod/mini';
import { SiteDefinition } from '../contract/sites.ts';
import { EnabledSite } from '../permissions/enabled-sites.ts';
import { Failure } from './schemas.ts';

// Payloads of the messages about where Known runs (options page "Sites" section, the popup's toggle) and the
// privacy mode of badges. Parsed on the receiving side like every other message (receive.ts).

/** options/popup → background, AFTER the page got the origins granted by `permissions.request`. */
export const EnableSiteMessage = z.discriminatedUnion('kind', [
  /** One origin, from a typed address or the popup's current tab. */
  z.object({ kind: z.literal('origin'), address: z.string().check(z.maxLength(2000)) }),
  /** A site definition the admin shipped through `GET /v1/sites`, by its id. */
  z.object({ kind: z.literal('admin'), siteId: z.string().check(z.maxLength(100)) }),
]);
export type EnableSiteMessage = z.infer<typeof EnableSiteMessage>;

export const DisableSiteMessage = z.object({ id: z.string().check(z.maxLength(200)) });
export type DisableSiteMessage = z.infer<typeof DisableSiteMessage>;

export const SiteChangeResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), sites: z.array(EnabledSite) }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type SiteChangeResult = z.infer<typeof SiteChangeResult>;

/** background → options: what is enabled, what the admin offers, and the badge privacy mode. */
export const SitesView = z.object({
  enabled: z.array(EnabledSite),
  offered: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), sites: z.array(SiteDefinition) }),
    z.object({ ok: z.literal(false), error: Failure }),
  ]),
  privacyMode: z.boolean(),
});
export type SitesView = z.infer<typeof SitesView>;

export const SiteStatusMessage = z.object({ address: z.string().check(z.maxLength(2000)) });
export type SiteStatusMessage = z.infer<typeof SiteStatusMessage>;

/** background → popup: whether Known runs on the tab's site, and why. */
export const SiteStatus = z.discriminatedUnion('status', [
  z.object({ status: z.literal('built-in'), origin: z.string() }),
  z.object({ status: z.literal('enabled'), origin: z.string(), id: z.string() }),
  z.object({ status: z.literal('off'), origin: z.string() }),
  z.object({ status: z.literal('unsupported') }),
]);
export type SiteStatus = z.infer<typeof SiteStatus>;

export const SetPrivacyModeMessage = z.object({ enabled: z.boolean() });
export type SetPrivacyModeMessage = z.infer<typeof SetPrivacyModeMessage>;
