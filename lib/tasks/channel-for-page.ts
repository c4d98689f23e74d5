import type { Channel } from '../contract/history.ts';

// Which channel a conversation happens on, from the page it was seen on. The built-in sites only; any other
// helpdesk reads as `web` (a ticket in a web tool), which is what an agent would pick by hand.
const BY_HOST: [RegExp, Channel][] = [
  [/(^|\.)(x|twitter)\.com$/, 'twitter'],
  [/(^|\.)instagram\.com$/, 'instagram'],
  [/(^|\.)facebook\.com$/, 'facebook'],
  [/^mail\.google\.com$|(^|\.)outlook\.(live|office)\.com$/, 'email'],
  [/(^|\.)(intercom|front)\.(com|app)$/, 'chat'],
];

export function channelForPage(pageUrl: string | undefined): Channel {
  if (!pageUrl) return 'other';
  let host: string;
  try {
    host = new URL(pageUrl).hostname;
  } catch {
    return 'other';
  }
  return BY_HOST.find(([pattern]) => pattern.test(host))?.[1] ?? 'web';
}
