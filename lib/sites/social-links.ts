import type { Identifier } from '../contract/identifier.ts';

// Paths on the networks that are pages, not people.
const RESERVED = new Set([
  'home',
  'explore',
  'search',
  'settings',
  'notifications',
  'messages',
  'i',
  'intent',
  'share',
  'hashtag',
  'compose',
  'login',
  'signup',
  'tos',
  'privacy',
  'about',
  'p',
  'reel',
  'reels',
  'stories',
  'accounts',
  'direct',
  'tv',
  'legal',
]);

/** The person a link to a social profile points at (`https://x.com/sofiaflies`), or null. */
export function handleFromProfileUrl(href: string, base?: string): Identifier | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/^(www|mobile)\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  const one = /^\/([^/]+)$/.exec(path)?.[1];
  if (!one) return null;
  const name = decodeURIComponent(one);
  if (RESERVED.has(name.toLowerCase())) return null;
  if ((host === 'x.com' || host === 'twitter.com') && /^[A-Za-z0-9_]{1,20}$/.test(name)) {
    return { kind: 'handle', network: 'x', value: name };
  }
  if (host === 'instagram.com' && /^[A-Za-z0-9_.]{1,30}$/.test(name)) {
    return { kind: 'handle', network: 'instagram', value: name };
  }
  if ((host === 'threads.net' || host === 'threads.com') && /^@[A-Za-z0-9_.]{1,30}$/.test(name)) {
    return { kind: 'handle', network: 'threads', value: name };
  }
  if (host === 'tiktok.com' && /^@[A-Za-z0-9_.]{1,24}$/.test(name)) {
    return { kind: 'handle', network: 'tiktok', value: name };
  }
  // Mastodon and friends: https://host/@user is @user@host.
  if (/^@[A-Za-z0-9_]{1,30}$/.test(name) && host.includes('.')) {
    return { kind: 'handle', network: 'fediverse', value: `${name.slice(1)}@${host}` };
  }
  return null;
}
