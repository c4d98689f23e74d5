import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { compilePatterns } from '../detect/number-patterns.ts';
import { CONTENT_RULES } from '../messaging/content-rules.ts';
import { sendMessage } from '../messaging/protocol.ts';
import { createReceiver } from '../messaging/receive.ts';
import { adapterFromDefinitions } from '../sites/from-definition.ts';
import { adapterFor } from '../sites/registry.ts';
import type { SiteAdapter } from '../sites/site-adapter.ts';
import { type PageAnnotator, startPageAnnotator } from './annotate-page.ts';
import { createIdentitiesChangedNotifier, revealIdentity } from './reveal-identity.ts';
import { createSidebarFrame } from './sidebar-frame.ts';

// Errors go to the extension's log prefix, never uncaught into the page's console.
const log = (message: string, error: unknown) => console.debug(`[known] ${message}`, error);

/** The content script's wiring: the site's adapter, badges on the page, the sidebar on click. */
export function startContent(ctx: ContentScriptContext): void {
  const sidebar = createSidebarFrame(ctx);
  const receive = createReceiver(CONTENT_RULES);
  // "Who's here" in the sidebar refreshes when lookups answer (new badges, infinite scroll).
  const identitiesChanged = createIdentitiesChangedNotifier(
    () => sendMessage('pageIdentitiesChanged', undefined),
    (run, ms) => ctx.setTimeout(run, ms),
  );

  const startAnnotator = (adapter: SiteAdapter): PageAnnotator =>
    startPageAnnotator({
      root: document,
      adapter,
      signal: ctx.signal,
      lookup: (identifiers) => sendMessage('lookup', { identifiers }).finally(identitiesChanged),
      onActivate: (badge, candidate) => {
        const context = {
          messageText: candidate.messageText(),
          role: candidate.role,
          pageUrl: location.href,
        };
        sendMessage('selectIdentity', { identifier: badge.identifier, context })
          .then(() => sidebar.open())
          .catch((error: unknown) => log('could not open the sidebar', error));
      },
      // Idle time, not a frame: hidden tabs get no frames, and a badge can wait for the page to settle.
      schedule: (run) => ctx.requestIdleCallback(() => run(), { timeout: 250 }),
      log,
      // Counts only (no identifiers): what the e2e test and benchmarks read to see what a scan touched.
      onScanned: (report) => console.debug(`[known] scan ${JSON.stringify(report)}`),
    });

  // Built-in sites start at once. Any other page may be one an admin described (GET /v1/sites): that
  // costs one message before the first scan, and only there; no answer means the generic adapter.
  const builtIn = adapterFor(location.href);
  const adapter: Promise<SiteAdapter> =
    builtIn.id !== 'generic'
      ? Promise.resolve(builtIn)
      : sendMessage('getSiteDefinitions', undefined)
          .then((definitions) => adapterFromDefinitions(definitions, location.href) ?? builtIn)
          .catch((error: unknown) => {
            log('no site definitions', error);
            return builtIn;
          });
  let annotator: PageAnnotator | undefined;
  void adapter.then((chosen) => {
    if (ctx.isInvalid) return;
    const started = startAnnotator(chosen);
    annotator = started;
    sendMessage('getDetectionPatterns', undefined)
      .then((patterns) => started.setPatterns(compilePatterns(patterns)))
      .catch((error: unknown) => log('no detection patterns', error));
  });

  // x.com and Gmail never reload: a new URL is a new page of content in the same document.
  ctx.addEventListener(window, 'wxt:locationchange', () => annotator?.rescan());

  for (const stop of [
    receive('hideSidebar', () => sidebar.close()),
    receive('toggleSidebar', () => sidebar.toggle()),
    receive('showSidebar', () => sidebar.open()),
    receive('revealIdentity', ({ data }) => revealIdentity(document, data.key)),
    receive('refreshIdentity', ({ data }) => annotator?.refresh(data.keys)),
    receive('getPageIdentities', () =>
      (annotator?.identities() ?? []).map(({ key }) => ({
        key,
        status:
          document
            .querySelector(`[data-known-identity="${CSS.escape(key)}"]`)
            ?.getAttribute('data-known-status') ?? 'loading',
      })),
    ),
  ]) {
    ctx.onInvalidated(stop);
  }
}
