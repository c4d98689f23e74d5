import type { Identifier } from '../../lib/contract/identifier.ts';
import { t } from '../../lib/i18n/t.ts';
import type { TriageRow } from '../../lib/messaging/triage-schemas.ts';
import { age, relativeTime } from '../../lib/suggest/relative-time.ts';
import { formatCount } from '../format.ts';
import { CLASS_LABEL } from './ReachBlock.tsx';

/** How an identifier reads in the list: the @handle as the site prints it, an address or number as is. */
export function identifierText(identifier: Identifier): string {
  return identifier.kind === 'handle' ? `@${identifier.value}` : identifier.value;
}

/** "Waiting 3 hours", "Answered 2 days ago", "No contact logged": the one line a manager scans for. */
export function waitingText(row: Extract<TriageRow, { status: 'matched' }>, now: Date): string | null {
  if (row.waitingSince) return t('whoIsHereWaiting', age(new Date(row.waitingSince), now));
  if (row.lastOutboundAt) return t('whoIsHereAnswered', relativeTime(new Date(row.lastOutboundAt), now));
  // No facts at all (the backend could not say): nothing rather than a wrong "no contact".
  return row.openLoops === null ? null : t('whoIsHereNoContact');
}

function Matched({ row, now }: { row: Extract<TriageRow, { status: 'matched' }>; now: Date }) {
  const waiting = waitingText(row, now);
  const facts = [
    row.tier ?? t('noTier'),
    row.valueBand,
    t('whoIsHereFollowers', formatCount(row.followers)),
  ].filter((part): part is string => Boolean(part));
  return (
    <>
      <span class="who-head">
        <span class="who-name ut">{row.name}</span>{' '}
        <span class="who-id ut">{identifierText(row.identifier)}</span>
      </span>{' '}
      <span class="who-facts">
        <span class={`pill who-class ${row.reachClass}`} data-testid="triage-class">
          {t(CLASS_LABEL[row.reachClass])}
        </span>{' '}
        <span data-testid="triage-facts">{facts.join(' · ')}</span>
      </span>{' '}
      {waiting && (
        <span
          class={row.waitingSince ? 'who-wait waiting' : 'who-wait'}
          data-testid="triage-waiting"
          data-waiting={row.waitingSince ? 'true' : 'false'}
        >
          {waiting}
          {row.openLoops ? ` · ${t('whoIsHereOpenLoops', row.openLoops)}` : ''}
        </span>
      )}{' '}
      {row.reasons.length > 0 && <span class="who-why">{row.reasons.slice(0, 2).join(' · ')}</span>}
    </>
  );
}

function Other({ row }: { row: Exclude<TriageRow, { status: 'matched' }> }) {
  const status =
    row.status === 'unknown'
      ? t('whoIsHereUnknown')
      : row.status === 'ambiguous'
        ? t('whoIsHereAmbiguous', row.candidates)
        : t('whoIsHereFailed');
  return (
    <>
      <span class="who-head">
        <span class="who-name ut">{identifierText(row.identifier)}</span>
      </span>{' '}
      <span class="who-facts muted">{status}</span>
    </>
  );
}

/**
 * One identity on the page. The whole row is one button: click, Enter or Space scroll the page to its badge
 * and open the profile; a screen reader reads the row's text as the button's name, in list position.
 */
export function WhoIsHereRow({
  row,
  now,
  onOpen,
}: {
  row: TriageRow;
  now: Date;
  onOpen: (key: string) => void;
}) {
  return (
    <li
      data-testid="triage-item"
      data-key={row.key}
      data-status={row.status}
      data-class={row.status === 'matched' ? row.reachClass : undefined}
      class="who-item"
    >
      <button type="button" class="who-row" onClick={() => onOpen(row.key)}>
        {row.status === 'matched' ? <Matched row={row} now={now} /> : <Other row={row} />}
      </button>
    </li>
  );
}
