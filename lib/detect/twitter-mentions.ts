// @mentions exactly as Twitter defines them: a port of twitter-text's `validMentionOrList` and
// `endMentionMatch` (twitter-text 3.1, Apache-2.0), checked against its conformance suite in
// test/unit/detect/twitter-conformance.test.ts. Hand-ported rather than bundled: twitter-text pulls in
// core-js and twemoji-parser, far beyond the content script's 30 kB budget.

/** Latin letters with accents: a name running into one (`@aliceìnheiro`) is no mention at all. */
const LATIN_ACCENTS =
  '\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u00ff\\u0100-\\u024f\\u0253\\u0254\\u0256\\u0257\\u0259\\u025b' +
  '\\u0263\\u0268\\u026f\\u0272\\u0289\\u028b\\u02bb\\u0300-\\u036f\\u1e00-\\u1eff';

// Group 1: what precedes the @ (start, a non-name character, or an RT marker); 2: the screen name
// (20 characters at most, as in twitter-text); 3: an optional /list-slug.
const MENTION_OR_LIST =
  /(^|[^a-zA-Z0-9_!#$%&*@＠]|(?:^|[^a-zA-Z0-9_+~.-])(?:rt|RT|rT|Rt):?)[@＠]([a-zA-Z0-9_]{1,20})(\/[a-zA-Z][a-zA-Z0-9_-]{0,24})?/g;
const END_MENTION = new RegExp(`^(?:[@＠]|[${LATIN_ACCENTS}]|://)`);

const SPACES =
  '\\t\\n\\u000b\\u000c\\r \\u0085\\u00a0\\u1680\\u180e\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const REPLY = new RegExp(`^[${SPACES}]*[@＠]([a-zA-Z0-9_]{1,20})`);

export interface MentionSpan {
  screenName: string;
  /** `/list-name` for a list mention, else empty. */
  listSlug: string;
  /** UTF-16 offsets of `@name` (and the slug when there is one). */
  start: number;
  end: number;
}

/** twitter-text's endMentionMatch at `at`, without slicing the string. */
function endsMention(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code === 0x40 || code === 0xff20) return true;
  if (code === 0x3a) return text.startsWith('://', at);
  return code >= 0xc0 && END_MENTION.test(text.charAt(at));
}

/** twitter-text's extractMentionsOrListsWithIndices. */
export function extractMentionsOrLists(text: string): MentionSpan[] {
  if (!text.includes('@') && !text.includes('＠')) return [];
  const found: MentionSpan[] = [];
  MENTION_OR_LIST.lastIndex = 0;
  // exec in a loop rather than matchAll: this runs on every text node of the page.
  for (let match = MENTION_OR_LIST.exec(text); match; match = MENTION_OR_LIST.exec(text)) {
    const [whole, before = '', screenName = '', listSlug = ''] = match;
    const end = match.index + whole.length;
    if (end < text.length && endsMention(text, end)) continue;
    const start = match.index + before.length;
    found.push({ screenName, listSlug, start, end: start + 1 + screenName.length + listSlug.length });
  }
  return found;
}

/** twitter-text's extractMentionsWithIndices: list mentions are dropped, not cut down to the user. */
export function extractMentions(text: string): MentionSpan[] {
  return extractMentionsOrLists(text).filter((span) => span.listSlug === '');
}

/** twitter-text's extractReplies: the screen name a tweet starts by replying to, or null. */
export function extractReply(text: string): string | null {
  const match = REPLY.exec(text);
  if (!match) return null;
  const after = text.slice(match[0].length, match[0].length + 3);
  return END_MENTION.test(after) ? null : (match[1] ?? null);
}
