import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { networkForHost } from '../detect/network-for-host.ts';
import { CONTENT_RULES } from '../messaging/content-rules.ts';
import { sendMessage } from '../messaging/protocol.ts';
import { createReceiver } from '../messaging/receive.ts';
import { startPageAnnotator } from './annotate-page.ts';
import { createSidebarFrame } from './sidebar-frame.ts';

// Errors go to the extension's log prefix, never uncaught into the page's console.
const log = (message: string, error: unknown) => console.debug(`[known] ${message}`, error);

/** The content script's wiring: badges on the page, the sidebar on click, closing on request. */
export function startContent(ctx: ContentScriptContext): void {
  const sidebar = createSidebarFrame(ctx);

  const stopHide = createReceiver(CONTENT_RULES)('hideSidebar', () => sidebar.close());
  ctx.onInvalidated(stopHide);

  startPageAnnotator({
    root: document.body,
    network: networkForHost(location.hostname),
    signal: ctx.signal,
    lookup: (identifiers) => sendMessage('lookup', { identifiers }),
    onActivate: (badge) => {
      sendMessage('selectIdentity', { identifier: badge.identifier })
        .then(() => sidebar.open())
        .catch((error: unknown) => log('could not open the sidebar', error));
    },
    // Idle time, not a frame: hidden tabs get no frames, and a badge can wait for the page to settle.
    schedule: (run) => ctx.requestIdleCallback(() => run(), { timeout: 250 }),
    log,
  });
}
