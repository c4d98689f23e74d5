import { t } from '../../lib/i18n/t.ts';
import { describeDue } from '../../lib/tasks/sla-display.ts';
import { failureHint } from '../failure-hint.ts';
import type { FollowUpState } from './sidebar-store.ts';

function statusText(followUp: FollowUpState, now: Date, tierName: string | null): string {
  switch (followUp.state) {
    case 'idle':
      return '';
    case 'sending':
      return t('followUpSending');
    case 'created':
      return followUp.dueAt ? describeDue(followUp.dueAt, now, tierName) : t('followUpCreated');
    case 'queued':
      return t('followUpQueued');
    case 'failed':
      return `${followUp.error.message} ${failureHint(followUp.error)}`;
  }
}

/** One click: a task due within the tier's SLA, assigned to me. A second click cannot make a second task. */
export function FollowUp({
  followUp,
  summary,
  tierName,
  now,
  onCreate,
}: {
  followUp: FollowUpState;
  summary: string;
  tierName: string | null;
  now: Date;
  onCreate: () => void;
}) {
  const done = followUp.state === 'created' || followUp.state === 'queued';
  return (
    <section class="block follow-up" aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">{t('followUpTitle')}</h2>
      <p class="meta ut clamp" id="follow-up-summary">
        {summary}
      </p>
      <button
        type="button"
        class="primary"
        data-testid="follow-up-button"
        aria-describedby="follow-up-summary"
        disabled={followUp.state === 'sending' || done}
        onClick={onCreate}
      >
        {done ? t('followUpDone') : t('followUpButton')}
      </button>
      <p
        data-testid="follow-up-status"
        data-state={followUp.state}
        role="status"
        class={
          followUp.state === 'failed'
            ? 'status-error'
            : followUp.state === 'queued'
              ? 'status-warn'
              : 'status-ok'
        }
      >
        {statusText(followUp, now, tierName)}
      </p>
    </section>
  );
}
