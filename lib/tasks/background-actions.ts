import { browser } from 'wxt/browser';
import { IdentityLinkResult, SearchResponse } from '../contract/identity.ts';
import { identityKey } from '../contract/normalize.ts';
import { type Task, TaskList } from '../contract/tasks.ts';
import { callBackend, type FetchLike } from '../lookup/backend-api.ts';
import { currentPlaybook } from '../lookup/playbook-cache.ts';
import { BACKGROUND_RULES } from '../messaging/background-rules.ts';
import { sendMessage } from '../messaging/protocol.ts';
import { createReceiver } from '../messaging/receive.ts';
import type { MyTasksResult, WriteResult } from '../messaging/schemas.ts';
import { readConnection } from '../settings/settings-storage.ts';
import { createOutbox, type OutboxEntry } from './outbox.ts';
import { sendWrite, shouldQueue, toSendOutcome } from './send-write.ts';

export const OUTBOX_ALARM = 'known-outbox-flush';
export const TOGGLE_SIDEBAR_COMMAND = 'toggle-sidebar';

/** Overdue first (oldest due first), then by due time: what the agent must do next is on top. */
export function sortTasks(tasks: Task[]): Task[] {
  return [...tasks].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt));
}

export interface ActionDeps {
  fetchImpl: FetchLike;
  /** Forgets cached lookups, so a newly linked identity is asked again. */
  clearLookupCache(): void;
  /** Something about a customer was written (or queued): cached triage facts are stale. */
  onProfileWrite?(): void;
}

/**
 * The background side of the sidebar's and popup's actions: follow-ups (with the outbox), interactions,
 * search and identity links, my tasks and the action badge, the playbook, the toggle shortcut.
 */
export function startActionHandlers(deps: ActionDeps): {
  stop(): void;
  /** Wrap the background's fetch with this: every successful answer kicks the outbox. */
  observeFetch: FetchLike;
} {
  const receive = createReceiver(BACKGROUND_RULES);
  const outbox = createOutbox();
  let flushing = false;

  const flush = async () => {
    if (flushing) return;
    flushing = true;
    try {
      if ((await outbox.list()).length === 0) return;
      const connection = await readConnection();
      const report = await outbox.flush(async (entry: OutboxEntry) =>
        toSendOutcome(await sendWrite(deps.fetchImpl, connection, entry)),
      );
      if (report.delivered.length > 0) {
        deps.onProfileWrite?.();
        await refreshBadge();
      }
    } finally {
      flushing = false;
    }
  };

  const observeFetch: FetchLike = async (input, init) => {
    const response = await deps.fetchImpl(input, init);
    // The backend answers again: whatever waited in the outbox can go now. Not awaited; never blocks.
    if (response.ok && !flushing) void flush().catch(() => undefined);
    return response;
  };

  const myTasks = async (): Promise<MyTasksResult> => {
    const queued = (await outbox.list()).filter((entry) => entry.kind === 'task').length;
    const listed = await callBackend(observeFetch, await readConnection(), {
      method: 'GET',
      path: '/v1/tasks?assignee=me&status=open',
      schema: TaskList,
    });
    return listed.ok
      ? { ok: true, tasks: sortTasks(listed.value.items), queued }
      : { ok: false, error: listed.error, queued };
  };

  /** The toolbar icon counts my overdue follow-ups; empty when none (or when we cannot tell). */
  const refreshBadge = async () => {
    const result = await myTasks();
    const overdue = result.ok ? result.tasks.filter((task) => task.overdue).length : 0;
    await browser.action?.setBadgeBackgroundColor?.({ color: '#b91c1c' });
    await browser.action?.setBadgeText?.({ text: overdue > 0 ? String(overdue) : '' });
  };

  const write = async (entry: Pick<OutboxEntry, 'kind' | 'key' | 'body'>): Promise<WriteResult> => {
    const result = await sendWrite(observeFetch, await readConnection(), entry);
    deps.onProfileWrite?.();
    if (result.ok) {
      return entry.kind === 'task'
        ? { status: 'created', task: result.value as Task }
        : { status: 'created' };
    }
    if (shouldQueue(result)) {
      await outbox.enqueue(entry as OutboxEntry);
      return { status: 'queued' };
    }
    return { status: 'failed', error: result.error };
  };

  const removers = [
    receive('createFollowUp', async ({ data }) => {
      const result = await write({ kind: 'task', key: data.key, body: data.task });
      if (result.status === 'created') void refreshBadge().catch(() => undefined);
      return result;
    }),

    receive('logInteraction', ({ data }) =>
      write({ kind: 'interaction', key: data.key, body: data.interaction }),
    ),

    receive('searchProfiles', async ({ data }) => {
      const found = await callBackend(observeFetch, await readConnection(), {
        method: 'POST',
        path: '/v1/search',
        body: { q: data.q },
        schema: SearchResponse,
      });
      return found.ok ? { ok: true, results: found.value.results } : { ok: false, error: found.error };
    }),

    receive('linkIdentity', async ({ data }) => {
      const linked = await callBackend(observeFetch, await readConnection(), {
        method: 'POST',
        path: `/v1/profiles/${encodeURIComponent(data.profileId)}/identities`,
        body: data.link,
        schema: IdentityLinkResult,
      });
      if (!linked.ok) return { ok: false, error: linked.error };
      deps.clearLookupCache();
      deps.onProfileWrite?.();
      await refreshEverywhere([identityKey(data.link.identifier)]);
      return { ok: true };
    }),

    receive('getMyTasks', myTasks),

    receive('getPlaybook', () => currentPlaybook(observeFetch, readConnection)),
  ];

  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name !== OUTBOX_ALARM) return;
    void flush()
      .then(refreshBadge)
      .catch(() => undefined);
  };
  const onCommand = (command: string) => {
    if (command === TOGGLE_SIDEBAR_COMMAND) void toggleSidebarInActiveTab();
  };
  // Every minute (Chrome's minimum for a packed extension is 30 s). An alarm survives the service worker
  // being stopped; re-creating it with the same name just replaces it.
  void browser.alarms?.create(OUTBOX_ALARM, { periodInMinutes: 1, delayInMinutes: 1 });
  browser.alarms?.onAlarm.addListener(onAlarm);
  browser.commands?.onCommand.addListener(onCommand);
  // A browser restart with a full outbox: try at once rather than a minute later.
  void flush().catch(() => undefined);

  return {
    observeFetch,
    stop() {
      for (const remove of removers) remove();
      browser.alarms?.onAlarm.removeListener(onAlarm);
      browser.commands?.onCommand.removeListener(onCommand);
    },
  };
}

/** Tells every tab's content script to look these identities up again; tabs without one are skipped. */
async function refreshEverywhere(keys: string[]): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : sendMessage('refreshIdentity', { keys }, { tabId: tab.id, frameId: 0 }).catch(() => undefined),
    ),
  );
}

async function toggleSidebarInActiveTab(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return;
  await sendMessage('toggleSidebar', undefined, { tabId: tab.id, frameId: 0 }).catch(() => undefined);
}
