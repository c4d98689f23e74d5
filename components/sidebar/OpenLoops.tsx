import type { OpenLoop } from '../../lib/contract/history.ts';
import { t } from '../../lib/i18n/t.ts';
import { age } from '../../lib/suggest/relative-time.ts';
import { channelLabel } from './channel.ts';

/** What the business owes this customer, most urgent first (the backend orders them). */
export function OpenLoops({ loops, now }: { loops: OpenLoop[]; now: Date }) {
  if (loops.length === 0) return null;
  return (
    <section class="block loops" aria-labelledby="loops-title">
      <h2 id="loops-title">{t('openLoopsTitle')}</h2>
      <ul class="plain">
        {loops.map((loop) => (
          <li
            key={`${loop.kind}:${loop.since}:${loop.caseId ?? ''}`}
            data-testid="open-loop"
            data-overdue={loop.overdue ? 'true' : 'false'}
            class={loop.overdue ? 'loop overdue' : 'loop'}
          >
            {loop.overdue && <span class="pill danger">{t('overdue')}</span>}
            <span class="ut">{loop.summary}</span>
            <span class="meta">
              {t('loopAge', age(new Date(loop.since), now))}
              {loop.channel && ` · ${channelLabel(loop.channel)}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
