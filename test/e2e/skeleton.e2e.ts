import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, startDemoBackend } from './demo-backend.ts';
import {
  buildExtension,
  chromiumPath,
  configureExtension,
  EXTENSION_DIR,
  type LaunchedExtension,
  launchWithExtension,
  ROOT,
} from './extension-harness.ts';

const FIXTURE_URL = 'https://x.com/known/status/1';
const badge = (page: Page, key: string) => page.locator(`[data-known-identity="${key}"]`).first();

async function openFixture(launched: LaunchedExtension) {
  const html = await readFile(path.join(ROOT, 'test/fixtures/x-status.html'), 'utf8');
  // The real content script runs on the real address; the request never leaves the machine.
  await launched.context.route('https://x.com/**', (route) =>
    route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
  );
  const page = await launched.context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(FIXTURE_URL);
  return { page, pageErrors };
}

async function sidebarFrame(page: Page): Promise<Frame> {
  const element = await page.locator('iframe[data-known-sidebar]').elementHandle({ timeout: 10_000 });
  const frame = await element?.contentFrame();
  if (!frame) throw new Error('the sidebar iframe has no frame');
  return frame;
}

/** A TCP port that nothing listens on: bind one, then release it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('the built extension in real Chromium', () => {
  let backend: Backend;
  let stopBackend = async () => {};

  beforeAll(async () => {
    chromiumPath(); // fail fast, with the install hint, before spending time on the build
    buildExtension();
    ({ backend, stop: stopBackend } = await startDemoBackend('known-e2e-db-'));
  });

  afterAll(async () => {
    await stopBackend();
  });

  it('declares no host permission, and only optional origins beyond the built-in sites', async () => {
    const manifest = JSON.parse(await readFile(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    // Granted up front: nothing that reaches a site. Other sites are optional, asked for one origin at a time.
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect([...manifest.permissions].sort()).toEqual([
      'activeTab',
      'alarms',
      'contextMenus',
      'scripting',
      'storage',
    ]);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(manifest.content_scripts).toEqual([
      expect.objectContaining({
        matches: expect.arrayContaining(['https://x.com/*', 'http://127.0.0.1/demo/*']),
      }),
    ]);
    expect(manifest.content_scripts[0].matches).not.toContain('https://*/*');
    expect(manifest.web_accessible_resources).toEqual([
      {
        resources: ['sidebar.html'],
        matches: expect.arrayContaining(['https://x.com/*', 'http://127.0.0.1/*']),
      },
    ]);
  });

  it('badges the personas on an X page and opens the sidebar with the profile', async () => {
    const launched = await launchWithExtension();
    try {
      const status = await configureExtension(
        launched,
        { url: backend.url, token: 'known-demo-token' },
        /Connected/,
      );
      expect(status).toMatch(/Connected as .+ \((agent|lead|admin)\)/);

      const { page, pageErrors } = await openFixture(launched);
      const expectStatus = async (key: string, status: string) =>
        expect
          .poll(() => badge(page, key).getAttribute('data-known-status'), { timeout: 10_000 })
          .toBe(status);

      await expectStatus('handle:x:sofiaflies', 'matched');
      await expectStatus('handle:x:dbrooks_travels', 'matched');
      await expectStatus('email:priya.nair@example.com', 'matched');
      await expectStatus('handle:x:random_user1', 'unknown');
      // Added after load: found through the MutationObserver.
      await expectStatus('handle:x:janesmith', 'matched');
      // The reply box is the agent's own text: never badged.
      expect(
        await page.locator('textarea [data-known-identity], textarea + [data-known-identity]').count(),
      ).toBe(0);
      expect(await page.locator('[data-known-identity="handle:x:sofiaflies"]').count()).toBe(2);

      await badge(page, 'handle:x:sofiaflies').click();
      const frame = await sidebarFrame(page);
      await expect
        .poll(() => frame.getByTestId('profile-name').textContent(), { timeout: 10_000 })
        .toBe('Sofia Reyes');
      expect(await frame.getByTestId('profile-tier').textContent()).toContain('Gold');
      expect(await frame.getByTestId('profile-value').textContent()).toMatch(/48[,.\u00a0\u202f]?200/);
      expect(await frame.getByTestId('reach-class').textContent()).toMatch(/412/);

      // Clicking another badge shows that person instead; an unknown handle says so.
      await badge(page, 'handle:x:random_user1').click();
      const unknownFrame = await sidebarFrame(page);
      await unknownFrame.getByText('Not in your profiles yet').waitFor({ timeout: 10_000 });

      // The close control inside the sidebar removes the iframe from the page.
      await unknownFrame.getByRole('button', { name: 'Close the Known sidebar' }).click();
      await page.locator('iframe[data-known-sidebar]').waitFor({ state: 'detached', timeout: 10_000 });
      expect(pageErrors).toEqual([]);
    } finally {
      await launched.close();
    }
  });

  it('shows errors on badges and in the sidebar when the backend cannot be reached', async () => {
    const launched = await launchWithExtension();
    try {
      const deadUrl = `http://127.0.0.1:${await closedPort()}`;
      const status = await configureExtension(
        launched,
        { url: deadUrl, token: 'known-demo-token' },
        /Could not reach/,
      );
      expect(status).toContain(deadUrl);

      const { page, pageErrors } = await openFixture(launched);
      await expect
        .poll(() => badge(page, 'handle:x:sofiaflies').getAttribute('data-known-status'), { timeout: 10_000 })
        .toBe('error');
      await expect
        .poll(() => badge(page, 'handle:x:random_user1').getAttribute('data-known-status'), {
          timeout: 10_000,
        })
        .toBe('error');

      await badge(page, 'handle:x:sofiaflies').click();
      const frame = await sidebarFrame(page);
      const error = frame.getByTestId('sidebar-error');
      await error.waitFor({ timeout: 10_000 });
      expect(await error.textContent()).toMatch(/options page/i);
      expect(await error.getAttribute('data-code')).toBe('unreachable');
      expect(pageErrors).toEqual([]);
    } finally {
      await launched.close();
    }
  });

  it('shows nothing in a sidebar that another site frames after the tab navigates away', async () => {
    const launched = await launchWithExtension();
    try {
      await configureExtension(launched, { url: backend.url, token: 'known-demo-token' }, /Connected/);
      const { page } = await openFixture(launched);
      await expect
        .poll(() => badge(page, 'handle:x:sofiaflies').getAttribute('data-known-status'), { timeout: 10_000 })
        .toBe('matched');
      await badge(page, 'handle:x:sofiaflies').click();
      const ours = await sidebarFrame(page);
      await expect
        .poll(() => ours.getByTestId('profile-name').textContent(), { timeout: 10_000 })
        .toBe('Sofia Reyes');

      // The same tab goes to a hostile page that frames the sidebar page itself.
      const sidebarUrl = `chrome-extension://${launched.extensionId}/sidebar.html`;
      await launched.context.route('https://evil.example/**', (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><title>evil</title><iframe id="peek" src="${sidebarUrl}" width="360" height="600"></iframe>`,
        }),
      );
      await page.goto('https://evil.example/peek');
      const peek = await (await page.locator('#peek').elementHandle())?.contentFrame();
      if (!peek) throw new Error('the framed sidebar did not load');
      await peek.waitForLoadState('load');
      // Give the sidebar time to ask the background and render whatever it gets.
      await page.waitForTimeout(1000);
      expect(await peek.getByTestId('profile-name').count()).toBe(0);
      expect(await peek.locator('body').textContent()).not.toContain('Sofia');
    } finally {
      await launched.close();
    }
  });
});
