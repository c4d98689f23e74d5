import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BACKGROUND_RULES } from '../../../lib/messaging/background-rules.ts';
import type { MessageSenderInfo } from '../../../lib/messaging/check-incoming.ts';
import { messenger } from '../../../lib/messaging/protocol.ts';
import { createReceiver } from '../../../lib/messaging/receive.ts';

const self = { id: 'known-id', origin: 'chrome-extension://known-id/' };
const contentScript = { id: 'known-id', url: 'https://x.com/known/status/1', tab: { id: 7 }, frameId: 0 };

/**
 * Delivers a message the way the browser runtime does (message in the library's wire format plus the
 * runtime's sender), so the real messaging library and our receiver both run. WXT's fake `sendMessage`
 * cannot be used: it always reports an empty sender.
 */
async function deliver(
  type: string,
  data: unknown,
  sender: MessageSenderInfo,
): Promise<{ res?: unknown; err?: { message: string } }> {
  return new Promise((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger(
      { id: 1, type, data, timestamp: Date.now() },
      sender as never,
      resolve,
    );
  });
}

describe('createReceiver', () => {
  afterEach(() => {
    messenger.removeAllListeners();
    fakeBrowser.reset();
  });

  it('hands a valid payload to the handler, with the sender tab', async () => {
    const seen: unknown[] = [];
    createReceiver(BACKGROUND_RULES, () => self)('lookup', ({ data, tabId, senderUrl }) => {
      seen.push({ data, tabId, senderUrl });
      return [];
    });
    const data = { identifiers: [{ kind: 'email', value: 'jane@example.com' }] };
    expect(await deliver('lookup', data, contentScript)).toEqual({ res: [] });
    expect(seen).toEqual([{ data, tabId: 7, senderUrl: 'https://x.com/known/status/1' }]);
  });

  it('rejects a bad payload before the handler runs', async () => {
    const seen: unknown[] = [];
    createReceiver(BACKGROUND_RULES, () => self)('lookup', ({ data }) => {
      seen.push(data);
      return [];
    });
    const reply = await deliver('lookup', { identifiers: [{ kind: 'phone', value: '555' }] }, contentScript);
    expect(reply.err?.message).toMatch(/^lookup: invalid payload/);
    expect(seen).toEqual([]);
  });

  it('rejects a sender that the rule does not allow', async () => {
    createReceiver(BACKGROUND_RULES, () => self)('getSettings', () => ({
      backendUrl: 'http://x',
      hasToken: true,
    }));
    const fromPage = await deliver('getSettings', undefined, contentScript);
    expect(fromPage.err?.message).toBe('getSettings: expected an extension page');
    const fromOptions = await deliver('getSettings', undefined, {
      id: 'known-id',
      url: 'chrome-extension://known-id/options.html',
    });
    expect(fromOptions).toEqual({ res: { backendUrl: 'http://x', hasToken: true } });
  });
});
