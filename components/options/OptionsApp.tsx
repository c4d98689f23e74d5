import { useEffect, useState } from 'preact/hooks';
import type { ConnectionResult, SaveSettingsResult, SettingsView } from '../../lib/messaging/schemas.ts';
import { checkBackendUrl, DEFAULT_BACKEND_URL } from '../../lib/settings/backend-url.ts';
import { DashboardLink, type DashboardLinkApi } from '../dashboard/DashboardLink.tsx';
import { failureHint } from '../failure-hint.ts';
import { type ShortcutApi, ShortcutSection } from './ShortcutSection.tsx';
import { type SitesApi, SitesSection } from './SitesSection.tsx';

export interface OptionsApi {
  getSettings(): Promise<SettingsView>;
  saveSettings(input: { backendUrl: string; token?: string }): Promise<SaveSettingsResult>;
  testConnection(): Promise<ConnectionResult>;
  /** The "Sites and badges" section (SitesSection.tsx); left out, the section is not shown. */
  sites?: SitesApi;
  /** The sidebar's keyboard shortcut (`commands`); left out, the section is not shown. */
  shortcut?: ShortcutApi;
  /** "Team dashboard" for leads and admins; left out, no link. */
  dashboard?: DashboardLinkApi;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'working'; text: string }
  | { kind: 'ok'; text: string }
  | { kind: 'error'; text: string };

export function OptionsApp({ api }: { api: OptionsApi }) {
  const [backendUrl, setBackendUrl] = useState(DEFAULT_BACKEND_URL);
  const [token, setToken] = useState('');
  const [hasToken, setHasToken] = useState(false);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // The fields stay read-only until the saved settings arrive: typed before that, an address would be
  // overwritten by the saved one (or the default) a moment later and the wrong backend saved.
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    api
      .getSettings()
      .then((settings) => {
        setBackendUrl(settings.backendUrl);
        setHasToken(settings.hasToken);
      })
      .catch(() => setStatus({ kind: 'error', text: 'Could not read the saved settings.' }))
      .finally(() => setLoaded(true));
  }, [api]);

  const save = async (event: Event) => {
    event.preventDefault();
    const url = checkBackendUrl(backendUrl);
    if (!url.ok) {
      setUrlError(url.message);
      return;
    }
    setUrlError(null);
    setStatus({ kind: 'working', text: 'Saving…' });
    try {
      const saved = await api.saveSettings({ backendUrl: url.url, ...(token.trim() ? { token } : {}) });
      if (!saved.ok) {
        if (saved.field === 'backendUrl') setUrlError(saved.message);
        setStatus({ kind: 'error', text: saved.message });
        return;
      }
      setBackendUrl(saved.settings.backendUrl);
      setHasToken(saved.settings.hasToken);
      setToken('');
      setStatus({ kind: 'working', text: 'Testing the connection…' });
      const result = await api.testConnection();
      setStatus(
        result.ok
          ? {
              kind: 'ok',
              text: `Connected as ${result.agent.name} (${result.agent.role}) at ${result.tenant.name}`,
            }
          : { kind: 'error', text: `${result.error.message} ${failureHint(result.error)}` },
      );
    } catch {
      setStatus({
        kind: 'error',
        text: 'The Known background service did not answer; reload the extension.',
      });
    }
  };

  return (
    <main>
      <h1>Known settings</h1>
      <form onSubmit={save} noValidate>
        <label for="backend-url">Backend URL</label>
        <input
          id="backend-url"
          data-testid="backend-url"
          type="url"
          value={backendUrl}
          readOnly={!loaded}
          aria-invalid={urlError !== null}
          aria-describedby={urlError ? 'backend-url-error' : undefined}
          onInput={(event) => setBackendUrl(event.currentTarget.value)}
        />
        {urlError && (
          <p id="backend-url-error" class="field-error" data-testid="backend-url-error">
            {urlError}
          </p>
        )}
        <label for="token">API token</label>
        <input
          id="token"
          data-testid="token"
          type="password"
          autocomplete="off"
          value={token}
          readOnly={!loaded}
          placeholder={hasToken ? 'A token is saved; type a new one to replace it' : 'No token saved yet'}
          onInput={(event) => setToken(event.currentTarget.value)}
        />
        <p>
          <button type="submit" data-testid="save" disabled={!loaded || status.kind === 'working'}>
            Save and test connection
          </button>
        </p>
      </form>
      <p
        data-testid="connection-status"
        role="status"
        class={status.kind === 'ok' ? 'status-ok' : status.kind === 'error' ? 'status-error' : ''}
      >
        {status.kind === 'idle' ? '' : status.text}
      </p>
      {api.dashboard && status.kind !== 'working' && (
        // Re-asked after every save: a new token may belong to a lead.
        <p>
          <DashboardLink key={status.kind === 'ok' ? status.text : 'saved'} api={api.dashboard} />
        </p>
      )}
      {api.sites && <SitesSection api={api.sites} />}
      {api.shortcut && <ShortcutSection api={api.shortcut} />}
    </main>
  );
}
