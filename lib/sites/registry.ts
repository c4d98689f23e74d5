import { freshdeskAdapter } from './freshdesk.ts';
import { frontAdapter } from './front.ts';
import { genericAdapter } from './generic.ts';
import { gmailAdapter } from './gmail.ts';
import { helpscoutAdapter } from './helpscout.ts';
import { instagramAdapter } from './instagram.ts';
import { intercomAdapter } from './intercom.ts';
import type { SiteAdapter } from './site-adapter.ts';
import { xAdapter } from './x.ts';
import { zendeskAdapter } from './zendesk.ts';

/** The site adapters, first match wins; adding a site is adding a file and a line here. */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [
  xAdapter,
  gmailAdapter,
  zendeskAdapter,
  freshdeskAdapter,
  helpscoutAdapter,
  intercomAdapter,
  frontAdapter,
  instagramAdapter,
];

/** The adapter for a page, the generic one when no site claims it. */
export function adapterFor(href: string): SiteAdapter {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return genericAdapter;
  }
  return SITE_ADAPTERS.find((adapter) => adapter.matches(url)) ?? genericAdapter;
}
