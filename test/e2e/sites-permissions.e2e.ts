import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension as launchWith } from '../../scripts/chromium.ts';
import { type Backend, startDemoBackend } from './demo-backend.ts';
import {
  buildExtension,
  buildGrantedExtension,
  chromiumPath,
  configureExtension,
  EXTENSION_DIR,
  ROOT,
} from './extension-harness.ts';

// A helpdesk that is not a built-in site, served at its real address by context.route.
const ORIGIN = 'https://help.acme-support.test';
const TICKET_URL = `${ORIGIN}/tickets/42`;
const TICKET_HTML = `<!doctype html><html><head><title>Ticket 42</title></head><body>
<h1>Ticket 42: bags never arrived</h1>
<p class="requester">From sofia.reyes@example.com, also @sofiaflies on X</p>
<p class="comment">Passengers have waited over an hour. cc @random_user1</p>
</body></html>`;

// Playwright cannot answer Chrome's permission prompt (headless Chromium neither shows nor auto-grants it:
// the request stays pending). So this suite builds the extension once more, into its own folder, with the
// test origin granted in the manifest (KNOWN_TEST_GRANTED_ORIGINS, read by wxt.config.ts). Everything after
// the prompt is the real path: the options page's click, `permissions.request` (which resolves at once for a
// granted origin), the background's checks, `scripting.registerContentScripts`, the real content script.
const GRANTED_DIR = path.join(ROOT, `${process.env.KNOWN_OUT_DIR ?? '.output'}-granted`);

/** The one worker API the test reads; the real `chrome` global exists where the function runs. */
interface ChromeScripting {
  scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> };
}

const launchGranted = () =>
  launchWith({ extensionDir: path.join(GRANTED_DIR, 'chrome-mv3'), headless: true });

async function openTicket(page: Page) {
  await page.goto(TICKET_URL);
  return page;
}

const badgeStatus = (page: Page, key: string) =>
  page
    .locator(`[data-known-identity="${key}"]`)
    .first()
    .getAttribute('data-known-status', { timeout: 10_000 });

describe('sites enabled at runtime (optional host permission + dynamic content script)', () => {
  let backend: Backend;
  let stopBackend = async () => {};

  beforeAll(async () => {
    chromiumPath();
    buildExtension();
    buildGrantedExtension(GRANTED_DIR, ORIGIN);
    ({ backend, stop: stopBackend } = await startDemoBackend('known-e2e-sites-'));
    await mkdir(path.join(ROOT, 'test-results'), { recursive: true });
  });

  afterAll(async () => {
    await stopBackend();
  });

  it('declares every other site only as an optional permission, in Chrome and in Firefox', async () => {
    const manifest = JSON.parse(await readFile(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.permissions).toEqual(expect.arrayContaining(['scripting', 'contextMenus', 'activeTab']));
    expect(JSON.stringify(manifest.permissions)).not.toMatch(/\*:\/\/|https?:|<all_urls>/);
    expect(JSON.stringify(manifest.content_scripts)).not.toContain('acme-support');

    const firefoxDir = path.join(ROOT, '.output-badges-firefox');
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, KNOWN_OUT_DIR: path.relative(ROOT, firefoxDir) },
    });
    const firefox = JSON.parse(await readFile(path.join(firefoxDir, 'firefox-mv2', 'manifest.json'), 'utf8'));
    expect(firefox.optional_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(JSON.stringify(firefox.permissions)).not.toMatch(/\*:\/\/|https?:|<all_urls>/);
  });

  it('enables a custom helpdesk from the options page, badges it, and disabling stops it', async () => {
    const launched = await launchGranted();
    try {
      await launched.context.route(`${ORIGIN}/**`, (route) =>
        route.fulfill({ body: TICKET_HTML, contentType: 'text/html; charset=utf-8' }),
      );
      await configureExtension(launched, { url: backend.url, token: 'known-demo-token' });

      // Before: the content script does not run there (nothing declared, nothing registered).
      const before = await openTicket(await launched.context.newPage());
      await before.waitForTimeout(1500);
      expect(await before.locator('[data-known-identity]').count()).toBe(0);
      await before.close();

      const options = await launched.context.newPage();
      await options.goto(`chrome-extension://${launched.extensionId}/options.html`);
      await options.getByTestId('site-address').fill(`${TICKET_URL}?from=e2e`);
      await options.getByTestId('site-enable').click();
      await options
        .getByTestId('sites-status')
        .filter({ hasText: 'Known now runs on' })
        .waitFor({ timeout: 10_000 });
      await expect
        .poll(() => options.getByTestId('enabled-site').allTextContents())
        .toEqual([expect.stringContaining(ORIGIN)]);
      const registered = await launched.context
        .serviceWorkers()[0]
        ?.evaluate(() =>
          (globalThis as unknown as { chrome: ChromeScripting }).chrome.scripting
            .getRegisteredContentScripts()
            .then((scripts) => scripts.map((s) => s.matches)),
        );
      expect(registered).toEqual([[`${ORIGIN}/*`]]);

      const page = await openTicket(await launched.context.newPage());
      await expect
        .poll(() => badgeStatus(page, 'email:sofia.reyes@example.com'), { timeout: 10_000 })
        .toBe('matched');
      await expect.poll(() => badgeStatus(page, 'handle:x:sofiaflies'), { timeout: 10_000 }).toBe('matched');
      await expect
        .poll(() => badgeStatus(page, 'handle:x:random_user1'), { timeout: 10_000 })
        .toBe('unknown');
      await page.screenshot({ path: path.join(ROOT, 'test-results', 'sites-custom-origin.png') });
      await page.close();

      await options.getByRole('button', { name: `Disable Known on ${ORIGIN}` }).click();
      await options
        .getByTestId('sites-status')
        .filter({ hasText: 'Known is off' })
        .waitFor({ timeout: 10_000 });
      const after = await openTicket(await launched.context.newPage());
      await after.waitForTimeout(1500);
      expect(await after.locator('[data-known-identity]').count()).toBe(0);
    } finally {
      await launched.close();
    }
  });
});
