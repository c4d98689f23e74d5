import type { SocialNetwork } from '../contract/identifier.ts';
import type { TextSpan } from './extract-emails.ts';

// X allows 15 characters for new names, but older and demo accounts are longer (the quiet-VIP story's
// @tylertravelsworld has 17), so both networks accept up to 30. Instagram also allows dots inside.
const HANDLE_BODY: Record<SocialNetwork, string> = {
  x: '[A-Za-z0-9_]{1,30}',
  instagram: '[A-Za-z0-9_.]{1,30}',
  threads: '[A-Za-z0-9_.]{1,30}',
  fediverse: '[A-Za-z0-9_]{1,30}',
  facebook: '[A-Za-z0-9.]{1,50}',
  tiktok: '[A-Za-z0-9_.]{1,24}',
  linkedin: '[A-Za-z0-9-]{1,100}',
};

function handlePattern(network: SocialNetwork): RegExp {
  // Not preceded by a word character, dot or @: that is what keeps `user@example.com` and `a@@b` from
  // yielding handles. Not followed by more handle characters or `@`, so an over-long run is no handle.
  return new RegExp(`(?<![\\w.@])@(${HANDLE_BODY[network]})(?![\\w@])`, 'g');
}

/** `@handles` in free text for one network; `value` keeps the leading `@` as written on the page. */
export function extractHandles(text: string, network: SocialNetwork): TextSpan[] {
  const found: TextSpan[] = [];
  for (const match of text.matchAll(handlePattern(network))) {
    // Sentence punctuation after an Instagram-style handle (`@jane.doe.`) is not part of it.
    const value = match[0].replace(/\.+$/, '');
    if (value.length < 2) continue;
    found.push({ value, start: match.index, end: match.index + value.length });
  }
  return found;
}
