import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractEmails } from '../../../lib/detect/extract-emails.ts';
import { emailFromMailto } from '../../../lib/detect/extract-identifiers.ts';

// linkify-it's fixtures (vendored with their MIT license). Format, from its README: `%` lines are
// comments, a trailing ` % …` is a remark; a line directly followed by a non-blank line is "input, then
// the expected link", otherwise the line must match itself. We take the cases about e-mail: inputs with
// `@` or `mailto:`. URL cases with a user name (`http://user@host`) must yield NO address.
const DIR = path.resolve(import.meta.dirname, '../../fixtures/vendor/linkify-it');
const lines = (file: string) =>
  readFileSync(path.join(DIR, file), 'utf8')
    .split('\n')
    .map((line) => line.replace(/\s+%.*$/, '').replace(/\s+$/, ''));

interface LinkCase {
  input: string;
  expected: string;
}
function linkCases(): LinkCase[] {
  const all = lines('links.txt');
  const cases: LinkCase[] = [];
  for (let i = 0; i < all.length; i++) {
    const line = all[i] ?? '';
    if (line === '' || line.startsWith('%')) continue;
    const next = all[i + 1] ?? '';
    const paired = next !== '' && !next.startsWith('%');
    cases.push({ input: line, expected: paired ? next : line });
    if (paired) i++;
  }
  return cases;
}

const isEmailCase = (c: LinkCase) => /@|mailto:/i.test(c.input);
const expectedAddress = (link: string) => link.replace(/^mailto:/i, '');
/** A link linkify-it finds that is a URL (`http://user@host`, `https://…/@59.9,30.3`), not an address. */
const isUrl = (link: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(link);

const emailCases = linkCases().filter(isEmailCase);
const positives = emailCases.filter((c) => !isUrl(c.expected));
const urlsWithAt = emailCases.filter((c) => isUrl(c.expected));
const negatives = lines('not_links.txt').filter(
  (l) => l !== '' && !l.startsWith('%') && /@|mailto:/i.test(l),
);

describe('linkify-it conformance: e-mail and mailto', () => {
  it('covers the e-mail cases of the corpus', () => {
    // 17 e-mail/mailto positives per the corpus README, plus the bracketed `<…>` forms in "Regular links".
    expect(positives.length).toBeGreaterThanOrEqual(17);
    expect(negatives).toEqual(['@example.com', 'foo@bar', 'mailto:bar']);
  });

  it.each(positives)('finds $expected in $input', ({ input, expected }) => {
    const found = extractEmails(input).map((span) => span.value);
    expect(found).toContain(expectedAddress(expected));
    // Nothing else that linkify-it would not call an address either.
    expect(found.filter((v) => v !== expectedAddress(expected))).toEqual(
      input.includes('mailto:someone@ibm.com') ? ['someone@ibm.com'] : [],
    );
  });

  it.each(urlsWithAt)('reads no address out of the URL $expected', ({ input }) => {
    expect(extractEmails(input).map((span) => span.value)).toEqual(
      input.includes('mailto:someone@ibm.com') ? ['someone@ibm.com'] : [],
    );
  });

  it.each(negatives)('finds nothing in %s', (input) => {
    expect(extractEmails(input)).toEqual([]);
    expect(emailFromMailto(input)).toBeNull();
  });

  it('accepts the full-width at sign and full-width brackets', () => {
    expect(extractEmails('（sofia.reyes＠example.com）').map((s) => s.value)).toEqual([
      'sofia.reyes＠example.com',
    ]);
    expect(extractEmails('「priya.nair@example.com」').map((s) => s.value)).toEqual([
      'priya.nair@example.com',
    ]);
  });

  it('takes mailto: links with a single-label domain as the explicit protocol allows', () => {
    expect(emailFromMailto('mailto:foo@bar')?.key).toBe('email:foo@bar');
    expect(emailFromMailto('MAILTO:NAME@EXAMPLE.COM')?.key).toBe('email:name@example.com');
  });
});
