import { useEffect, useState } from 'preact/hooks';
import type { EnableSiteMessage, SiteChangeResult, SiteStatus } from '../../lib/messaging/site-schemas.ts';
import { siteForOrigin } from '../../lib/permissions/site-entries.ts';

export interface SiteToggleApi {
  /** The active tab's address (readable thanks to `activeTab` when the popup is opened). */
  currentAddress(): Promise<string | undefined>;
  siteStatus(input: { address: string }): Promise<SiteStatus>;
  requestAccess(origins: string[]): Promise<boolean>;
  enableSite(input: EnableSiteMessage): Promise<SiteChangeResult>;
  disableSite(input: { id: string }): Promise<SiteChangeResult>;
}

/**
 * "Enable Known on this site" for the popup. Built-in sites say so; any other http(s) site can be switched
 * on (the browser asks for that one origin) and off (the permission is given back).
 */
export function SiteToggle({ api }: { api: SiteToggleApi }) {
  const [address, setAddress] = useState<string>();
  const [status, setStatus] = useState<SiteStatus | null>(null);
  const [message, setMessage] = useState('');

  const refresh = async (current = address) => {
    if (!current) return setStatus({ status: 'unsupported' });
    setStatus(await api.siteStatus({ address: current }));
  };

  useEffect(() => {
    void api.currentAddress().then((current) => {
      setAddress(current);
      return refresh(current);
    });
  }, [api]);

  if (!status) return null;
  if (status.status === 'unsupported') {
    return (
      <p class="muted" data-testid="site-toggle">
        Known cannot run on this page.
      </p>
    );
  }
  if (status.status === 'built-in') {
    return (
      <p class="muted" data-testid="site-toggle">
        Known runs on {status.origin} out of the box.
      </p>
    );
  }

  const on = status.status === 'enabled';
  const toggle = () => {
    if (!address) return;
    if (on) {
      void api.disableSite({ id: status.id }).then(async (result) => {
        setMessage(result.ok ? 'Known is off on this site.' : result.message);
        await refresh();
      });
      return;
    }
    const entry = siteForOrigin(address);
    if (!entry.ok) return setMessage(entry.message);
    // First call in the click: the permission prompt needs the user's gesture.
    void api.requestAccess(entry.site.origins).then(async (granted) => {
      if (!granted) return setMessage('Access was not granted.');
      const result = await api.enableSite({ kind: 'origin', address });
      setMessage(result.ok ? 'Known is on. Reload the page to see badges.' : result.message);
      await refresh();
    });
  };

  return (
    <div data-testid="site-toggle">
      <label>
        <input type="checkbox" style={{ width: 'auto', marginRight: '6px' }} checked={on} onChange={toggle} />
        Enable Known on this site <span class="muted">({status.origin})</span>
      </label>
      {message && <p role="status">{message}</p>}
    </div>
  );
}

export default SiteToggle;
