/** Where an identifier sits in a string: `text.slice(start, end)` is exactly what was found. */
export interface TextSpan {
  value: string;
  start: number;
  end: number;
}

// Local part: the characters real addresses use (RFC 5322's quoted forms are not worth finding on a page).
// Domain: dot-separated labels ending in an alphabetic TLD of 2+ letters, so `foo@bar` (no TLD) is not one.
// The lookbehind stops us starting in the middle of a longer run of address characters.
const EMAIL = /(?<![\w.%+-])[\w.%+-]+@[a-z\d](?:[a-z\d-]*[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]*[a-z\d])?)*\.[a-z]{2,}(?![\w-]*@)/gi;

/** E-mail addresses in free text, trailing sentence punctuation excluded. */
export function extractEmails(text: string): TextSpan[] {
  const found: TextSpan[] = [];
  for (const match of text.matchAll(EMAIL)) {
    let value = match[0];
    let start = match.index;
    // A local part may not start with a dot; `....jane@example.com` in prose means `jane@example.com`.
    const leadingDots = value.length - value.replace(/^\.+/, '').length;
    value = value.slice(leadingDots);
    start += leadingDots;
    if (value.startsWith('@')) continue;
    found.push({ value, start, end: start + value.length });
  }
  return found;
}
