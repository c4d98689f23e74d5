import { browser } from 'wxt/browser';
import en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/**
 * A UI string through `browser.i18n` (the browser picks the agent's language from `_locales/`). English
 * from the same file when the API is missing or has no such key (unit tests, a key added since the build).
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const subs = substitutions.map(String);
  try {
    // WXT types getMessage with the keys of the last `wxt prepare`; our keys are checked against the file above.
    const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
    const message = getMessage(key, subs);
    if (message) return message;
  } catch {
    // No i18n API here (tests): fall through to English.
  }
  return en[key].message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}
