import { BACKGROUND_RULES } from '../messaging/background-rules.ts';
import { sendMessage } from '../messaging/protocol.ts';
import { createReceiver } from '../messaging/receive.ts';
import type { PageTriageView } from '../messaging/triage-schemas.ts';
import { RevealResult } from '../messaging/triage-schemas.ts';
import { readConnection } from '../settings/settings-storage.ts';
import { type FetchLike, postTriage } from './backend-api.ts';
import type { LookupClient } from './lookup-client.ts';
import { collectPageTriage, identifierFromKey } from './page-triage.ts';
import { originOf, setTabSelection } from './tab-selection.ts';
import type { TriageFactsCache } from './triage-facts-cache.ts';
import type { TriageSettingsCache } from './triage-settings-cache.ts';

/** The background's side of "Who's here" (issue 6). Returns a function that removes the handlers. */
export function startTriageHandlers(deps: {
  fetchImpl: FetchLike;
  client: LookupClient;
  settings: TriageSettingsCache;
  facts: TriageFactsCache;
  now?: () => Date;
}): () => void {
  const receive = createReceiver(BACKGROUND_RULES);
  const now = deps.now ?? (() => new Date());
  // The content script of the sidebar's own tab, top frame: the sidebar never names another tab.
  const topFrame = (tabId: number) => ({ tabId, frameId: 0 });

  const removers = [
    receive('getTriageThresholds', async () => {
      const { settings, source } = await deps.settings.current();
      return { thresholds: settings.thresholds, source };
    }),

    receive('getPageTriage', async ({ tabId, tabUrl }): Promise<PageTriageView> => {
      // `tabUrl` is only reported where Known has host access: no list for a page it does not run on.
      const pageOrigin = originOf(tabUrl);
      if (tabId === undefined || !pageOrigin) {
        return {
          ok: false,
          error: { code: 'extension_error', message: 'Known does not run on this page.' },
        };
      }
      return collectPageTriage({
        tabId,
        pageOrigin,
        askPage: () => sendMessage('getPageIdentities', undefined, topFrame(tabId)),
        lookup: (identifiers, origin) => deps.client.lookup(identifiers, origin),
        facts: (profileIds, origin) =>
          deps.facts.get(profileIds, origin, async (ids, o) =>
            postTriage(deps.fetchImpl, await readConnection(), {
              profileIds: ids,
              context: { pageOrigin: o },
            }),
          ),
        settings: () => deps.settings.current(),
        now,
      });
    }),

    receive('openPageIdentity', async ({ data, tabId, tabUrl }) => {
      const identifier = identifierFromKey(data.key);
      const origin = originOf(tabUrl);
      if (tabId === undefined || !identifier || !origin) return { revealed: false };
      // The page scrolls to the badge and tells what was said around it (for suggestions); an identity that
      // scrolled out of a virtualised timeline is still opened, just without its message.
      const answer = await sendMessage('revealIdentity', { key: data.key }, topFrame(tabId)).catch(
        () => undefined,
      );
      const revealed = RevealResult.safeParse(answer);
      const messageText = revealed.success ? revealed.data.messageText : undefined;
      await setTabSelection(
        tabId,
        identifier,
        { ...(messageText ? { messageText } : {}), ...(tabUrl ? { pageUrl: tabUrl.slice(0, 2000) } : {}) },
        origin,
      );
      return { revealed: revealed.success && revealed.data.found };
    }),
  ];

  return () => {
    for (const remove of removers) remove();
  };
}
