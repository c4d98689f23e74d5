import type { Case, Interaction } from '../../lib/contract/history.ts';
import { t } from '../../lib/i18n/t.ts';
import { age, relativeTime } from '../../lib/suggest/relative-time.ts';
import { channelLabel } from './channel.ts';

function InteractionRow({ interaction, now }: { interaction: Interaction; now: Date }) {
  return (
    <li data-testid="timeline-item" class={`event ${interaction.direction}`}>
      <span class="meta">
        {channelLabel(interaction.channel)} · {t(`direction_${interaction.direction}`)} ·{' '}
        <time dateTime={interaction.at}>{relativeTime(new Date(interaction.at), now)}</time>
        {interaction.contactRequested && ` · ${t('contactRequested')}`}
      </span>
      <span class="ut clamp">{interaction.summary}</span>
    </li>
  );
}

/**
 * The history across channels. A case's interactions sit under the case, with its channels in order
 * (web → X → e-mail), so a customer who hopped channels reads as one story rather than three strangers.
 */
export function Timeline({
  cases,
  interactions,
  now,
}: {
  cases: Case[];
  interactions: Interaction[];
  now: Date;
}) {
  if (cases.length === 0 && interactions.length === 0) return null;
  const caseIds = new Set(cases.map((c) => c.id));
  const loose = interactions.filter((i) => i.caseId === null || !caseIds.has(i.caseId));
  return (
    <section class="block" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timelineTitle')}</h2>
      {cases.map((c) => {
        const under = interactions.filter((i) => i.caseId === c.id);
        return (
          <div key={c.id} class="case" data-testid="timeline-case" data-case-id={c.id}>
            <p class="case-head">
              <span class="ut strong">{c.subject}</span>
              <span class="meta">
                <span data-testid="case-channels">{c.channels.map(channelLabel).join(' → ')}</span> ·{' '}
                {t(`case_${c.status}`)} · {t('openedAgo', age(new Date(c.openedAt), now))}
              </span>
            </p>
            {under.length > 0 && (
              <ol class="plain events">
                {under.map((i) => (
                  <InteractionRow key={i.id} interaction={i} now={now} />
                ))}
              </ol>
            )}
          </div>
        );
      })}
      {loose.length > 0 && (
        <ol class="plain events">
          {loose.map((i) => (
            <InteractionRow key={i.id} interaction={i} now={now} />
          ))}
        </ol>
      )}
    </section>
  );
}
