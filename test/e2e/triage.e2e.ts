// "Who's here" (issue 6, story 4) end to end: the built extension in real Chromium on a mentions page at its
// real address (x.com, answered by context.route), against the real backend seeded with the story personas.
// The sidebar, opened with nothing selected (the keyboard shortcut), lists every identity on the page by
// priority: the quiet VIP Daniel (75 followers) above Tyler (20k followers, never bought).
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
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

const TOKEN = 'known-demo-token';
// axe-core is one self-contained script, injected with evaluate (as in sidebar-actions.e2e.ts).
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = path.join(ROOT, 'test-results');
const URL_MENTIONS = 'https://x.com/notifications/mentions';

const tweet = (handle: string, name: string, text: string) => `
  <div data-testid="cellInnerDiv"><article role="article" tabindex="0" data-testid="tweet">
    <div data-testid="User-Name"><a href="/${handle}" role="link"><span>${name}</span></a><a href="/${handle}" role="link" tabindex="-1"><span>@${handle}</span></a></div>
    <div lang="en" data-testid="tweetText"><span>${text}</span></div>
  </article></div>`;
// A tall gap puts Daniel's post below the fold, so a click on his row has to scroll the page.
const spacer = '<div style="height: 2400px" aria-hidden="true"></div>';
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mentions / X</title></head>
  <body><main><div data-testid="primaryColumn"><section><div aria-label="Timeline" id="timeline">
  ${tweet('tylertravelsworld', 'Tyler Vance', 'Give me a free suite and I will post about you to 20k people')}
  ${tweet('random_user', 'Random User', 'Anyone else stuck in the lobby?')}
  ${tweet('janesmith', 'Jane Smith', 'Lovely stay, thanks!')}
  ${spacer}
  ${tweet('dbrooks_travels', 'Daniel Brooks', 'Front desk told me to use the form. Third stay this month.')}
  </div></section></div></main></body></html>`;

// Inside worker.evaluate the extension's `chrome` global exists; tsc only needs its shape.
interface ChromeTabs {
  tabs: {
    query(filter: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
  };
}

describe("Who's here: the page's identities by priority", () => {
  let backend: Backend;
  let stopBackend = async () => {};
  let launched: LaunchedExtension;

  beforeAll(async () => {
    chromiumPath();
    buildExtension();
    await mkdir(SHOTS, { recursive: true });
    ({ backend, stop: stopBackend } = await startDemoBackend('known-triage-db-'));
    launched = await launchWithExtension();
    await configureExtension(launched, { url: backend.url, token: TOKEN }, /Connected/);
    await launched.context.route(URL_MENTIONS, (route) =>
      route.fulfill({ body: PAGE, contentType: 'text/html; charset=utf-8' }),
    );
  });

  afterAll(async () => {
    await launched?.close();
    await stopBackend();
  });

  async function sidebarFrame(page: Page): Promise<Frame> {
    const element = await page.locator('iframe[data-known-sidebar]').elementHandle({ timeout: 15_000 });
    const frame = await element?.contentFrame();
    if (!frame) throw new Error('the sidebar iframe has no frame');
    return frame;
  }

  /** What the Alt+Shift+K command does (background-actions.ts), sent the same way: webext-core's format. */
  async function pressShortcut(page: Page) {
    await page.bringToFront();
    const [worker] = launched.context.serviceWorkers();
    if (!worker) throw new Error('no service worker');
    await worker.evaluate(async () => {
      const chrome = (globalThis as unknown as { chrome: ChromeTabs }).chrome;
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) throw new Error('tab not found');
      await chrome.tabs.sendMessage(
        tab.id,
        { id: 1, type: 'toggleSidebar', data: undefined, timestamp: Date.now() },
        { frameId: 0 },
      );
    });
  }

  /** Serious and critical axe-core findings in the frame, described; the run must have checked something. */
  async function seriousViolations(frame: Frame): Promise<string[]> {
    await frame.evaluate(AXE_SOURCE);
    const result = (await frame.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is a global the injected script defines.
      const axe = (globalThis as any).axe;
      const run = await axe.run(document);
      return {
        passed: run.passes.length,
        serious: run.violations
          .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
          .map((v: { id: string; help: string }) => `${v.id}: ${v.help}`),
      };
    })) as { passed: number; serious: string[] };
    expect(result.passed).toBeGreaterThan(5);
    return result.serious;
  }

  const rowKeys = (frame: Frame) =>
    frame
      .getByTestId('triage-item')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-key')));

  it('ranks the quiet VIP above the influencer, unknown last; a row scrolls to its badge and opens the profile', async () => {
    const page = await launched.context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(URL_MENTIONS);
    const daniel = page.locator('[data-known-identity="handle:x:dbrooks_travels"]').first();
    await expect.poll(() => daniel.getAttribute('data-known-status'), { timeout: 15_000 }).toBe('matched');
    await expect
      .poll(() =>
        page.locator('[data-known-identity="handle:x:random_user"]').getAttribute('data-known-status'),
      )
      .toBe('unknown');

    const pressedAt = Date.now();
    await pressShortcut(page);
    const frame = await sidebarFrame(page);
    const items = frame.getByTestId('triage-item');
    await expect.poll(() => items.count(), { timeout: 15_000, interval: 20 }).toBe(4);
    console.log(`[measure] shortcut → ranked "Who's here" list of 4 on screen: ${Date.now() - pressedAt} ms`);

    const keys = await rowKeys(frame);
    expect(keys.indexOf('handle:x:dbrooks_travels')).toBeLessThan(keys.indexOf('handle:x:tylertravelsworld'));
    expect(keys[0]).toBe('handle:x:dbrooks_travels');
    expect(keys.at(-1)).toBe('handle:x:random_user');

    const danielRow = frame.locator('[data-testid="triage-item"][data-key="handle:x:dbrooks_travels"]');
    expect(await danielRow.getAttribute('data-class')).toBe('quiet_vip');
    expect(await danielRow.getByTestId('triage-class').textContent()).toBe('Quiet VIP');
    expect(await danielRow.getByTestId('triage-facts').textContent()).toMatch(
      /^Ambassador · \$+ · 75 followers$/,
    );
    // His complaint an hour ago has no answer; Tyler was answered within minutes, three days ago.
    expect(await danielRow.getByTestId('triage-waiting').textContent()).toMatch(
      /^Waiting (1 hour|\d+ minutes)/,
    );
    expect(await danielRow.getByTestId('triage-waiting').getAttribute('data-waiting')).toBe('true');
    const tylerRow = frame.locator('[data-testid="triage-item"][data-key="handle:x:tylertravelsworld"]');
    expect(await tylerRow.getAttribute('data-class')).toBe('influencer_not_customer');
    expect(await tylerRow.getByTestId('triage-facts').textContent()).toMatch(/20(\.4)?K followers/);
    expect(await tylerRow.getByTestId('triage-waiting').textContent()).toMatch(/^Answered 3 days ago/);
    const unknownRow = frame.locator('[data-testid="triage-item"][data-key="handle:x:random_user"]');
    expect(await unknownRow.textContent()).toMatch(/@random_user.*Not in Known/);
    await page
      .locator('iframe[data-known-sidebar]')
      .screenshot({ path: path.join(SHOTS, 'triage-who-is-here.png') });
    expect(await seriousViolations(frame)).toEqual([]);

    // Daniel's post is below the fold; his row (by keyboard: focus, Enter) scrolls to it and opens him.
    const inView = () =>
      daniel.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      });
    expect(await inView()).toBe(false);
    await danielRow.locator('button').focus();
    await danielRow.locator('button').press('Enter');
    await frame.getByTestId('profile-name').filter({ hasText: 'Daniel Brooks' }).waitFor({ timeout: 15_000 });
    await expect.poll(inView, { timeout: 5_000 }).toBe(true);
    expect(await frame.getByTestId('reach-class').getAttribute('data-class')).toBe('quiet_vip');

    // Back to the list from the profile; a click opens Tyler.
    await frame.getByTestId('who-is-here-button').click();
    await expect.poll(() => frame.getByTestId('triage-item').count(), { timeout: 15_000 }).toBe(4);
    await frame.locator('[data-testid="triage-item"][data-key="handle:x:tylertravelsworld"] button').click();
    await frame.getByTestId('profile-name').filter({ hasText: 'Tyler Vance' }).waitFor({ timeout: 15_000 });
    expect(await frame.getByTestId('reach-class').getAttribute('data-class')).toBe('influencer_not_customer');

    // Infinite scroll: a new post arrives; once it is badged, the list shows it without a click.
    await frame.getByTestId('who-is-here-button').click();
    await expect.poll(() => frame.getByTestId('triage-item').count(), { timeout: 15_000 }).toBe(4);
    await page.evaluate(
      (html) => {
        document.getElementById('timeline')?.insertAdjacentHTML('beforeend', html);
      },
      tweet('sofiaflies', 'Sofia Reyes', 'Waited for nearly two hours and bags never arrived.'),
    );
    const addedAt = Date.now();
    await expect
      .poll(() => frame.getByTestId('triage-item').count(), { timeout: 15_000, interval: 20 })
      .toBe(5);
    console.log(`[measure] new post badged → list refreshed with it: ${Date.now() - addedAt} ms`);
    const after = await rowKeys(frame);
    expect(after).toContain('handle:x:sofiaflies');
    expect(after.at(-1)).toBe('handle:x:random_user');
    expect(errors).toEqual([]);
    await page.close();
  });
});
