import type { SocialNetwork } from '../contract/identifier.ts';

/**
 * Which network an `@handle` on this host belongs to. Deliberately tiny for the walking skeleton: the site
 * adapters (issue 4) will say this per site. Anything else — helpdesks, the demo pages — reads as X, the
 * network the demo stories happen on.
 */
export function networkForHost(hostname: string): SocialNetwork {
  const host = hostname.toLowerCase().replace(/^www\./, '');
  if (host === 'instagram.com' || host.endsWith('.instagram.com')) return 'instagram';
  return 'x';
}
