import { browser } from 'wxt/browser';
import { Me } from '../contract/health.ts';
import { ProfileDetail } from '../contract/profile.ts';
import { startDashboardHandlers } from '../dashboard/background-dashboard.ts';
import { BACKGROUND_RULES } from '../messaging/background-rules.ts';
import { sendMessage } from '../messaging/protocol.ts';
import { createReceiver } from '../messaging/receive.ts';
import type { ConnectionResult, SelectionView } from '../messaging/schemas.ts';
import { checkBackendUrl } from '../settings/backend-url.ts';
import { readPrivacyMode } from '../settings/privacy-mode.ts';
import { backendUrlItem, readConnection, tokenItem } from '../settings/settings-storage.ts';
import { startActionHandlers } from '../tasks/background-actions.ts';
import { callBackend, type FetchLike } from './backend-api.ts';
import { toBadgeResult } from './badge-result.ts';
import { createLookupClient } from './lookup-client.ts';
import { clearTabSelection, getTabSelectionFor, originOf, setTabSelection } from './tab-selection.ts';
import { createTriageFactsCache } from './triage-facts-cache.ts';
import { startTriageHandlers } from './triage-handlers.ts';
import { createTriageSettingsCache } from './triage-settings-cache.ts';

/** Wires the background's message handlers. Returns a function that removes them (tests). */
export function startBackgroundService(
  fetchImpl: FetchLike = (input, init) => fetch(input, init),
): () => void {
  const receive = createReceiver(BACKGROUND_RULES);
  // Sidebar and popup actions (follow-ups, outbox, links, tasks); their fetch wrapper flushes the outbox
  // whenever the backend answers, so lookups that succeed also deliver what waited offline.
  const triageFacts = createTriageFactsCache();
  const actions = startActionHandlers({
    fetchImpl,
    clearLookupCache: () => client.clear(),
    onProfileWrite: () => triageFacts.clear(),
  });
  const client = createLookupClient({ fetch: actions.observeFetch, getConnection: readConnection });
  // The tenant's cut-offs for badges and the sidebar, and the "Who's here" list (issue 6).
  const triageSettings = createTriageSettingsCache({
    fetch: actions.observeFetch,
    getConnection: readConnection,
  });
  // The team lead's dashboard page (issue 6).
  const stopDashboard = startDashboardHandlers({
    fetchImpl: actions.observeFetch,
    onTriageSettingsSaved: () => triageSettings.clear(),
  });
  const stopTriage = startTriageHandlers({
    fetchImpl: actions.observeFetch,
    client,
    settings: triageSettings,
    facts: triageFacts,
  });

  const settingsView = async () => {
    const connection = await readConnection();
    return { backendUrl: connection.url, hasToken: connection.token !== null };
  };

  const removers = [
    receive('lookup', async ({ data, senderUrl }) => {
      const [outcomes, privacyMode, triage] = await Promise.all([
        client.lookup(data.identifiers, originOf(senderUrl) ?? ''),
        readPrivacyMode(),
        triageSettings.current(),
      ]);
      const { thresholds } = triage.settings;
      return outcomes.map((outcome) => toBadgeResult(outcome, { privacyMode, thresholds }));
    }),

    receive('selectIdentity', async ({ data, tabId, senderUrl }) => {
      if (tabId !== undefined)
        await setTabSelection(tabId, data.identifier, data.context, originOf(senderUrl));
    }),

    receive('getSelection', async ({ tabId, tabUrl }): Promise<SelectionView> => {
      const selection = tabId === undefined ? null : await getTabSelectionFor(tabId, tabUrl);
      if (!selection) return { status: 'none' };
      const { identifier, context } = selection;
      const withContext = context ? { context } : {};
      const [outcome] = await client.lookup([identifier]);
      if (!outcome || outcome.status === 'unknown') return { status: 'unknown', identifier, ...withContext };
      if (outcome.status === 'error') return { status: 'error', identifier, error: outcome.error };
      const profileId = outcome.status === 'matched' ? outcome.profile.id : outcome.candidates[0]?.id;
      if (!profileId) return { status: 'unknown', identifier, ...withContext };
      const detail = await callBackend(fetchImpl, await readConnection(), {
        method: 'GET',
        path: `/v1/profiles/${encodeURIComponent(profileId)}`,
        schema: ProfileDetail,
      });
      return detail.ok
        ? { status: 'matched', identifier, profile: detail.value, ...withContext }
        : { status: 'error', identifier, error: detail.error };
    }),

    receive('closeSidebar', async ({ tabId }) => {
      if (tabId === undefined) return;
      await clearTabSelection(tabId);
      // The tab may have navigated away (no content script left to answer); nothing to close then.
      await sendMessage('hideSidebar', undefined, { tabId, frameId: 0 }).catch(() => undefined);
    }),

    receive('getSettings', settingsView),

    receive('saveSettings', async ({ data }) => {
      const url = checkBackendUrl(data.backendUrl);
      if (!url.ok) return { ok: false, field: 'backendUrl', message: url.message } as const;
      await backendUrlItem.setValue(url.url);
      if (data.token !== undefined) {
        const token = data.token.trim();
        await tokenItem.setValue(token === '' ? null : token);
      }
      client.clear();
      triageSettings.clear();
      triageFacts.clear();
      return { ok: true, settings: await settingsView() } as const;
    }),

    receive('testConnection', async (): Promise<ConnectionResult> => {
      const me = await callBackend(fetchImpl, await readConnection(), {
        method: 'GET',
        path: '/v1/me',
        schema: Me,
      });
      if (!me.ok) return { ok: false, error: me.error };
      return {
        ok: true,
        agent: { name: me.value.agent.name, role: me.value.agent.role },
        tenant: { name: me.value.tenant.name },
      };
    }),
  ];

  // A closed tab's selection is of no use to anyone.
  const onRemoved = (tabId: number) => void clearTabSelection(tabId);
  browser.tabs?.onRemoved.addListener(onRemoved);

  return () => {
    for (const remove of removers) remove();
    actions.stop();
    stopDashboard();
    stopTriage();
    browser.tabs?.onRemoved.removeListener(onRemoved);
  };
}
