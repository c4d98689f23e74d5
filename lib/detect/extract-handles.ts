import type { SocialNetwork } from '../contract/identifier.ts';
import type { TextSpan } from './extract-emails.ts';
import { extractMentions } from './twitter-mentions.ts';

// Instagram and Threads share one account namespace: letters, digits, `_` and inner dots, 30 at most.
// Other networks' rules are looser approximations; only X's are a published spec (twitter-mentions.ts).
const HANDLE_BODY: Record<Exclude<SocialNetwork, 'x' | 'fediverse'>, string> = {
  instagram: '[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?',
  threads: '[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?',
  facebook: '[A-Za-z0-9](?:[A-Za-z0-9.]{0,48}[A-Za-z0-9])?',
  tiktok: '[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,22}[A-Za-z0-9_])?',
  linkedin: '[A-Za-z0-9-]{1,100}',
};

// Not preceded by a word character, dot or @ (so `user@example.com` yields no handle); not followed by
// more name characters or an @ (that would be a fediverse handle or an e-mail address).
const PATTERNS = Object.fromEntries(
  Object.entries(HANDLE_BODY).map(([network, body]) => [
    network,
    new RegExp(`(?<![\\w.@＠])[@＠](${body})(?![\\w@＠])`, 'g'),
  ]),
) as Record<keyof typeof HANDLE_BODY, RegExp>;

// `@user@host.tld`: a Mastodon-style handle. The user part is what Mastodon allows; the host needs a TLD.
const FEDIVERSE =
  /(?<![\w.@＠/])[@＠]([A-Za-z0-9_]{1,30}(?:[.-][A-Za-z0-9_]+)*)[@＠]((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})(?![\w-]*[@＠])/gi;

const TWO_ATS = /[@＠][^]*[@＠]/;

/** `@handles` in free text for one network; `value` keeps the leading `@` as written on the page. */
export function extractHandles(text: string, network: SocialNetwork): TextSpan[] {
  if (!text.includes('@') && !text.includes('＠')) return [];
  if (network === 'fediverse') return extractFediverseHandles(text);
  if (network === 'x') {
    return extractMentions(text).map(({ start, end }) => ({ value: text.slice(start, end), start, end }));
  }
  const found: TextSpan[] = [];
  for (const match of text.matchAll(PATTERNS[network])) {
    found.push({ value: match[0], start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** `@user@host` handles; `value` is `user@host`, the form the contract normalises fediverse handles to. */
export function extractFediverseHandles(text: string): TextSpan[] {
  // Two `@` at least (`@user@host`): most text with one is ruled out before the regex and its lookbehinds.
  if (!TWO_ATS.test(text)) return [];
  const found: TextSpan[] = [];
  for (const match of text.matchAll(FEDIVERSE)) {
    found.push({ value: match[0], start: match.index, end: match.index + match[0].length });
  }
  return found;
}
