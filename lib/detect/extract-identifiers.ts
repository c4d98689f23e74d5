import type { Identifier, SocialNetwork } from '../contract/identifier.ts';
import { identityKey, normalizeIdentifier } from '../contract/normalize.ts';
import { extractEmails } from './extract-emails.ts';
import { extractHandles } from './extract-handles.ts';

/** One identifier found in a string, normalised, with its key and where it sits in the string. */
export interface FoundIdentifier {
  identifier: Identifier;
  key: string;
  start: number;
  end: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Every e-mail address and handle in `text`, in reading order. A handle that lies inside an e-mail
 * address (`jane@example.com` is not `@example`) is dropped: e-mail wins.
 */
export function extractIdentifiers(text: string, network: SocialNetwork): FoundIdentifier[] {
  const emails = extractEmails(text).map((span) => {
    const identifier = normalizeIdentifier({ kind: 'email', value: span.value });
    return { identifier, key: identityKey(identifier), start: span.start, end: span.end };
  });
  const handles = extractHandles(text, network)
    .filter((span) => !emails.some((email) => overlaps(email, span)))
    .map((span) => {
      const identifier = normalizeIdentifier({ kind: 'handle', network, value: span.value });
      return { identifier, key: identityKey(identifier), start: span.start, end: span.end };
    });
  return [...emails, ...handles].sort((a, b) => a.start - b.start);
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
  const first = extractEmails(target.split(',')[0] ?? '')[0];
  if (!first) return null;
  const identifier = normalizeIdentifier({ kind: 'email', value: first.value });
  return { identifier, key: identityKey(identifier), start: 0, end: 0 };
}
