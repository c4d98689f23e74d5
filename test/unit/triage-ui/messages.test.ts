import { describe, expect, it } from 'vitest';
import { toBadgeResult } from '../../../lib/lookup/badge-result.ts';
import { BACKGROUND_RULES } from '../../../lib/messaging/background-rules.ts';
import { checkIncoming } from '../../../lib/messaging/check-incoming.ts';
import { CONTENT_RULES } from '../../../lib/messaging/content-rules.ts';
import { SIDEBAR_RULES } from '../../../lib/messaging/sidebar-rules.ts';
import { DEFAULT_THRESHOLDS } from '../../../lib/triage/defaults.ts';
import { daniel, handle } from './fixtures.ts';

const self = { id: 'known-id', origin: 'chrome-extension://known-id/' };
const contentScript = { id: 'known-id', url: 'https://x.com/notifications', tab: { id: 7 }, frameId: 0 };
const sidebarInTab = { id: 'known-id', url: 'chrome-extension://known-id/sidebar.html', tab: { id: 7 } };
const optionsPage = { id: 'known-id', url: 'chrome-extension://known-id/options.html' };
const background = { id: 'known-id', url: 'chrome-extension://known-id/background.js' };
const stranger = { id: 'other-extension', url: 'chrome-extension://other/sidebar.html', tab: { id: 7 } };

describe('who may send the triage messages, with what', () => {
  it('the page list and opening a row: only the sidebar inside a tab', () => {
    for (const type of ['getPageTriage', 'openPageIdentity'] as const) {
      const data = type === 'openPageIdentity' ? { key: 'handle:x:janesmith' } : undefined;
      const rule = BACKGROUND_RULES[type];
      expect(checkIncoming(type, rule, data, sidebarInTab, self)).toMatchObject({ ok: true, tabId: 7 });
      for (const sender of [contentScript, optionsPage, stranger]) {
        expect(checkIncoming(type, rule, data, sender, self).ok, `${type} from ${sender.url}`).toBe(false);
      }
    }
  });

  it('openPageIdentity and revealIdentity take one identity key and nothing else', () => {
    for (const bad of [undefined, {}, { key: '' }, { key: 42 }, { key: 'x'.repeat(401) }]) {
      expect(
        checkIncoming('openPageIdentity', BACKGROUND_RULES.openPageIdentity, bad, sidebarInTab, self).ok,
      ).toBe(false);
      expect(checkIncoming('revealIdentity', CONTENT_RULES.revealIdentity, bad, background, self).ok).toBe(
        false,
      );
    }
    expect(
      checkIncoming(
        'revealIdentity',
        CONTENT_RULES.revealIdentity,
        { key: 'handle:x:janesmith' },
        background,
        self,
      ),
    ).toMatchObject({ ok: true, data: { key: 'handle:x:janesmith' } });
    expect(
      checkIncoming('revealIdentity', CONTENT_RULES.revealIdentity, { key: 'handle:x:a' }, stranger, self).ok,
    ).toBe(false);
  });

  it("the sidebar heeds 'badges changed' only from a content script, without payload", () => {
    const rule = SIDEBAR_RULES.pageIdentitiesChanged;
    expect(checkIncoming('pageIdentitiesChanged', rule, undefined, contentScript, self)).toMatchObject({
      ok: true,
      tabId: 7,
    });
    expect(checkIncoming('pageIdentitiesChanged', rule, undefined, optionsPage, self).ok).toBe(false);
    expect(checkIncoming('pageIdentitiesChanged', rule, { all: true }, contentScript, self).ok).toBe(false);
  });
});

describe('badges use the tenant thresholds', () => {
  const outcome = { status: 'matched', identifier: handle('dbrooks_travels'), profile: daniel } as const;

  it('reads the value band from the thresholds the background passes', () => {
    expect(toBadgeResult(outcome, { privacyMode: false, thresholds: DEFAULT_THRESHOLDS })).toMatchObject({
      valueBand: '$$$$',
      reach: 75,
    });
    const bigSpenders = { valueBands: [20_000, 100_000, 500_000] as [number, number, number] };
    expect(toBadgeResult(outcome, { privacyMode: false, thresholds: bigSpenders })).toMatchObject({
      valueBand: '$$',
    });
  });

  it('shows no band in privacy mode, whatever the thresholds', () => {
    const badge = toBadgeResult(outcome, { privacyMode: true, thresholds: DEFAULT_THRESHOLDS });
    expect(badge).toEqual({
      key: 'handle:x:dbrooks_travels',
      status: 'matched',
      label: 'Ambassador',
      tier: 'Ambassador',
    });
  });
});
