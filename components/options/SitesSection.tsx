import { useEffect, useState } from 'preact/hooks';
import type { SiteDefinition } from '../../lib/contract/sites.ts';
import type { EnableSiteMessage, SiteChangeResult, SitesView } from '../../lib/messaging/site-schemas.ts';
import { siteForDefinition, siteForOrigin } from '../../lib/permissions/site-entries.ts';

export interface SitesApi {
  listSites(): Promise<SitesView>;
  /** The browser's permission prompt: must be the first call of a click handler (a user gesture). */
  requestAccess(origins: string[]): Promise<boolean>;
  enableSite(input: EnableSiteMessage): Promise<SiteChangeResult>;
  disableSite(input: { id: string }): Promise<SiteChangeResult>;
  setPrivacyMode(input: { enabled: boolean }): Promise<void>;
}

type Note = { kind: 'ok' | 'error'; text: string } | null;

/**
 * The options page's "Sites and badges" section: sites Known runs on beyond the built-in ones (one origin the
 * agent types, or a definition the admin publishes), and the badges' privacy mode.
 */
export function SitesSection({ api }: { api: SitesApi }) {
  const [view, setView] = useState<SitesView | null>(null);
  const [address, setAddress] = useState('');
  const [note, setNote] = useState<Note>(null);

  const reload = () =>
    api
      .listSites()
      .then(setView)
      .catch(() => setNote({ kind: 'error', text: 'Could not read the enabled sites.' }));
  useEffect(() => void reload(), [api]);

  const after = (result: SiteChangeResult, done: string) => {
    setNote(result.ok ? { kind: 'ok', text: done } : { kind: 'error', text: result.message });
    void reload();
  };

  const enable = (origins: string[], message: EnableSiteMessage, name: string) => {
    // The prompt first, synchronously in the click: Firefox forgets the gesture after the first await.
    void api.requestAccess(origins).then(async (granted) => {
      if (!granted) {
        setNote({ kind: 'error', text: `Access to ${name} was not granted, so Known stays off there.` });
        return;
      }
      after(await api.enableSite(message), `Known now runs on ${name}. Reload its open tabs.`);
    });
  };

  const addOrigin = (event: Event) => {
    event.preventDefault();
    const entry = siteForOrigin(address);
    if (!entry.ok) {
      setNote({ kind: 'error', text: entry.message });
      return;
    }
    enable(entry.site.origins, { kind: 'origin', address }, entry.site.name);
    setAddress('');
  };

  const enabledIds = new Set(view?.enabled.map((site) => site.id));
  const offer = (definition: SiteDefinition) => siteForDefinition(definition);

  return (
    <section class="block" aria-labelledby="sites-heading" data-testid="sites-section">
      <h2 id="sites-heading">Sites and badges</h2>
      <label>
        <input
          type="checkbox"
          data-testid="privacy-mode"
          style={{ width: 'auto', marginRight: '6px' }}
          checked={view?.privacyMode ?? false}
          disabled={!view}
          onChange={(event) => {
            const enabled = event.currentTarget.checked;
            void api.setPrivacyMode({ enabled }).then(reload);
          }}
        />
        Privacy mode: badges show only the tier (no value band, no follower count)
      </label>

      <form onSubmit={addOrigin} noValidate>
        <label for="site-address">Enable Known on another site</label>
        <input
          id="site-address"
          data-testid="site-address"
          type="url"
          placeholder="https://help.example.com"
          value={address}
          onInput={(event) => setAddress(event.currentTarget.value)}
        />
        <p>
          <button type="submit" data-testid="site-enable">
            Enable
          </button>
        </p>
      </form>

      {view?.offered.ok && view.offered.sites.length > 0 && (
        <>
          <h2>Offered by your admin</h2>
          <ul>
            {view.offered.sites.map((definition) => {
              const entry = offer(definition);
              return (
                <li key={definition.id} data-testid="offered-site">
                  {definition.name} <span class="muted">{definition.urlPatterns.join(', ')}</span>{' '}
                  {enabledIds.has(entry.id) ? (
                    <span class="muted">enabled</span>
                  ) : (
                    <button
                      type="button"
                      class="link"
                      onClick={() =>
                        enable(entry.origins, { kind: 'admin', siteId: definition.id }, definition.name)
                      }
                    >
                      Enable
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}

      <h2>Enabled sites</h2>
      {view && view.enabled.length === 0 && <p class="muted">Only the built-in sites.</p>}
      <ul>
        {view?.enabled.map((site) => (
          <li key={site.id} data-testid="enabled-site" data-site-id={site.id}>
            {site.name}{' '}
            <button
              type="button"
              class="link"
              aria-label={`Disable Known on ${site.name}`}
              onClick={() =>
                void api.disableSite({ id: site.id }).then((r) => after(r, `Known is off on ${site.name}.`))
              }
            >
              Disable
            </button>
          </li>
        ))}
      </ul>
      <p
        data-testid="sites-status"
        role="status"
        class={note?.kind === 'error' ? 'status-error' : 'status-ok'}
      >
        {note?.text ?? ''}
      </p>
    </section>
  );
}
