import type { Identifier, SocialNetwork } from '../contract/identifier.ts';
import { identityKey, normalizeIdentifier } from '../contract/normalize.ts';
import { extractEmails } from './extract-emails.ts';
import { extractFediverseHandles, extractHandles } from './extract-handles.ts';
import { type CompiledPatterns, NO_PATTERNS } from './number-patterns.ts';

/** One identifier found in a string, normalised, with its key and where it sits in the string. */
export interface FoundIdentifier {
  identifier: Identifier;
  key: string;
  start: number;
  end: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

const found = (raw: Identifier, start: number, end: number): FoundIdentifier => {
  const identifier = normalizeIdentifier(raw);
  return { identifier, key: identityKey(identifier), start, end };
};

/**
 * Every e-mail address, fediverse handle, `@handle` of `network` and tenant card/order number in `text`, in
 * reading order. Where two overlap the more specific wins: `@user@host` over `@user`, an e-mail address
 * over the `@domain` inside it.
 */
export function extractIdentifiers(
  text: string,
  network: SocialNetwork,
  patterns: CompiledPatterns = NO_PATTERNS,
): FoundIdentifier[] {
  const results: FoundIdentifier[] = [];
  if (text.includes('@') || text.includes('＠')) {
    for (const span of extractFediverseHandles(text)) {
      results.push(found({ kind: 'handle', network: 'fediverse', value: span.value }, span.start, span.end));
    }
    for (const span of extractEmails(text)) {
      if (results.some((other) => overlaps(other, span))) continue;
      results.push(found({ kind: 'email', value: span.value }, span.start, span.end));
    }
    if (network !== 'fediverse') {
      for (const span of extractHandles(text, network)) {
        if (results.some((other) => overlaps(other, span))) continue;
        results.push(found({ kind: 'handle', network, value: span.value }, span.start, span.end));
      }
    }
  }
  for (const span of patterns.find(text)) {
    if (results.some((other) => overlaps(other, span))) continue;
    results.push(found({ kind: span.kind, value: span.value }, span.start, span.end));
  }
  return results.sort((a, b) => a.start - b.start);
}

/** The address of a `mailto:` link (first recipient only), or null when it holds none. */
export function emailFromMailto(href: string): FoundIdentifier | null {
  if (!/^mailto:/i.test(href)) return null;
  let target: string;
  try {
    target = decodeURIComponent(href.slice('mailto:'.length).split('?')[0] ?? '');
  } catch {
    return null;
  }
  // An explicit mailto: accepts a single-label domain, as linkify-it does (`mailto:foo@bar`).
  const first = extractEmails(`mailto:${(target.split(',')[0] ?? '').trim()}`)[0];
  if (!first) return null;
  return found({ kind: 'email', value: first.value }, 0, 0);
}
