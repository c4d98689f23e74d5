import type { Identifier } from './identifier.ts';

// One normalisation, used by the extension (to de-duplicate what it asks for) and the backend (to store
// and match), so that `Jane@Example.com ` on a page and `jane@example.com` in the CRM are the same key.

/** Full-width forms (＠, ａ) and compatibility characters fold to their ASCII shape first. */
const fold = (value: string) => value.normalize('NFKC').trim();

export function normalizeEmail(value: string): string {
  return fold(value)
    .replace(/^mailto:/i, '')
    .toLowerCase();
}

/**
 * Handles are case-insensitive on every network we know. A leading `@` is dropped. Fediverse handles keep
 * their host (`user@host`), which is what makes them different from an e-mail address.
 */
export function normalizeHandle(value: string): string {
  return fold(value).replace(/^@/, '').toLowerCase();
}

/** Card and order numbers are printed with spaces and dashes in all sorts of places; the digits are what count. */
export function normalizeNumber(value: string): string {
  return fold(value)
    .replace(/[\s\-–—]/g, '')
    .toUpperCase();
}

export function normalizeIdentifier(id: Identifier): Identifier {
  switch (id.kind) {
    case 'email':
      return { kind: 'email', value: normalizeEmail(id.value) };
    case 'handle':
      return { kind: 'handle', network: id.network, value: normalizeHandle(id.value) };
    case 'loyalty':
      return { kind: 'loyalty', value: normalizeNumber(id.value) };
    case 'order':
      return { kind: 'order', value: normalizeNumber(id.value) };
  }
}

/**
 * The stable string form of an identifier, as carried by `data-known-identity` on badges:
 * `email:jane@example.com`, `handle:x:janesmith`, `loyalty:LC000123`. Callers pass normalised identifiers.
 */
export function identityKey(id: Identifier): string {
  return id.kind === 'handle' ? `handle:${id.network}:${id.value}` : `${id.kind}:${id.value}`;
}
