/** Where an identifier sits in a string: `text.slice(start, end)` is exactly what was found. */
export interface TextSpan {
  value: string;
  start: number;
  end: number;
}

// What linkify-it's fixtures (test/fixtures/vendor/linkify-it) say an address in page text is:
// - local part: dot-separated atoms of the characters real addresses use, or quoted atoms
//   (`test."foo".bar@gmail.co.uk`); it never starts with a quote, so `"test@example.com"` yields the address;
// - `@` or the full-width `＠` that CJK keyboards type;
// - domain: dot-separated labels (letters of any script) ending in a top-level domain of 2+ letters, so
//   `foo@bar` is no address; after an explicit `mailto:` a single-label domain is accepted (`mailto:foo@bar`).
// The lookbehind refuses to start inside a longer run of address characters, after `@` (that is a fediverse
// handle, `@user@host`) or after `/` (`http://user@host` is a URL's user name, not an address). After a
// single dot it is the tail of a longer local part; after several (`see...jane@example.com`) it is prose.
const ATOM = "[\\p{L}\\p{N}_%+'=!#$&*^`{|}~-]+";
const QUOTED = '"[^"\\s@＠]*"';
const LOCAL = `(?:${ATOM}|${QUOTED})(?:\\.(?:${ATOM}|${QUOTED}))*`;
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?';
const EMAIL = new RegExp(
  `(mailto:)?(?<![\\p{L}\\p{N}_%+'=!#$&*^\`{|}~@＠/-])(?<![^.]\\.)(${LOCAL})[@＠]((?:${LABEL}\\.)*${LABEL})(?![\\p{L}\\p{N}_-]*[@＠])`,
  'giu',
);
const TLD = /\.\p{L}{2,}$/u;

/** True when the address at `start` is the user part of a URL (`http://user:pass@host`). */
function insideUrl(text: string, start: number): boolean {
  const token =
    text
      .slice(Math.max(0, start - 200), start)
      .split(/\s/)
      .pop() ?? '';
  return token.includes('://');
}

// What every address has around its `@`: a local-part character (or the quote closing a quoted atom) before
// it, a domain letter or digit after it. One simple pass that rules out most page text holding an `@`
// (`@handle`, `@ 3pm`) before EMAIL, with its lookbehinds, is tried at every position of the string.
const AT_BETWEEN = /[\p{L}\p{N}_%+'=!#$&*^`{|}~"-][@＠][\p{L}\p{N}]/u;

/** E-mail addresses in free text; `value` never includes a `mailto:` prefix or trailing punctuation. */
export function extractEmails(text: string): TextSpan[] {
  if (!AT_BETWEEN.test(text)) return [];
  const found: TextSpan[] = [];
  for (const match of text.matchAll(EMAIL)) {
    const [whole, mailto, local = '', domain = ''] = match;
    const start = match.index + (mailto?.length ?? 0);
    if (!mailto && (!TLD.test(domain) || insideUrl(text, start))) continue;
    const value = whole.slice(mailto?.length ?? 0);
    if (local.length > 64 || value.length > 254) continue;
    found.push({ value, start, end: start + value.length });
  }
  return found;
}
