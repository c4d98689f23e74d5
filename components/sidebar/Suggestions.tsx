import type { Channel } from '../../lib/contract/history.ts';
import type { ProfileDetail } from '../../lib/contract/profile.ts';
import { t } from '../../lib/i18n/t.ts';
import type { SuggestResult } from '../../lib/suggest/engine.ts';
import type { FeedbackMark, SidebarState } from './sidebar-store.ts';

type Actions = Pick<SidebarState, 'marks' | 'copy' | 'logFeedback'>;

const markText = (mark: FeedbackMark | undefined) =>
  mark === 'queued' ? t('markQueued') : mark === 'failed' ? t('markFailed') : mark ? t(`mark_${mark}`) : '';

/** What to say next (best first, with why) and what the agent may offer without escalating. */
export function Suggestions({
  result,
  profile,
  actions,
  playbookMissing,
  channel,
}: {
  result: SuggestResult | null;
  profile: ProfileDetail;
  actions: Actions;
  playbookMissing: boolean;
  /** The conversation's channel: feedback and offers are logged where they happened. */
  channel: Channel;
}) {
  const log = (id: string, mark: 'used' | 'wrong' | 'offered', summary: string, type: string) =>
    void actions.logFeedback(id, mark, {
      profileId: profile.id,
      channel,
      direction: 'internal',
      summary: summary.slice(0, 2000),
      type,
    });

  return (
    <>
      <section class="block" aria-labelledby="suggest-title">
        <h2 id="suggest-title">{t('suggestionsTitle')}</h2>
        {playbookMissing && !result && <p class="muted">{t('noPlaybook')}</p>}
        {result && result.suggestions.length === 0 && <p class="muted">{t('noSuggestions')}</p>}
        <ol class="plain">
          {result?.suggestions.map((s) => {
            const mark = actions.marks[s.id];
            return (
              <li key={s.id} data-testid="suggestion" data-kind={s.kind} class="card">
                <p class="ut suggestion-text">{s.text}</p>
                <ul class="reasons" aria-label={t('reasons')}>
                  {s.reasons.map((reason) => (
                    <li key={reason} class="ut">
                      {reason}
                    </li>
                  ))}
                </ul>
                <div class="row">
                  <button type="button" onClick={() => void actions.copy(s.id, s.text)}>
                    {actions.marks[`copy:${s.id}`] === 'copied' ? t('copied') : t('copy')}
                  </button>
                  <button
                    type="button"
                    disabled={mark !== undefined}
                    onClick={() => log(s.id, 'used', `Used suggestion ${s.id}: ${s.text}`, 'suggestion_used')}
                  >
                    {t('used')}
                  </button>
                  <button
                    type="button"
                    disabled={mark !== undefined}
                    onClick={() =>
                      log(s.id, 'wrong', `Wrong suggestion ${s.id}: ${s.text}`, 'suggestion_wrong')
                    }
                  >
                    {t('wrong')}
                  </button>
                  <span role="status" class="meta">
                    {markText(mark)}
                  </span>
                </div>
              </li>
            );
          })}
        </ol>
      </section>
      {result && result.offers.length > 0 && (
        <section class="block" aria-labelledby="offers-title">
          <h2 id="offers-title">{t('offersTitle')}</h2>
          <ul class="plain">
            {result.offers.map((offer) => {
              const id = `offer:${offer.id}`;
              const mark = actions.marks[id];
              return (
                <li key={offer.id} data-testid="offer" class="card">
                  <p class="strong ut">{offer.label}</p>
                  <p class="ut">{offer.description}</p>
                  {offer.reasons.length > 0 && <p class="meta ut">{offer.reasons.join(' · ')}</p>}
                  <div class="row">
                    <button
                      type="button"
                      disabled={mark !== undefined}
                      onClick={() => log(id, 'offered', `Offered ${offer.label}`, 'offer')}
                    >
                      {t('offer')}
                    </button>
                    <span role="status" class="meta">
                      {markText(mark)}
                    </span>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
