import { browser } from 'wxt/browser';

// Page side (options page, popup). `permissions.request` shows the browser's prompt only when called from a
// user gesture in a page, and Firefox loses the gesture at the first `await`: so this is the FIRST thing a
// click handler calls, before any message to the background.

/** Asks the browser for these host patterns; resolves false when the user (or the browser) says no. */
export function requestSiteAccess(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins }).catch(() => false);
}
