import { useState } from 'preact/hooks';
import type { Identifier } from '../../lib/contract/identifier.ts';
import { identityKey } from '../../lib/contract/normalize.ts';
import { t } from '../../lib/i18n/t.ts';
import { failureHint } from '../failure-hint.ts';
import type { UseSidebar } from './SidebarApp.tsx';

/**
 * An identifier no profile holds yet: find the customer (name, e-mail, card, order) and confirm "this is
 * the same person". The page URL goes with it as evidence of where the agent saw it.
 */
export function LinkIdentity({
  identifier,
  pageUrl,
  useSidebar,
}: {
  identifier: Identifier;
  pageUrl: string | undefined;
  useSidebar: UseSidebar;
}) {
  const link = useSidebar((s) => s.link);
  const search = useSidebar((s) => s.search);
  const linkTo = useSidebar((s) => s.linkTo);
  const [q, setQ] = useState('');
  const busy = link.state === 'searching' || link.state === 'linking';

  return (
    <section data-testid="link-identity" class="block" aria-labelledby="link-title">
      <h1>{t('unknownTitle')}</h1>
      <p class="muted ut">{identityKey(identifier)}</p>
      <h2 id="link-title">{t('linkTitle')}</h2>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          if (q.trim().length >= 2) void search(q.trim());
        }}
      >
        <label for="link-q">{t('linkSearchLabel')}</label>
        <div class="row">
          <input
            id="link-q"
            data-testid="link-search"
            type="search"
            value={q}
            minLength={2}
            maxLength={200}
            autocomplete="off"
            onInput={(event) => setQ(event.currentTarget.value)}
          />
          <button type="submit" disabled={busy || q.trim().length < 2}>
            {t('search')}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {link.state === 'searching' && <p class="muted">{t('searching')}</p>}
        {link.state === 'failed' && (
          <p class="status-error">
            {link.error.message} {failureHint(link.error)}
          </p>
        )}
        {link.state === 'results' && link.results.length === 0 && <p class="muted">{t('noResults')}</p>}
        {link.state === 'linked' && <p class="status-ok">{t('linked')}</p>}
      </div>
      {link.state === 'results' && link.results.length > 0 && (
        <ul class="plain">
          {link.results.map((profile) => (
            <li key={profile.id} class="card" data-testid="link-result">
              <p class="strong ut">{profile.name}</p>
              <p class="meta">
                {profile.tier ? `${profile.tier.name} · ${profile.tier.program}` : t('noTier')}
                {profile.identities[0] && ` · ${identityKey(profile.identities[0])}`}
              </p>
              <button
                type="button"
                data-testid="link-confirm"
                onClick={() =>
                  void linkTo({
                    profileId: profile.id,
                    link: { identifier, ...(pageUrl ? { evidence: pageUrl.slice(0, 2000) } : {}) },
                  })
                }
              >
                {t('samePerson')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
