import { browser } from 'wxt/browser';
import { SiteList } from '../contract/sites.ts';
import { callBackend, type FetchLike } from '../lookup/backend-api.ts';
import { startSiteDefinitionsCache } from '../lookup/site-definitions.ts';
import { BACKGROUND_RULES } from '../messaging/background-rules.ts';
import { createReceiver } from '../messaging/receive.ts';
import type { SiteStatus, SitesView } from '../messaging/site-schemas.ts';
import { privacyModeItem, readPrivacyMode } from '../settings/privacy-mode.ts';
import { readConnection } from '../settings/settings-storage.ts';
import type { EnabledSite } from './enabled-sites.ts';
import { createSiteAccess, type SiteAccess, type SiteAccessBrowser } from './site-access.ts';
import { siteForDefinition, siteForOrigin } from './site-entries.ts';
import { isBuiltInSite, originPatternFor } from './site-patterns.ts';

export interface SiteHandlersOptions {
  fetchImpl?: FetchLike;
  api?: SiteAccessBrowser;
  /** Called whenever the enabled sites change (the context menu follows them). */
  onSitesChanged?: (sites: EnabledSite[]) => void;
}

/**
 * The background side of "where Known runs": answers the options page and the popup, keeps the dynamic
 * content-script registrations in step with storage and the browser's granted permissions.
 */
export function startSiteHandlers(options: SiteHandlersOptions = {}): { access: SiteAccess; stop(): void } {
  const fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const api = options.api ?? (browser as unknown as SiteAccessBrowser);
  const access = createSiteAccess(api, options.onSitesChanged);
  const receive = createReceiver(BACKGROUND_RULES);
  // Asked on every page load of a non-built-in site: cached (TTL, forgotten when the settings change).
  const siteDefinitions = startSiteDefinitionsCache(fetchImpl);

  const offeredSites = async () => {
    const reply = await callBackend(fetchImpl, await readConnection(), {
      method: 'GET',
      path: '/v1/sites',
      schema: SiteList,
    });
    return reply.ok
      ? ({ ok: true, sites: reply.value.sites } as const)
      : ({ ok: false, error: reply.error } as const);
  };

  const removers = [
    receive('listSites', async (): Promise<SitesView> => {
      const [enabled, offered, privacyMode] = await Promise.all([
        access.list(),
        offeredSites(),
        readPrivacyMode(),
      ]);
      return { enabled, offered, privacyMode };
    }),

    receive('enableSite', async ({ data }) => {
      // A site just enabled must find its definition as the admin publishes it now, not as cached.
      siteDefinitions.invalidate();
      if (data.kind === 'origin') {
        if (isBuiltInSite(data.address)) return { ok: false, message: 'Known already runs on this site.' };
        const entry = siteForOrigin(data.address);
        return entry.ok ? access.enable(entry.site) : { ok: false, message: entry.message };
      }
      // The definition comes from the backend again, never from the page's message: what gets registered
      // is what the admin published.
      const offered = await offeredSites();
      if (!offered.ok) return { ok: false, message: offered.error.message };
      const definition = offered.sites.find((site) => site.id === data.siteId);
      if (!definition) return { ok: false, message: `Your admin no longer offers the site ${data.siteId}.` };
      return access.enable(siteForDefinition(definition));
    }),

    receive('disableSite', ({ data }) => access.disable(data.id)),

    // The content script on a page no built-in adapter claims: an admin's definition may describe it.
    // No backend, no definitions: the page gets the generic adapter.
    receive('getSiteDefinitions', () => siteDefinitions.get()),

    receive('siteStatus', async ({ data }): Promise<SiteStatus> => {
      const pattern = originPatternFor(data.address);
      if (!pattern.ok) return { status: 'unsupported' };
      if (isBuiltInSite(data.address)) return { status: 'built-in', origin: pattern.origin };
      const entry = siteForOrigin(data.address);
      const enabled = (await access.list()).find((site) => entry.ok && site.id === entry.site.id);
      return enabled
        ? { status: 'enabled', origin: pattern.origin, id: enabled.id }
        : { status: 'off', origin: pattern.origin };
    }),

    receive('setPrivacyMode', async ({ data }) => {
      await privacyModeItem.setValue(data.enabled);
    }),
  ];

  // The user can take a site's access back in the browser's own settings; follow them.
  const onRemoved = (removed: { origins?: string[] }) => {
    if (removed.origins?.length) void access.onOriginsRemoved(removed.origins);
  };
  browser.permissions?.onRemoved?.addListener(onRemoved);
  void access.restore().then((sites) => options.onSitesChanged?.(sites));

  return {
    access,
    stop() {
      for (const remove of removers) remove();
      browser.permissions?.onRemoved?.removeListener(onRemoved);
    },
  };
}
