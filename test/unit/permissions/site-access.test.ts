import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { enabledSitesItem, readEnabledSites } from '../../../lib/permissions/enabled-sites.ts';
import { CONTENT_SCRIPT_FILE, createSiteAccess } from '../../../lib/permissions/site-access.ts';
import { siteForDefinition, siteForOrigin } from '../../../lib/permissions/site-entries.ts';
import { fakeSiteBrowser } from './fake-site-browser.ts';

const acme = () => {
  const entry = siteForOrigin('https://help.acme-support.test/tickets/42');
  if (!entry.ok) throw new Error(entry.message);
  return entry.site;
};

describe('site access (dynamic content scripts behind optional host permissions)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('registers the content script for a granted origin and remembers it', async () => {
    const fake = fakeSiteBrowser(['https://help.acme-support.test/*']);
    const changes: unknown[] = [];
    const access = createSiteAccess(fake.api, (sites) => changes.push(sites));
    const result = await access.enable(acme());
    expect(result.ok).toBe(true);
    expect([...fake.scripts.values()]).toEqual([
      expect.objectContaining({
        id: 'known-site-origin-https-help-acme-support-test',
        matches: ['https://help.acme-support.test/*'],
        js: [CONTENT_SCRIPT_FILE],
      }),
    ]);
    expect((await readEnabledSites()).map((site) => site.name)).toEqual(['https://help.acme-support.test']);
    expect(await access.matches()).toEqual(['https://help.acme-support.test/*']);
    expect(changes).toHaveLength(1);
  });

  it('refuses without the permission and registers nothing', async () => {
    const fake = fakeSiteBrowser();
    const access = createSiteAccess(fake.api);
    const result = await access.enable(acme());
    expect(result).toEqual({ ok: false, message: expect.stringContaining('was not granted') });
    expect(fake.scripts.size).toBe(0);
    expect(await readEnabledSites()).toEqual([]);
  });

  it('enabling twice replaces the registration instead of failing on the duplicate id', async () => {
    const fake = fakeSiteBrowser(['https://help.acme-support.test/*']);
    const access = createSiteAccess(fake.api);
    await access.enable(acme());
    expect((await access.enable(acme())).ok).toBe(true);
    expect(fake.scripts.size).toBe(1);
    expect(await readEnabledSites()).toHaveLength(1);
  });

  it('disabling removes both the registration and the permission', async () => {
    const fake = fakeSiteBrowser(['https://help.acme-support.test/*', 'https://unrelated.test/*']);
    const access = createSiteAccess(fake.api);
    await access.enable(acme());
    const result = await access.disable(acme().id);
    expect(result).toEqual({ ok: true, sites: [] });
    expect(fake.scripts.size).toBe(0);
    expect([...fake.origins]).toEqual(['https://unrelated.test/*']);
  });

  it('keeps a permission another enabled site still needs', async () => {
    const definition = siteForDefinition({
      id: 'acme-helpdesk',
      name: 'Acme helpdesk',
      urlPatterns: ['https://help.acme-support.test/tickets/*'],
      selectors: { message: '.comment', author: '.author' },
    });
    expect(definition.origins).toEqual(['https://help.acme-support.test/*']);
    const fake = fakeSiteBrowser(['https://help.acme-support.test/*']);
    const access = createSiteAccess(fake.api);
    await access.enable(acme());
    await access.enable(definition);
    await access.disable(acme().id);
    expect([...fake.origins]).toEqual(['https://help.acme-support.test/*']);
    expect([...fake.scripts.keys()]).toEqual([definition.id]);
  });

  it('restore re-registers what the browser forgot, drops what the user revoked, removes our leftovers', async () => {
    const kept = acme();
    const revokedEntry = siteForOrigin('https://revoked.test/');
    if (!revokedEntry.ok) throw new Error('bad fixture');
    await enabledSitesItem.setValue([kept, revokedEntry.site]);
    const fake = fakeSiteBrowser(['https://help.acme-support.test/*']);
    await fake.api.scripting.registerContentScripts([
      {
        id: 'known-site-origin-https-stale-test',
        matches: ['https://stale.test/*'],
        js: ['x.js'],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
      {
        id: 'someone-elses-script',
        matches: ['https://other.test/*'],
        js: ['y.js'],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
    const sites = await createSiteAccess(fake.api).restore();
    expect(sites.map((site) => site.id)).toEqual([kept.id]);
    expect([...fake.scripts.keys()].sort()).toEqual([kept.id, 'someone-elses-script'].sort());
    expect(await readEnabledSites()).toEqual([kept]);
  });

  it('follows origins revoked in the browser settings', async () => {
    const fake = fakeSiteBrowser(['https://help.acme-support.test/*']);
    const access = createSiteAccess(fake.api);
    await access.enable(acme());
    await access.onOriginsRemoved(['https://help.acme-support.test/*']);
    expect(fake.scripts.size).toBe(0);
    expect(await readEnabledSites()).toEqual([]);
  });

  it('reads a damaged stored list entry by entry', async () => {
    await enabledSitesItem.setValue([acme(), { id: 42 } as never]);
    expect(await readEnabledSites()).toEqual([acme()]);
  });
});
