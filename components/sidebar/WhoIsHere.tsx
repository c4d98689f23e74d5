import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../lib/i18n/t.ts';
import { FailurePanel } from './FailurePanel.tsx';
import type { TriageState } from './sidebar-store.ts';
import './WhoIsHere.css';
import { WhoIsHereRow } from './WhoIsHereRow.tsx';

/**
 * "Who's here" (issue 6): every identity badged on the page, the customer to answer first at the top. For a
 * social media manager on a mentions page: the quiet VIP with 75 followers above the loud account that
 * never bought.
 */
export function WhoIsHere({
  triage,
  now,
  onOpen,
  onRefresh,
  onOpenOptions,
  onBack,
}: {
  triage: TriageState;
  now: Date;
  onOpen: (key: string) => void;
  onRefresh: () => void;
  onOpenOptions: () => void;
  /** Back to the profile the sidebar showed, when there is one. */
  onBack?: () => void;
}) {
  const title = useRef<HTMLHeadingElement>(null);
  // Shown on request (or as the sidebar's start): screen readers land on the heading, not at the page top.
  useEffect(() => title.current?.focus(), []);
  const ready = triage.state === 'ready' ? triage.view : null;
  const busy = triage.state === 'loading' || (triage.state === 'ready' && triage.refreshing);

  return (
    <section class="who" data-testid="who-is-here" aria-labelledby="who-title" aria-busy={busy}>
      <div class="who-bar">
        <h2 id="who-title" tabIndex={-1} ref={title}>
          {t('whoIsHere')}
          {ready ? ` (${ready.rows.length})` : ''}
        </h2>
        <span class="row">
          {onBack && (
            <button type="button" class="link" onClick={onBack}>
              {t('whoIsHereBack')}
            </button>
          )}
          <button type="button" class="link" onClick={onRefresh} disabled={busy}>
            {t('whoIsHereRefresh')}
          </button>
        </span>
      </div>
      <p class="meta">{t('whoIsHereIntro')}</p>
      {triage.state === 'loading' && <div class="skeleton block-s" aria-hidden="true" />}
      {triage.state === 'failed' && <FailurePanel failure={triage.error} onOpenOptions={onOpenOptions} />}
      {ready?.factsError && (
        <p class="status-warn" role="status">
          {t('whoIsHereNoFacts', ready.factsError.message)}
        </p>
      )}
      {ready?.settingsSource === 'default' && <p class="meta">{t('whoIsHereDefaults')}</p>}
      {ready && ready.rows.length === 0 && <p class="muted">{t('whoIsHereEmpty')}</p>}
      {ready && ready.rows.length > 0 && (
        <ol class="plain who-list" aria-label={t('whoIsHereListLabel')}>
          {ready.rows.map((row) => (
            <WhoIsHereRow key={row.key} row={row} now={now} onOpen={onOpen} />
          ))}
        </ol>
      )}
    </section>
  );
}
