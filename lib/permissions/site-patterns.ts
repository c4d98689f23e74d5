import { BUILT_IN_MATCHES } from '../sites/built-in-matches.ts';

// Pure helpers about match patterns and origins. No zod, no browser: the popup and options page use them.

/** Every http(s) site an agent might enable: declared only as OPTIONAL host permissions (wxt.config.ts). */
export const OPTIONAL_SITE_ORIGINS = ['https://*/*', 'http://*/*'] as const;

/** Script ids we own start with this, so a restore never touches another registration. */
export const SITE_SCRIPT_PREFIX = 'known-site-';

/** The id of an enabled site and of its registered content script. */
export const siteScriptId = (kind: 'origin' | 'admin', name: string) =>
  `${SITE_SCRIPT_PREFIX}${kind}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

export type OriginPattern = { ok: true; origin: string; pattern: string } | { ok: false; message: string };

/**
 * The origin-wide match pattern for a page address (`https://help.acme.test/t/1` → `https://help.acme.test/*`).
 * Ports are left out: a match pattern without a port matches every port of the host, and permissions are
 * granted per host anyway.
 */
export function originPatternFor(address: string): OriginPattern {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return { ok: false, message: 'Enter a site address starting with https:// or http://' };
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    return { ok: false, message: 'Known can only run on http:// and https:// sites' };
  }
  return { ok: true, origin: url.origin, pattern: `${url.protocol}//${url.hostname}/*` };
}

/** `https://*.acme.test/tickets/*` → `https://*.acme.test/*`: permissions are granted per host, not per path. */
export function permissionPatternFor(matchPattern: string): string {
  return matchPattern.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*');
}

const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** Whether a match pattern (`https://*.zendesk.com/*`) covers a URL. Enough of the spec for our patterns. */
export function patternMatches(pattern: string, address: string): boolean {
  const parts = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/.exec(pattern);
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (!parts) return false;
  const [, scheme, host = '', path = '/*'] = parts;
  const protocol = url.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme) return false;
  const hostOk =
    host === '*' ||
    (host.startsWith('*.')
      ? url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1))
      : url.hostname === host);
  if (!hostOk) return false;
  const pathRegex = new RegExp(`^${path.split('*').map(escape).join('.*')}$`);
  return pathRegex.test(url.pathname + url.search);
}

/** Whether Known already runs on this page out of the box (a declared content-script match). */
export function isBuiltInSite(address: string): boolean {
  return BUILT_IN_MATCHES.some((pattern) => patternMatches(pattern, address));
}
