import { storage } from 'wxt/utils/storage';

/**
 * Privacy mode: badges in the page show only the tier, no value band or reach. Applied in the background
 * (badge-result.ts), so in privacy mode those facts never reach the content script at all. It takes effect
 * for identities looked up after the switch; a page reload refreshes the badges already shown.
 */
export const privacyModeItem = storage.defineItem<boolean>('local:privacyMode', {
  fallback: false,
  version: 1,
});

/** Storage is external data too: anything but `true` reads as off. */
export async function readPrivacyMode(): Promise<boolean> {
  return (await privacyModeItem.getValue()) === true;
}
