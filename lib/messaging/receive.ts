import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import { browser } from 'wxt/browser';
import {
  checkIncoming,
  type ExtensionIdentity,
  type MessageRules,
  type MessageSenderInfo,
} from './check-incoming.ts';
import { type MessageType, messenger, type ProtocolMap } from './protocol.ts';

export interface Incoming<K extends MessageType> {
  data: GetDataType<ProtocolMap[K]>;
  /** The sending tab, when the sender lives in one (content scripts, the sidebar). */
  tabId: number | undefined;
  /** The page the message came from (a content script's page URL). */
  senderUrl: string | undefined;
  /**
   * The top-level address of the sender's tab, as the browser reports it: only present where the extension
   * has host access (built-in sites and enabled ones), never for an arbitrary page.
   */
  tabUrl: string | undefined;
}

type Handler<K extends MessageType> = (
  incoming: Incoming<K>,
) => Promise<GetReturnType<ProtocolMap[K]>> | GetReturnType<ProtocolMap[K]>;

export const ownExtension = (): ExtensionIdentity => ({
  id: browser.runtime.id,
  origin: browser.runtime.getURL('/'),
});

/**
 * A `receive(type, handler)` for one context. It hands over only messages whose sender passes the type's
 * rule and whose payload parses with its schema; anything else is rejected, and the sender's promise
 * fails with the reason.
 */
export function createReceiver<R extends MessageRules>(
  rules: R,
  self: () => ExtensionIdentity = ownExtension,
) {
  return function receive<K extends keyof R & MessageType>(type: K, handler: Handler<K>): () => void {
    const rule = rules[type];
    if (!rule) throw new Error(`no receiving rule for ${type}`);
    return messenger.onMessage(type, (message) => {
      const sender = message.sender as MessageSenderInfo;
      const checked = checkIncoming(type, rule, message.data, sender, self());
      if (!checked.ok) throw new Error(checked.reason);
      return handler({
        data: checked.data as GetDataType<ProtocolMap[K]>,
        tabId: checked.tabId,
        senderUrl: sender.url,
        tabUrl: sender.tab?.url,
      });
    });
  };
}
