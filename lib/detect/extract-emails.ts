/** Where an identifier sits in a string: `text.slice(start, end)` is exactly what was found. */
export interface TextSpan {
  value: string;
  start: number;
  end: number;
}

// Local part: dot-separated runs of the characters real addresses use (RFC 5322's quoted forms are not
// worth finding on a page), so `see...jane@example.com` yields `jane@example.com`.
// Domain: dot-separated labels ending in an alphabetic TLD of 2+ letters, so `foo@bar` (no TLD) is not one.
// The lookbehind stops us starting in the middle of a longer run of address characters.
const EMAIL =
  /(?<![\w%+-])[\w%+-]+(?:\.[\w%+-]+)*@[a-z\d](?:[a-z\d-]*[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]*[a-z\d])?)*\.[a-z]{2,}(?![\w-]*@)/gi;

/** E-mail addresses in free text, trailing sentence punctuation excluded. */
export function extractEmails(text: string): TextSpan[] {
  const found: TextSpan[] = [];
  for (const match of text.matchAll(EMAIL)) {
    const value = match[0];
    const start = match.index;
    found.push({ value, start, end: start + value.length });
  }
  return found;
}
