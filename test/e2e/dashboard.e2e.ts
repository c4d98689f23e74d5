// The team lead's dashboard end to end (issue 6): the built extension in real Chromium, its dashboard page at
// its real address, against the real backend seeded with the demo and the attention month
// (server/seed/attention-month.ts, whose top comment gives the figures asserted here). Tokens are made the way
// an admin makes them, with the CLI. The screenshot is saved to test-results/dashboard.png.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
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

const SHOTS = path.join(ROOT, 'test-results');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Backend = Awaited<ReturnType<typeof startServer>>;

/** `token create` as an admin runs it; the plaintext is the last line printed. */
function createToken(dbFile: string, name: string, role: 'agent' | 'lead'): string {
  // The SQLite file the test server uses, never a PostgreSQL the shell may point at.
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const env = { ...rest, KNOWN_DB: dbFile };
  const out = execFileSync(
    'npx',
    ['tsx', 'server/cli.ts', 'token', 'create', '--name', name, '--role', role],
    {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    },
  );
  const token = out.trim().split('\n').at(-1)?.trim();
  if (!token) throw new Error(`token create printed nothing: ${out}`);
  return token;
}

const api = async (backend: Backend, token: string, pathAndQuery: string) => {
  const response = await fetch(`${backend.url}${pathAndQuery}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return response.json();
};

const cell = (page: Page, key: string, column: string) =>
  page.locator(
    `[data-testid="attention-row"][data-dimension="class"][data-key="${key}"] [data-col="${column}"]`,
  );

/** Pixels of the plot's canvas painted in each response colour (axes and grid are grey). */
const colouredPixels = (page: Page) =>
  page.locator('[data-testid="scatter"] canvas').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(
      0,
      0,
      canvas.width,
      canvas.height,
    );
    const colours = { fast: [0x00, 0x72, 0xb2], slow: [0xe6, 0x9f, 0x00], unanswered: [0xd5, 0x5e, 0x00] };
    const hits = { fast: 0, slow: 0, unanswered: 0 };
    for (let i = 0; i < data.length; i += 4) {
      if ((data[i + 3] as number) < 200) continue;
      for (const [speed, [r, g, b]] of Object.entries(colours) as [keyof typeof hits, number[]][]) {
        const distance =
          Math.abs((data[i] as number) - (r as number)) +
          Math.abs((data[i + 1] as number) - (g as number)) +
          Math.abs((data[i + 2] as number) - (b as number));
        if (distance < 30) hits[speed]++;
      }
    }
    return hits;
  });

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is a global the injected script defines.
    const axe = (globalThis as any).axe;
    const r = await axe.run(document);
    return { violations: r.violations, passed: r.passes.length };
  })) as {
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
    passed: number;
  };
  expect(result.passed).toBeGreaterThan(5);
  for (const v of result.violations) console.log(`[axe] ${v.impact} ${v.id}: ${v.help}`);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('team lead dashboard, end to end', () => {
  let backend: Backend;
  let dataDir: string;
  let dbFile: string;
  let launched: LaunchedExtension;
  let leadToken: string;
  let dashboardUrl: string;

  beforeAll(async () => {
    chromiumPath();
    buildExtension();
    dataDir = await mkdtemp(path.join(tmpdir(), 'known-dashboard-db-'));
    dbFile = path.join(dataDir, 'known.db');
    backend = await startServer({
      port: 0,
      database: { kind: 'sqlite', file: dbFile },
      migrate: true,
      seed: true,
      quiet: true,
    });
    leadToken = createToken(dbFile, 'Lena Lead', 'lead');
    launched = await launchWithExtension();
    dashboardUrl = `chrome-extension://${launched.extensionId}/dashboard.html`;
    expect(await configureExtension(launched, { url: backend.url, token: leadToken }, /Connected/)).toMatch(
      /Lena Lead \(lead\)/,
    );
  });

  afterAll(async () => {
    await launched?.close();
    await backend?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('is linked from the popup for a lead', async () => {
    const page = await launched.context.newPage();
    await page.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    await page.getByTestId('dashboard-link').waitFor({ timeout: 10_000 });
    const opened = launched.context.waitForEvent('page');
    await page.getByTestId('dashboard-link').click();
    const dashboard = await opened;
    await dashboard.waitForURL(/dashboard\.html/);
    await dashboard.close();
    await page.close();
  });

  it('shows the skew: influencers answered in minutes, quiet VIPs after hours; the plot drew every point', async () => {
    const page = await launched.context.newPage();
    await page.goto(`${dashboardUrl}#period=30d`);
    await page.getByTestId('attention-row').first().waitFor({ timeout: 20_000 });

    // The demo seed's month, last 30 days (figures from server/seed/attention-month.ts).
    expect(await cell(page, 'quiet_vip', 'engagements').textContent()).toBe('87');
    expect(await cell(page, 'quiet_vip', 'medianFirstResponse').textContent()).toBe('12 h');
    expect(await cell(page, 'quiet_vip', 'answeredShare').textContent()).toBe('83%'); // 72 of 87
    expect(await cell(page, 'quiet_vip', 'followUpsOverdue').textContent()).toBe('10');
    expect(await cell(page, 'quiet_vip', 'slaCompliance').textContent()).toBe('0%');
    expect(await cell(page, 'quiet_vip', 'unansweredContactRequests').textContent()).toBe('10 of 10');
    expect(await cell(page, 'influencer_not_customer', 'engagements').textContent()).toBe('61');
    expect(await cell(page, 'influencer_not_customer', 'medianFirstResponse').textContent()).toBe('10 min');
    expect(await cell(page, 'influencer_not_customer', 'answeredShare').textContent()).toBe('100%');
    expect(await cell(page, 'influencer_not_customer', 'slaCompliance').textContent()).toBe('100%');
    expect(await cell(page, 'loud_vip', 'medianFirstResponse').textContent()).toBe('15 min');
    expect(await page.getByTestId('attention-totals').textContent()).toMatch(
      /290 engagements from 205 customers, 253/,
    );
    // One row per class and one per tier the report has.
    const report = await api(backend, leadToken, `/v1/analytics/attention`);
    expect(await page.getByTestId('attention-row').count()).toBe(
      report.byClass.length + report.byTier.length,
    );

    // The plot: as many points as the backend returned, and coloured pixels on the canvas.
    const scatter = page.getByTestId('scatter');
    await expect.poll(() => scatter.getAttribute('data-points'), { timeout: 10_000 }).not.toBeNull();
    const plotted = Number(await scatter.getAttribute('data-points'));
    const fromApi = await api(backend, leadToken, `/v1/analytics/scatter`);
    expect(plotted).toBe(fromApi.points.length);
    expect(plotted).toBeGreaterThan(200);
    // Customers of a cluster share their values, so many points overlap: each colour must be painted, at least
    // one 8 px point's worth (about 50 device pixels).
    await expect
      .poll(async () => Math.min(...Object.values(await colouredPixels(page))), { timeout: 10_000 })
      .toBeGreaterThan(40);
    // The table alternative lists the same points.
    await page.getByRole('button', { name: 'Show as table' }).click();
    expect(await page.getByTestId('scatter-row').count()).toBe(plotted);
    await page.getByRole('button', { name: 'Hide the table' }).click();

    // First render, navigation → table and plot on screen (a User Timing mark), for the README.
    const ms = await page.locator('main.dashboard').getAttribute('data-first-render-ms');
    console.log(`[dashboard] first render ${ms} ms after navigation (${plotted} points)`);
    expect(Number(ms)).toBeGreaterThan(0);

    // Keyboard: the first Tab lands on the first filter.
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter-period');

    expect(await seriousViolations(page)).toEqual([]);
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'dashboard.png'), fullPage: true });
    await page
      .locator('section[aria-labelledby="scatter-title"]')
      .screenshot({ path: path.join(SHOTS, 'dashboard-plot.png') });
    await page.close();
  });

  it('keeps the filters in the URL hash and refetches with them', async () => {
    const page = await launched.context.newPage();
    await page.goto(`${dashboardUrl}#period=30d&team=Social`);
    await page.getByTestId('attention-row').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('filter-team').inputValue()).toBe('Social');
    // With team=Social only the loud VIPs and the influencers were answered by the team (seed comment).
    await expect
      .poll(() => cell(page, 'influencer_not_customer', 'medianFirstResponse').textContent())
      .toBe('10 min');
    const quiet = cell(page, 'quiet_vip', 'engagements');
    expect((await quiet.count()) === 0 || (await quiet.textContent()) === '0').toBe(true);
    await page.getByTestId('filter-period').selectOption('7d');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#period=7d&team=Social');
    await page.close();
  });

  it('lists overdue work by agent, reassigns a follow-up, and exports CSV', async () => {
    const page = await launched.context.newPage();
    await page.goto(`${dashboardUrl}#period=30d`);
    await page.getByTestId('overdue-item').first().waitFor({ timeout: 20_000 });
    const byAgent = async (name: string, kind: 'task' | 'contact_request') =>
      page.locator(`[data-testid="overdue-item"][data-agent="${name}"][data-kind="${kind}"]`).count();
    // Seed: Chloe 5 overdue follow-ups + 5 forgotten contact requests; Dev 10 + 5; the Social team none.
    expect(await byAgent('Chloe Martin', 'task')).toBe(5);
    expect(await byAgent('Chloe Martin', 'contact_request')).toBe(5);
    expect(await byAgent('Dev Patel', 'task')).toBe(10);
    expect(await byAgent('Dev Patel', 'contact_request')).toBe(5);
    expect(await page.locator('[data-testid="overdue-item"][data-agent="Ana Lima"]').count()).toBe(0);
    expect(await page.locator('[data-testid="overdue-item"][data-agent="Ben Okoro"]').count()).toBe(0);

    // Reassign one of Chloe's follow-ups to Ana Lima: the row moves to Ana, and the backend agrees.
    const item = page
      .locator('[data-testid="overdue-item"][data-agent="Chloe Martin"][data-kind="task"]')
      .first();
    const taskId = (await item.getAttribute('data-id')) as string;
    await item.getByTestId('reassign-agent').selectOption({ label: 'Ana Lima (Social)' });
    await item.getByTestId('reassign').click();
    const moved = page.locator(`[data-testid="overdue-item"][data-id="${taskId}"]`);
    await expect.poll(() => moved.getAttribute('data-agent'), { timeout: 10_000 }).toBe('Ana Lima');
    expect(await moved.getByTestId('reassign-status').textContent()).toMatch(/Ana Lima/);
    expect(await byAgent('Chloe Martin', 'task')).toBe(4);
    const overdue = await api(backend, leadToken, '/v1/analytics/overdue');
    expect(overdue.items.find((i: { id: string }) => i.id === taskId)?.assignee?.name).toBe('Ana Lima');

    // CSV exports are downloaded as files with the backend's header row.
    for (const [button, header] of [
      ['export-attention', /^from,to,team,channel,dimension,key,label,profiles,engagements,/],
      [
        'export-overdue',
        /^kind,id,profileId,profileName,tier,summary,since,dueAt,assignee,assigneeTeam,channel$/,
      ],
    ] as const) {
      const download = page.waitForEvent('download');
      await page.getByTestId(button).click();
      const file = await (await download).path();
      const firstLine = (await readFile(file, 'utf8')).split(/\r?\n/)[0];
      expect(firstLine).toMatch(header);
    }
    await page.close();
  });

  it('previews SLA and triage changes before saving them', async () => {
    const page = await launched.context.newPage();
    await page.goto(`${dashboardUrl}#period=30d`);
    const top = page.getByTestId('sla-rank-1');
    await top.waitFor({ timeout: 20_000 });
    // A bad value is refused in the form, naming the field; Save waits for a preview.
    await top.fill('0');
    await page.getByTestId('sla-preview').click();
    expect(await page.locator('#sla-rank-1-error').textContent()).toBe('Must be more than 0 hours.');
    expect(await page.getByTestId('sla-save').isDisabled()).toBe(true);
    await top.fill('1');
    await page.getByTestId('sla-preview').click();
    const changed = page.locator('[data-testid="sla-preview-tier"].changed');
    await changed.first().waitFor({ timeout: 10_000 });
    expect(await changed.first().textContent()).toMatch(/2 h.*1 h/);
    await page.getByTestId('sla-save').click();
    await page.getByTestId('sla-status').filter({ hasText: 'Saved' }).waitFor({ timeout: 10_000 });
    const sla = await api(backend, leadToken, '/v1/settings/sla');
    expect(sla.hoursByTierRank['1']).toBe(1);

    // Triage: a bigger-reach percentile moves the cut-off; the preview shows thresholds and class sizes.
    const bigReach = page.getByTestId('triage-bigReach');
    await bigReach.waitFor({ timeout: 10_000 });
    await bigReach.fill('150');
    await page.getByTestId('triage-preview').click();
    expect(await page.locator('#triage-bigReach-error').textContent()).toMatch(/between 0 and 100/);
    await bigReach.fill('50');
    await page.getByTestId('triage-preview').click();
    await page.getByTestId('triage-preview-result').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('triage-class-count').count()).toBe(4);

    // Playbook: an offer removed in the JSON shows as removed in the preview, and is gone once saved.
    const json = page.getByTestId('playbook-json');
    await json.waitFor({ timeout: 10_000 });
    const edited = JSON.parse(await json.inputValue());
    const [dropped] = edited.offers.splice(0, 1);
    await json.fill(JSON.stringify(edited, null, 2));
    await page.getByTestId('playbook-preview').click();
    await page.getByTestId('playbook-preview-result').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('playbook-offers-removed').textContent()).toBe(dropped.id);
    await page.getByTestId('playbook-save').click();
    await page.getByTestId('playbook-status').filter({ hasText: 'Saved' }).waitFor({ timeout: 10_000 });
    const stored = await api(backend, leadToken, '/v1/playbook');
    expect(stored.source).toBe('tenant');
    expect(stored.playbook.offers.map((o: { id: string }) => o.id)).not.toContain(dropped.id);
    expect(stored.playbook.offers).toHaveLength(edited.offers.length);
    await page.close();
  });

  it('tells an agent the dashboard needs the lead role, and offers no link', async () => {
    const agentToken = createToken(dbFile, 'Andy Agent', 'agent');
    await configureExtension(launched, { url: backend.url, token: agentToken }, /Andy Agent \(agent\)/);
    const page = await launched.context.newPage();
    await page.goto(dashboardUrl);
    await page.getByTestId('dashboard-forbidden').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('dashboard-forbidden').textContent()).toMatch(/needs the lead role/);
    expect(await page.getByTestId('attention-row').count()).toBe(0);
    expect(await page.getByTestId('overdue-item').count()).toBe(0);
    await page.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The role check has answered (the tasks list is filled) before asserting the link's absence.
    await page.locator('[aria-busy="false"]').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('dashboard-link').count()).toBe(0);
    await page.close();
  });
});
