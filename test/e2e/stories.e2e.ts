// The five stories of DESIGN.md, end to end: the built extension in real Chromium on fixture pages at their
// real addresses, against the real seeded backend. Each story's sidebar is saved to test-results/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/start.ts';
import {
  buildExtension,
  chromiumPath,
  configureExtension,
  type LaunchedExtension,
  launchWithExtension,
  ROOT,
} from './extension-harness.ts';

const TOKEN = 'known-demo-token';
const SHOTS = path.join(ROOT, 'test-results');
const HOUR = 3_600_000;

// Fixture pages, shaped like the real sites' markup that the site adapters read (see test/fixtures/sites/).
const tweet = (handle: string, name: string, text: string) => `
  <div data-testid="cellInnerDiv"><article role="article" tabindex="0" data-testid="tweet">
    <div data-testid="User-Name"><a href="/${handle}" role="link"><span>${name}</span></a><a href="/${handle}" role="link" tabindex="-1"><span>@${handle}</span></a></div>
    <div lang="en" data-testid="tweetText"><span>${text}</span></div>
  </article></div>`;
const xPage = (
  title: string,
  tweets: string,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
  <body><main><div data-testid="primaryColumn"><section><div aria-label="Timeline">${tweets}</div></section></div></main></body></html>`;

const STORIES = {
  sofia: {
    url: 'https://x.com/sofiaflies/status/1860000000000000001',
    html: xPage(
      'Sofia Reyes on X',
      tweet('sofiaflies', 'Sofia Reyes', 'Passengers have waited over an hour for their bags.') +
        tweet('sofiaflies', 'Sofia Reyes', 'Waited for nearly two hours and bags never arrived.'),
    ),
    key: 'handle:x:sofiaflies',
  },
  john: {
    url: 'https://slicepizza.zendesk.com/agent/tickets/5512',
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket #5512 – Zendesk</title></head>
      <body><div data-test-id="ticket-main">
      <div data-test-id="ticket-system-field-requester-select"><span title="john.carter@example.net">John Carter</span></div>
      <div data-test-id="omni-log-comment-item"><div data-test-id="omni-log-item-sender" title="john.carter@example.net">John Carter</div>
      <div data-test-id="omni-log-message-content">Third time my order was late, cold and the wrong pizza. Contact: john.carter@example.net</div></div>
      </div></body></html>`,
    key: 'email:john.carter@example.net',
  },
  mary: {
    url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzMary',
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inbox - Gmail</title></head>
      <body><div role="main"><div class="adn ads"><div class="gE"><h3 class="iw"><span class="gD" email="mary.okafor@example.org" name="Mary Okafor">Mary Okafor</span></h3></div>
      <div class="a3s aiL"><div dir="ltr">Two months and nothing since you asked me to move to e-mail. Still charged twice.</div></div></div></div></body></html>`,
    key: 'email:mary.okafor@example.org',
  },
  mentions: {
    url: 'https://x.com/notifications/mentions',
    html: xPage(
      'Mentions / X',
      tweet(
        'dbrooks_travels',
        'Daniel Brooks',
        'Booked again for next week, third stay this month. Room was not ready at check-in.',
      ) +
        tweet(
          'tylertravelsworld',
          'Tyler Vance',
          'Give me a free suite and I will post about you to 20k people',
        ) +
        tweet('janesmith', 'Jane Smith', 'Lovely stay, thanks!'),
    ),
    key: 'handle:x:dbrooks_travels',
  },
  priya: {
    url: 'https://x.com/priyanflies/status/1860000000000000005',
    html: xPage(
      'Priya Nair on X',
      tweet(
        'priyanflies',
        'Priya Nair',
        'Fourth time explaining this: app, website, call centre and now here. My refund for the cancelled flight is still missing.',
      ),
    ),
    key: 'handle:x:priyanflies',
  },
} as const;

describe('the five stories, end to end', () => {
  let backend: Awaited<ReturnType<typeof startServer>>;
  let dataDir: string;
  let dbFile: string;
  let port: number;
  let launched: LaunchedExtension;

  const api = async (pathAndQuery: string) => {
    const response = await fetch(`${backend.url}${pathAndQuery}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    return response.json();
  };
  const openTasks = async (): Promise<
    {
      id: string;
      profileId: string;
      sourceUrl: string | null;
      createdAt: string;
      dueAt: string;
      channel: string | null;
    }[]
  > => (await api('/v1/tasks?assignee=me&status=open')).items;

  const serve = (dbPath: string, listenPort: number, seed: boolean) =>
    startServer({
      port: listenPort,
      database: { kind: 'sqlite', file: dbPath },
      migrate: true,
      seed,
      quiet: true,
    });

  beforeAll(async () => {
    chromiumPath();
    buildExtension();
    await mkdir(SHOTS, { recursive: true });
    dataDir = await mkdtemp(path.join(tmpdir(), 'known-stories-db-'));
    dbFile = path.join(dataDir, 'known.db');
    backend = await serve(dbFile, 0, true);
    port = Number(new URL(backend.url).port);
    launched = await launchWithExtension();
    await configureExtension(launched, { url: backend.url, token: TOKEN }, /Connected/);
    for (const story of Object.values(STORIES)) {
      await launched.context.route(story.url.replace(/[#?].*$/, ''), (route) =>
        route.fulfill({ body: story.html, contentType: 'text/html; charset=utf-8' }),
      );
    }
  });

  afterAll(async () => {
    await launched?.close();
    await backend?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Opens the story's page, waits for the badge, clicks it; returns the sidebar frame once the name shows. */
  async function openSidebar(story: { url: string; key: string }, key: string = story.key) {
    const page = await launched.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(story.url);
    const badge = page.locator(`[data-known-identity="${key}"]`).first();
    await expect.poll(() => badge.getAttribute('data-known-status'), { timeout: 15_000 }).toBe('matched');
    const clickedAt = Date.now();
    await badge.click();
    const frame = await sidebarFrame(page);
    await frame.getByTestId('profile-name').waitFor({ timeout: 15_000 });
    // "Fully rendered": the suggestions (or the note that there are none) are on screen too.
    await frame.locator('[data-testid="suggestion"], #suggest-title').first().waitFor({ timeout: 15_000 });
    return { page, frame, errors, renderMs: Date.now() - clickedAt };
  }

  async function sidebarFrame(page: Page): Promise<Frame> {
    const element = await page.locator('iframe[data-known-sidebar]').elementHandle({ timeout: 15_000 });
    const frame = await element?.contentFrame();
    if (!frame) throw new Error('the sidebar iframe has no frame');
    return frame;
  }

  const shoot = (page: Page, name: string) =>
    page.locator('iframe[data-known-sidebar]').screenshot({ path: path.join(SHOTS, `story-${name}.png`) });

  const texts = (frame: Frame, testId: string) => frame.getByTestId(testId).allTextContents();

  it('1. the lost bags: Gold, landed yesterday, confirms XX123, follow-up due within the Gold SLA', async () => {
    const { page, frame, errors, renderMs } = await openSidebar(STORIES.sofia);
    expect(await frame.getByTestId('profile-tier').textContent()).toContain('Gold');
    expect(await frame.getByTestId('preferred-channel').textContent()).toBe('E-mail');
    const recent = await texts(frame, 'recent-item');
    expect(recent.join(' ')).toMatch(/XX123.*landed.*yesterday/);
    const loops = await texts(frame, 'open-loop');
    expect(loops.length).toBeGreaterThan(0);
    expect(loops.join(' ')).toMatch(/\d+ (minutes?|hours?|days?|weeks?|months?) old/);

    const suggestions = frame.getByTestId('suggestion');
    await expect.poll(() => suggestions.count()).toBeGreaterThan(0);
    const best = suggestions.first();
    expect(await best.getAttribute('data-kind')).toBe('confirm');
    expect(await best.textContent()).toMatch(/XX123/);
    expect(await best.locator('.reasons li').count()).toBeGreaterThan(0);
    for (const text of await suggestions.allTextContents())
      expect(text).not.toMatch(/what (is|was) your flight/i);
    await shoot(page, '1-sofia');

    const before = (await openTasks()).length;
    const button = frame.getByTestId('follow-up-button');
    await button.dblclick();
    const status = frame.getByTestId('follow-up-status');
    await status.filter({ hasText: /Due in/ }).waitFor({ timeout: 10_000 });
    expect(await status.textContent()).toMatch(/^Due in [78] h \(Gold SLA\)$/);
    const tasks = (await openTasks()).filter((task) => task.sourceUrl === STORIES.sofia.url);
    // A double click is one task.
    expect(tasks).toHaveLength(1);
    expect((await openTasks()).length).toBe(before + 1);
    const [task] = tasks;
    expect(task?.channel).toBe('twitter');
    const slaHours = (Date.parse(task?.dueAt ?? '') - Date.parse(task?.createdAt ?? '')) / HOUR;
    expect(slaHours).toBeCloseTo(8, 1);
    expect(errors).toEqual([]);
    console.log(`[measure] badge click → rendered sidebar (Sofia, first open): ${renderMs} ms`);
    await page.close();
  });

  it('2. the survey nobody answered: John’s contact request is an overdue open loop, three weeks old', async () => {
    const { page, frame } = await openSidebar(STORIES.john);
    expect(await frame.getByTestId('profile-name').textContent()).toBe('John Carter');
    const loop = frame.getByTestId('open-loop').first();
    expect(await loop.getAttribute('data-overdue')).toBe('true');
    expect(await loop.textContent()).toMatch(/3 weeks old/);
    await shoot(page, '2-john');
    await page.close();
  });

  it('3. the channel hop: Mary’s case reads web → X → e-mail as one case, the broken promise two months old', async () => {
    const { page, frame } = await openSidebar(STORIES.mary);
    const hop = frame.locator('[data-testid="timeline-case"]', {
      has: frame.locator('[data-testid="case-channels"]', { hasText: 'Web → X → E-mail' }),
    });
    expect(await hop.count()).toBe(1);
    expect(await hop.getByTestId('timeline-item').count()).toBeGreaterThanOrEqual(3);
    const loops = await texts(frame, 'open-loop');
    expect(loops.join(' ')).toMatch(/Overdue.*2 months old/);
    await shoot(page, '3-mary');
    await page.close();
  });

  it('4. the quiet VIP: Daniel (75 followers) is a Quiet VIP, Tyler an influencer, @janesmith a reconciled card holder', async () => {
    const { page, frame } = await openSidebar(STORIES.mentions);
    expect(await frame.getByTestId('reach-class').getAttribute('data-class')).toBe('quiet_vip');
    expect(await frame.getByTestId('profile-value').textContent()).toMatch(/182[,.\u00a0\u202f]?400/);
    await shoot(page, '4-daniel');
    await page.locator('[data-known-identity="handle:x:tylertravelsworld"]').first().click();
    const tyler = await sidebarFrame(page);
    await tyler.getByTestId('profile-name').filter({ hasText: 'Tyler' }).waitFor({ timeout: 15_000 });
    expect(await tyler.getByTestId('reach-class').getAttribute('data-class')).toBe('influencer_not_customer');
    await page.locator('[data-known-identity="handle:x:janesmith"]').first().click();
    const jane = await sidebarFrame(page);
    await jane.getByTestId('profile-name').filter({ hasText: 'Jane Smith' }).waitFor({ timeout: 15_000 });
    expect(await jane.getByTestId('profile-tier').textContent()).toMatch(/Gold/);
    await page.close();
  });

  it('5. know me, don’t ask me twice: Priya’s four-channel case is one story, offers shown, nothing asked again', async () => {
    const { page, frame } = await openSidebar(STORIES.priya);
    expect(await frame.getByTestId('profile-tier').textContent()).toMatch(/Platinum/);
    const channels = await texts(frame, 'case-channels');
    expect(channels).toContain('App → Web → Phone → X');
    await expect.poll(() => frame.getByTestId('offer').count()).toBeGreaterThan(0);
    for (const text of await texts(frame, 'suggestion')) {
      expect(text).not.toMatch(
        /(what is|confirm) your (name|card|loyalty|booking|flight) number|your name\?/i,
      );
    }
    await shoot(page, '5-priya');
    // Opening the same customer again: the lookup is cached in the background.
    await page.locator('[data-known-identity="handle:x:priyanflies"]').first().click();
    const clickedAt = Date.now();
    const again = await sidebarFrame(page);
    await again.locator('[data-testid="suggestion"], #suggest-title').first().waitFor({ timeout: 15_000 });
    console.log(
      `[measure] badge click → rendered sidebar (Priya, cached lookup): ${Date.now() - clickedAt} ms`,
    );
    await page.close();
  });

  it('offline: a follow-up made while the backend is down is queued and lands exactly once when it is back', async () => {
    const { page, frame } = await openSidebar(STORIES.john);
    const mine = async () => (await openTasks()).filter((task) => task.sourceUrl === STORIES.john.url);
    expect(await mine()).toHaveLength(0);

    await backend.close();
    await frame.getByTestId('follow-up-button').click();
    const status = frame.getByTestId('follow-up-status');
    await status.filter({ hasText: 'Queued' }).waitFor({ timeout: 10_000 });
    expect(await status.textContent()).toBe("Queued — will send when Known's backend is reachable");
    await shoot(page, 'offline-queued');

    // The same database file and port: the backend came back.
    backend = await serve(dbFile, port, false);
    // Any successful request flushes the outbox (the minute alarm would too, later): the popup asks for tasks.
    const popup = await launched.context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    await expect.poll(async () => (await mine()).length, { timeout: 30_000, interval: 500 }).toBe(1);
    // And stays one: later flushes (another request, the alarm) send nothing twice.
    await popup.reload();
    await popup.getByTestId('popup-task').first().waitFor({ timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await mine()).toHaveLength(1);
    await popup.close();
    await page.close();
  });

  it('the popup lists my open follow-ups, overdue first, and the customers on the page', async () => {
    const page = await launched.context.newPage();
    await page.goto(STORIES.mentions.url);
    await page
      .locator('[data-known-identity="handle:x:dbrooks_travels"][data-known-status="matched"]')
      .first()
      .waitFor();
    const popup = await launched.context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    await popup.getByTestId('popup-task').first().waitFor({ timeout: 10_000 });
    const overdue = await popup
      .getByTestId('popup-task')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-overdue')));
    // Overdue ones (if any) come first.
    expect(overdue.join(',')).toMatch(/^(true,)*(false,?)*$/);
    await popup.screenshot({ path: path.join(SHOTS, 'popup.png') });
    await popup.close();
    await page.close();
  });
});
