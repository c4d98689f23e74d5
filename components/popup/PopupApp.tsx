import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Task } from '../../lib/contract/tasks.ts';
import { t } from '../../lib/i18n/t.ts';
import type { MyTasksResult, PageIdentity } from '../../lib/messaging/schemas.ts';
import { relativeTime } from '../../lib/suggest/relative-time.ts';
import { failureHint } from '../failure-hint.ts';

export interface PopupApi {
  getMyTasks(): Promise<MyTasksResult>;
  /** The identities the active tab's content script badged; rejects where Known does not run. */
  getPageIdentities(): Promise<PageIdentity[]>;
  openOptions(): void;
  /** Opens the task's source page (the conversation) in a tab. */
  openUrl(url: string): void;
}

function TaskRow({ task, now, onOpen }: { task: Task; now: Date; onOpen: (url: string) => void }) {
  const when = relativeTime(new Date(task.dueAt), now);
  return (
    <li data-testid="popup-task" data-overdue={task.overdue ? 'true' : 'false'} class="card">
      {task.overdue && <span class="pill danger">{t('overdue')}</span>}
      <span class="ut clamp">{task.summary}</span>
      <span class={task.overdue ? 'meta status-error' : 'meta'}>
        {task.overdue ? t('overdueSince', when) : t('dueIn', when)}
        {task.sourceUrl && (
          <>
            {' · '}
            <button type="button" class="link" onClick={() => onOpen(task.sourceUrl as string)}>
              {t('openConversation')}
            </button>
          </>
        )}
      </span>
    </li>
  );
}

/**
 * The toolbar popup: my open follow-ups (overdue first), the customers on this page, and the site switch.
 * `siteToggle` is the badge engineer's SiteToggle, passed in by the entrypoint.
 */
export function PopupApp({
  api,
  siteToggle,
  dashboardLink,
  now = new Date(),
}: {
  api: PopupApi;
  siteToggle?: ComponentChildren;
  /** "Team dashboard" for leads (components/dashboard/DashboardLink.tsx), passed in by the entrypoint. */
  dashboardLink?: ComponentChildren;
  now?: Date;
}) {
  const [tasks, setTasks] = useState<MyTasksResult | null>(null);
  const [identities, setIdentities] = useState<PageIdentity[] | 'unavailable' | null>(null);

  useEffect(() => {
    api
      .getMyTasks()
      .then(setTasks)
      .catch(() =>
        setTasks({
          ok: false,
          queued: 0,
          error: { code: 'extension_error', message: 'The Known background service did not answer.' },
        }),
      );
    api
      .getPageIdentities()
      .then(setIdentities)
      .catch(() => setIdentities('unavailable'));
  }, [api]);

  return (
    <main class="popup">
      <div class="topbar">
        <h1 class="brand">{t('popupTitle')}</h1>
        <span class="row">
          {dashboardLink}
          <button type="button" class="link" onClick={api.openOptions}>
            {t('openOptions')}
          </button>
        </span>
      </div>

      <section class="block" aria-labelledby="tasks-title" aria-busy={tasks === null}>
        <h2 id="tasks-title">{t('myFollowUps')}</h2>
        {tasks && tasks.queued > 0 && (
          <p class="status-warn" data-testid="popup-queued">
            {t('queuedCount', tasks.queued)}
          </p>
        )}
        {tasks?.ok === false && (
          <p class="status-error" role="alert">
            {tasks.error.message} {failureHint(tasks.error)}
          </p>
        )}
        {tasks?.ok && tasks.tasks.length === 0 && <p class="muted">{t('noFollowUps')}</p>}
        {tasks?.ok && (
          <ul class="plain">
            {tasks.tasks.map((task) => (
              <TaskRow key={task.id} task={task} now={now} onOpen={api.openUrl} />
            ))}
          </ul>
        )}
      </section>

      <section class="block" aria-labelledby="page-title">
        <h2 id="page-title">{t('pageIdentities')}</h2>
        {identities === 'unavailable' && <p class="muted">{t('pageNotReachable')}</p>}
        {Array.isArray(identities) && identities.length === 0 && <p class="muted">{t('noPageIdentities')}</p>}
        {Array.isArray(identities) && identities.length > 0 && (
          <ul class="plain">
            {identities.map((identity) => (
              <li key={identity.key} data-testid="page-identity" data-status={identity.status}>
                <span class="ut">{identity.key}</span> <span class="meta">{statusWord(identity.status)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="block" aria-label={t('siteSection')}>
        {siteToggle ?? <p class="muted">{t('siteToggleSlot')}</p>}
      </section>
    </main>
  );
}

function statusWord(status: string): string {
  switch (status) {
    case 'matched':
      return t('status_matched');
    case 'unknown':
      return t('status_unknown');
    case 'error':
      return t('status_error');
    default:
      return t('status_loading');
  }
}
