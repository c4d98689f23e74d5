import { describe, expect, it } from 'vitest';
import { BACKGROUND_RULES } from '../../../lib/messaging/background-rules.ts';
import { checkIncoming, type MessageSenderInfo } from '../../../lib/messaging/check-incoming.ts';
import { CONTENT_RULES } from '../../../lib/messaging/content-rules.ts';

const self = { id: 'known-id', origin: 'chrome-extension://known-id/' };
const contentScript = { id: 'known-id', url: 'https://x.com/known/status/1', tab: { id: 7 }, frameId: 0 };
const sidebarFrame = {
  id: 'known-id',
  url: 'chrome-extension://known-id/sidebar.html',
  tab: { id: 7 },
  frameId: 3,
};
const optionsPage = { id: 'known-id', url: 'chrome-extension://known-id/options.html' };
const background = { id: 'known-id', url: 'chrome-extension://known-id/background.js' };

const toBackground = (type: keyof typeof BACKGROUND_RULES, data: unknown, sender: MessageSenderInfo) =>
  checkIncoming(type, BACKGROUND_RULES[type], data, sender, self);

describe('checkIncoming with the background rules', () => {
  it('accepts a well-formed lookup from a content script and hands over the parsed data', () => {
    const data = { identifiers: [{ kind: 'handle', network: 'x', value: 'sofiaflies' }] };
    expect(toBackground('lookup', data, contentScript)).toEqual({ ok: true, data, tabId: 7 });
  });

  it('rejects a lookup whose payload does not match the schema', () => {
    const bad = [
      undefined,
      { identifiers: [] },
      { identifiers: [{ kind: 'phone', value: '+1 555' }] },
      { identifiers: [{ kind: 'handle', value: 'no-network' }] },
      { identifiers: 'sofiaflies' },
    ];
    for (const data of bad) {
      const checked = toBackground('lookup', data, contentScript);
      expect(checked.ok, JSON.stringify(data)).toBe(false);
      if (!checked.ok) expect(checked.reason).toMatch(/^lookup: invalid payload/);
    }
  });

  it('rejects senders that are not this extension or not in the expected context', () => {
    const data = { identifiers: [{ kind: 'email', value: 'a@example.com' }] };
    expect(toBackground('lookup', data, { ...contentScript, id: 'other-extension' })).toEqual({
      ok: false,
      reason: 'lookup: sender is not this extension',
    });
    expect(toBackground('lookup', data, optionsPage).ok).toBe(false);
    expect(toBackground('getSelection', undefined, contentScript).ok).toBe(false);
    expect(toBackground('getSelection', undefined, sidebarFrame).ok).toBe(true);
    expect(toBackground('saveSettings', { backendUrl: 'http://x' }, contentScript).ok).toBe(false);
    expect(toBackground('getSettings', undefined, optionsPage).ok).toBe(true);
  });

  it('rejects a payload on a message that takes none', () => {
    expect(toBackground('getSettings', { sneaky: true }, optionsPage).ok).toBe(false);
  });
});

describe('checkIncoming with the content rules', () => {
  it('accepts hideSidebar from this extension only', () => {
    const rule = CONTENT_RULES.hideSidebar;
    expect(checkIncoming('hideSidebar', rule, undefined, background, self).ok).toBe(true);
    expect(checkIncoming('hideSidebar', rule, undefined, { id: 'evil' }, self).ok).toBe(false);
    expect(checkIncoming('hideSidebar', rule, 'close!', background, self).ok).toBe(false);
  });
});
