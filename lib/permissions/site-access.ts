import type { EnabledSite } from './enabled-sites.ts';
import { enabledSitesItem, readEnabledSites } from './enabled-sites.ts';
import { SITE_SCRIPT_PREFIX } from './site-patterns.ts';

/** The content script WXT builds from entrypoints/content.ts; the same file the manifest declares. */
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

/** The parts of `browser.permissions` and `browser.scripting` this service uses (fakes in unit tests). */
export interface SiteAccessBrowser {
  permissions: {
    contains(permissions: { origins: string[] }): Promise<boolean>;
    remove(permissions: { origins: string[] }): Promise<boolean>;
  };
  scripting: {
    registerContentScripts(
      scripts: {
        id: string;
        matches: string[];
        js: string[];
        runAt: 'document_idle';
        persistAcrossSessions: boolean;
      }[],
    ): Promise<unknown>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<unknown>;
    getRegisteredContentScripts(): Promise<{ id: string }[]>;
  };
}

export type SiteChange = { ok: true; sites: EnabledSite[] } | { ok: false; message: string };

export interface SiteAccess {
  list(): Promise<EnabledSite[]>;
  /**
   * Registers the content script for a site whose origins the user has ALREADY granted (the page asked
   * `permissions.request` in its click handler: only a user gesture in a page may show the prompt).
   */
  enable(site: EnabledSite): Promise<SiteChange>;
  /** Unregisters the script and gives the host permission back (unless another enabled site still needs it). */
  disable(id: string): Promise<SiteChange>;
  /**
   * At startup: re-register what storage lists but the browser forgot, drop what the user revoked in the
   * browser's own settings, and unregister leftovers of ours that storage no longer lists.
   */
  restore(): Promise<EnabledSite[]>;
  /** The browser reports origins removed (chrome://extensions → Site access): drop the sites that needed them. */
  onOriginsRemoved(origins: string[]): Promise<EnabledSite[]>;
  /** Every match pattern an enabled site runs on (for the context menu's documentUrlPatterns). */
  matches(): Promise<string[]>;
}

export function createSiteAccess(
  api: SiteAccessBrowser,
  onChange: (sites: EnabledSite[]) => void = () => {},
) {
  // One change at a time: two quick toggles must not interleave register/unregister calls.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const save = async (sites: EnabledSite[]) => {
    await enabledSitesItem.setValue(sites);
    onChange(sites);
    return sites;
  };

  const register = (site: EnabledSite) =>
    api.scripting.registerContentScripts([
      {
        id: site.id,
        matches: site.matches,
        js: [CONTENT_SCRIPT_FILE],
        runAt: 'document_idle',
        // Chrome keeps it across restarts; restore() covers any browser that does not.
        persistAcrossSessions: true,
      },
    ]);

  const registeredIds = async () =>
    new Set((await api.scripting.getRegisteredContentScripts()).map((s) => s.id));

  const unregister = async (ids: string[]) => {
    const present = await registeredIds();
    const ours = ids.filter((id) => present.has(id));
    if (ours.length > 0) await api.scripting.unregisterContentScripts({ ids: ours });
  };

  const service: SiteAccess = {
    list: () => readEnabledSites(),

    enable: (site) =>
      serial(async () => {
        if (!(await api.permissions.contains({ origins: site.origins }))) {
          return { ok: false, message: `Access to ${site.name} was not granted, so Known stays off there.` };
        }
        const sites = await readEnabledSites();
        // Enabling again replaces the registration (an admin may have changed the site's patterns).
        await unregister([site.id]);
        try {
          await register(site);
        } catch (error) {
          return { ok: false, message: `Could not start Known on ${site.name}: ${String(error)}` };
        }
        return { ok: true, sites: await save([...sites.filter((s) => s.id !== site.id), site]) };
      }),

    disable: (id) =>
      serial(async () => {
        const sites = await readEnabledSites();
        const site = sites.find((s) => s.id === id);
        await unregister([id]);
        const rest = sites.filter((s) => s.id !== id);
        if (site) {
          const stillNeeded = new Set(rest.flatMap((s) => s.origins));
          const release = site.origins.filter((origin) => !stillNeeded.has(origin));
          // The browser refuses to remove a permission the manifest requires (only in the e2e's test build):
          // the site is still off, since its script is gone.
          if (release.length > 0) await api.permissions.remove({ origins: release }).catch(() => false);
        }
        return { ok: true, sites: await save(rest) };
      }),

    restore: () =>
      serial(async () => {
        const sites = await readEnabledSites();
        const kept: EnabledSite[] = [];
        for (const site of sites) {
          if (await api.permissions.contains({ origins: site.origins })) kept.push(site);
        }
        const present = await registeredIds();
        const keptIds = new Set(kept.map((s) => s.id));
        const stale = [...present].filter((id) => id.startsWith(SITE_SCRIPT_PREFIX) && !keptIds.has(id));
        if (stale.length > 0) await api.scripting.unregisterContentScripts({ ids: stale });
        for (const site of kept) if (!present.has(site.id)) await register(site);
        return kept.length === sites.length ? sites : save(kept);
      }),

    onOriginsRemoved: (origins) =>
      serial(async () => {
        const removed = new Set(origins);
        const sites = await readEnabledSites();
        const lost = sites.filter((s) => s.origins.some((origin) => removed.has(origin)));
        if (lost.length === 0) return sites;
        await unregister(lost.map((s) => s.id));
        return save(sites.filter((s) => !lost.includes(s)));
      }),

    matches: async () => (await readEnabledSites()).flatMap((s) => s.matches),
  };
  return service;
}
