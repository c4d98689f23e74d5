import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, startDemoBackend } from './demo-backend.ts';
import {
  buildExtension,
  chromiumPath,
  configureExtension,
  type LaunchedExtension,
  launchWithExtension,
  ROOT,
} from './extension-harness.ts';

const RESULTS = path.join(ROOT, 'test-results');

// A Gmail-shaped page (sender chip with an `email` attribute, recipients, body) with the demo personas.
const GMAIL_HTML = `<!doctype html><html><head><title>Inbox</title>
<style>body{font:14px/20px Arial,sans-serif;margin:0}.row{display:flex;gap:8px;padding:4px 16px;white-space:nowrap;overflow:hidden}
.from{width:200px;overflow:hidden;text-overflow:ellipsis}.subject{flex:1;overflow:hidden;text-overflow:ellipsis}
.msg{padding:16px;max-width:640px}</style></head><body>
<div role="main">
<div class="row"><span class="from"><span email="daniel.brooks@example.com">Daniel Brooks</span></span><span class="subject">Booking for next week — daniel.brooks@example.com</span></div>
<div class="row"><span class="from">John Carter</span><span class="subject">Wrong pizza again (john.carter@example.net)</span></div>
<div class="msg"><h2>Bags never arrived</h2>
<p>From: Sofia Reyes &lt;sofia.reyes@example.com&gt; to support@example.com</p>
<p>Hello, I landed yesterday on XX123 and my bags never arrived. My card is SK-204816. Please write to sofia.reyes@example.com, or to nobody@example.com if that fails.</p>
</div></div></body></html>`;

/** The accessible names of Known's badge buttons: the browser's accessibility tree reaches into closed roots. */
async function badgeLabels(context: BrowserContext, page: Page): Promise<string[]> {
  const cdp = await context.newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { role?: { value?: string }; name?: { value?: string } }[];
  };
  await cdp.detach();
  return nodes
    .filter((node) => node.role?.value === 'button')
    .map((node) => node.name?.value ?? '')
    .filter((name) => name.startsWith('Known') || name.startsWith('Not in Known'));
}

/** Every badge fits in its line: no taller than the line box, and the page gains no horizontal scroll. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const host of document.querySelectorAll('[data-known-identity]')) {
      const parent = host.parentElement;
      if (!parent) continue;
      const style = getComputedStyle(parent);
      const line = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.2;
      const box = host.getBoundingClientRect();
      if (box.height > line + 0.5)
        problems.push(`${host.getAttribute('data-known-identity')} is ${box.height}px in a ${line}px line`);
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth)
      problems.push('horizontal scroll');
    return problems;
  });
}

// Inside page.evaluate / worker.evaluate the extension's `chrome` global exists; tsc only needs its shape.
interface ChromeApis {
  storage: {
    local: { get(key: string): Promise<unknown> };
    session: { get(key: string): Promise<Record<string, unknown>> };
  };
  tabs: { query(filter: object): Promise<{ id?: number }[]> };
}

const status = (page: Page, key: string) =>
  page
    .locator(`[data-known-identity="${key}"]`)
    .first()
    .getAttribute('data-known-status', { timeout: 10_000 });

describe('badges on real sites, in real Chromium', () => {
  let backend: Backend;
  let stopBackend = async () => {};
  let launched: LaunchedExtension;

  beforeAll(async () => {
    chromiumPath();
    buildExtension();
    ({ backend, stop: stopBackend } = await startDemoBackend('known-e2e-badges-'));
    await mkdir(RESULTS, { recursive: true });
    launched = await launchWithExtension();
    await configureExtension(launched, { url: backend.url, token: 'known-demo-token' });
    const xHtml = await readFile(path.join(ROOT, 'test/fixtures/x-status.html'), 'utf8');
    await launched.context.route('https://x.com/**', (route) =>
      route.fulfill({ body: xHtml, contentType: 'text/html; charset=utf-8' }),
    );
    await launched.context.route('https://mail.google.com/**', (route) =>
      route.fulfill({ body: GMAIL_HTML, contentType: 'text/html; charset=utf-8' }),
    );
  });

  afterAll(async () => {
    await launched?.close();
    await stopBackend();
  });

  it('shows tier, value band and reach on x.com, with labels that never name the person, without breaking lines', async () => {
    const page = await launched.context.newPage();
    await page.goto('https://x.com/known/status/1');
    await expect.poll(() => status(page, 'handle:x:sofiaflies'), { timeout: 10_000 }).toBe('matched');
    await expect.poll(() => status(page, 'handle:x:random_user1'), { timeout: 10_000 }).toBe('unknown');
    const labels = await badgeLabels(launched.context, page);
    expect(labels).toContain('Known profile: Gold tier, high value, 412 followers. Open the profile');
    expect(labels).toContain('Not in Known — click to link');
    expect(labels.join('\n')).not.toMatch(/Sofia|Reyes|Daniel|Brooks/);
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: path.join(RESULTS, 'badges-x.png'), fullPage: true });

    // Keyboard: Tab reaches a badge (a real button inside the closed root) and Enter opens the sidebar.
    const focusedBadge = () =>
      page.evaluate(() => document.activeElement?.getAttribute('data-known-identity') ?? null);
    for (let i = 0; i < 40 && (await focusedBadge()) !== 'handle:x:sofiaflies'; i += 1)
      await page.keyboard.press('Tab');
    expect(await focusedBadge()).toBe('handle:x:sofiaflies');
    await page.keyboard.press('Enter');
    await page.locator('iframe[data-known-sidebar]').waitFor({ timeout: 10_000 });
    await page.close();
  });

  it('badges the Gmail-shaped page (senders, recipients, body) without breaking its rows', async () => {
    const page = await launched.context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    await expect
      .poll(() => status(page, 'email:sofia.reyes@example.com'), { timeout: 10_000 })
      .toBe('matched');
    await expect.poll(() => status(page, 'email:nobody@example.com'), { timeout: 10_000 }).toBe('unknown');
    const labels = await badgeLabels(launched.context, page);
    // Daniel, the quiet VIP: top value, 75 followers.
    expect(labels).toContain('Known profile: Ambassador tier, top value, 75 followers. Open the profile');
    expect(await layoutProblems(page)).toEqual([]);
    // The inbox rows stay one line each.
    const rowHeights = await page
      .locator('.row')
      .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
    for (const height of rowHeights) expect(height).toBeLessThanOrEqual(28);
    await page.screenshot({ path: path.join(RESULTS, 'badges-gmail.png'), fullPage: true });
    await page.close();
  });

  it('in privacy mode shows only the tier', async () => {
    const options = await launched.context.newPage();
    await options.goto(`chrome-extension://${launched.extensionId}/options.html`);
    const toggle = options.getByTestId('privacy-mode');
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    await toggle.check();
    await expect
      .poll(() =>
        options.evaluate(() =>
          (globalThis as unknown as { chrome: ChromeApis }).chrome.storage.local.get('privacyMode'),
        ),
      )
      .toEqual({ privacyMode: true });

    const page = await launched.context.newPage();
    await page.goto('https://x.com/known/status/1');
    await expect.poll(() => status(page, 'handle:x:sofiaflies'), { timeout: 10_000 }).toBe('matched');
    const labels = await badgeLabels(launched.context, page);
    expect(labels).toContain('Known profile: Gold tier. Open the profile');
    expect(labels.join('\n')).not.toMatch(/value|followers/);
    await page.screenshot({ path: path.join(RESULTS, 'badges-x-privacy.png') });
    await page.close();
    await toggle.uncheck();
    await options.close();
  });

  it('"Look up in Known" on a selected name finds the profile and remembers it for the tab', async () => {
    const page = await launched.context.newPage();
    await page.goto('https://x.com/known/status/1');
    await expect.poll(() => status(page, 'handle:x:sofiaflies'), { timeout: 10_000 }).toBe('matched');
    await page.bringToFront();
    const [worker] = launched.context.serviceWorkers();
    if (!worker) throw new Error('no service worker');
    // Native context menus cannot be clicked from Playwright: call the click path the menu's listener calls.
    const outcome = await worker.evaluate(async () => {
      const chrome = (globalThis as unknown as { chrome: ChromeApis }).chrome;
      // Without host permission a tab's url is hidden from the worker; the page was just brought to front.
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (!tab) return { tabs: 'no active tab' };
      const menu = (
        globalThis as unknown as {
          __knownLookupMenu: { handleClick: (...args: unknown[]) => Promise<unknown> };
        }
      ).__knownLookupMenu;
      const result = await menu.handleClick(
        { selectionText: 'Mary Okafor', pageUrl: 'https://x.com/known/status/1' },
        tab?.id,
      );
      const stored = await chrome.storage.session.get(`selection:${tab?.id}`);
      return { result, stored: Object.values(stored)[0] };
    });
    expect(outcome, JSON.stringify(outcome)).toHaveProperty('result');
    expect(outcome.result).toMatchObject({
      status: 'found',
      identifier: { kind: 'email', value: 'mary.okafor@example.org' },
    });
    expect(outcome.stored).toMatchObject({
      identifier: { kind: 'email', value: 'mary.okafor@example.org' },
      context: { messageText: 'Mary Okafor', role: 'text' },
    });
    await page.close();
  });

  it('"Look up in Known" opens the sidebar on that profile', async () => {
    const page = await launched.context.newPage();
    await page.goto('https://x.com/known/status/1');
    await expect.poll(() => status(page, 'handle:x:sofiaflies'), { timeout: 10_000 }).toBe('matched');
    await page.bringToFront();
    const [worker] = launched.context.serviceWorkers();
    if (!worker) throw new Error('no service worker');
    await worker.evaluate(async () => {
      const chrome = (globalThis as unknown as { chrome: ChromeApis }).chrome;
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      const menu = (
        globalThis as unknown as {
          __knownLookupMenu: { handleClick: (...args: unknown[]) => Promise<unknown> };
        }
      ).__knownLookupMenu;
      return menu.handleClick(
        { selectionText: 'SK-204816', pageUrl: 'https://x.com/known/status/1' },
        tab?.id,
      );
    });
    const frameElement = await page.locator('iframe[data-known-sidebar]').elementHandle({ timeout: 10_000 });
    const frame = await frameElement?.contentFrame();
    if (!frame) throw new Error('the sidebar iframe has no frame');
    await expect
      .poll(() => frame.getByTestId('profile-name').textContent(), { timeout: 10_000 })
      .toBe('Sofia Reyes');
    await page.close();
  });
});
