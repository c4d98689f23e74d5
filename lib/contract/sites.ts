import * as z from 'zod/mini';

// Extra sites an admin ships as data (`GET /v1/sites`): where the content script may run and which elements
// hold the message and its author there. Selectors and URL patterns only, never code: the extension treats
// them as data, and enabling one still asks the agent's browser for that origin's permission.

/**
 * A WebExtension match pattern for one host or a host's subdomains, on http or https:
 * `https://help.acme.test/*`, `https://*.acme.test/tickets/*`. Never every host (`<all_urls>`, a bare `*` host):
 * an admin can widen Known to a site, not to the web.
 */
export const SITE_MATCH_PATTERN = /^(https?|\*):\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+)?\/.*$/i;

export const SiteMatchPattern = z.string().check(
  z.maxLength(300),
  z.regex(SITE_MATCH_PATTERN, {
    error: 'must be a match pattern for one host, like https://help.example.com/* or https://*.example.com/*',
  }),
);

const Selector = z.string().check(z.minLength(1), z.maxLength(500));

export const SiteSelectors = z.object({
  /** Each message (ticket comment, chat line) on the page. */
  message: Selector,
  /** The author's name, handle or address inside a message. */
  author: Selector,
  email: z.optional(Selector),
  handle: z.optional(Selector),
  requester: z.optional(Selector),
});
export type SiteSelectors = z.infer<typeof SiteSelectors>;

export const SiteDefinition = z
  .object({
    /** Stable slug, e.g. `acme-helpdesk`. */
    id: z
      .string()
      .check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'must be a lowercase slug (a-z, 0-9, -)' })),
    name: z.string().check(z.minLength(1), z.maxLength(100)),
    urlPatterns: z.array(SiteMatchPattern).check(z.minLength(1), z.maxLength(20)),
    selectors: SiteSelectors,
  })
  .register(z.globalRegistry, {
    id: 'SiteDefinition',
    description: 'A site an admin enables for the whole team: URL match patterns and CSS selectors, no code.',
  });
export type SiteDefinition = z.infer<typeof SiteDefinition>;

export const MAX_SITE_DEFINITIONS = 50;

export const SiteList = z
  .object({
    sites: z.array(SiteDefinition).check(
      z.maxLength(MAX_SITE_DEFINITIONS),
      z.refine(
        (sites) => new Set(sites.map((site) => site.id)).size === sites.length,
        'site ids must be unique',
      ),
    ),
  })
  .register(z.globalRegistry, { id: 'SiteList' });
export type SiteList = z.infer<typeof SiteList>;
