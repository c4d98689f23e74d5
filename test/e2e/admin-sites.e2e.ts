import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteList } from '../../lib/contract/sites.ts';
import { launchWithExtension as launchWith } from '../../scripts/chromium.ts';
import { type Backend, startDemoBackend } from './demo-backend.ts';
import { buildGrantedExtension, chromiumPath, configureExtension, ROOT } from './extension-harness.ts';

// An admin describes a helpdesk Known has no adapter for, as data (PUT /v1/sites on the real backend); an
// agent enables it from the options page's "Offered by your admin" list; the ticket page, at its real
// address, is badged by that definition's selectors. Two of the people on the page can only be found through
// the definition: a requester whose address is only in a `title` tooltip, and a handle written as a bare
// word in the field the admin declared as `handle`. The generic adapter reads neither (it reads text and
// mailto: links), so their badges prove the definition was fetched, matched to the URL and applied.
const ORIGIN = 'https://desk.acme-admin.test';
const TICKET_URL = `${ORIGIN}/tickets/77`;
const TICKET_HTML = `<!doctype html><html><head><title>Ticket 77</title></head><body>
<header class="ticket-head"><span class="requester" title="Sofia Reyes &lt;sofia.reyes@example.com&gt;">Sofia Reyes</span></header>
<div class="msg">
  <span class="from">Sofia Reyes</span> <span class="x-handle">sofiaflies</span>
  <p class="body">Bags never arrived. My colleague @random_user1 saw it too.</p>
</div>
<div class="msg"><span class="from">Agent Smith</span><p class="body">We are on it.</p></div>
</body></html>`;

const DEFINITIONS: SiteList = {
  sites: [
    {
      id: 'acme-admin-desk',
      name: 'Acme Admin Desk',
      urlPatterns: [`${ORIGIN}/tickets/*`],
      selectors: {
        message: '.msg',
        author: '.msg .from',
        requester: '.ticket-head .requester',
        handle: '.msg .x-handle',
      },
    },
  ],
};

// As in sites-permissions.e2e.ts: headless Chromium never answers the permission prompt, so this suite's
// build grants the test origin in the manifest (KNOWN_TEST_GRANTED_ORIGINS); the rest is the real path.
const GRANTED_DIR = path.join(ROOT, `${process.env.KNOWN_OUT_DIR ?? '.output'}-granted-admin`);

const badgeStatus = (page: Page, key: string) =>
  page
    .locator(`[data-known-identity="${key}"]`)
    .first()
    .getAttribute('data-known-status', { timeout: 10_000 });

describe('site definitions an admin ships through the backend', () => {
  let backend: Backend;
  let stopBackend = async () => {};

  beforeAll(async () => {
    chromiumPath();
    buildGrantedExtension(GRANTED_DIR, ORIGIN);
    ({ backend, stop: stopBackend } = await startDemoBackend('known-e2e-admin-sites-'));
    await mkdir(path.join(ROOT, 'test-results'), { recursive: true });
  });

  afterAll(async () => {
    await stopBackend();
  });

  it('badges a page by the selectors of a definition published with PUT /v1/sites', async () => {
    // The seeded demo agent is an admin.
    const put = await fetch(`${backend.url}/v1/sites`, {
      method: 'PUT',
      headers: { authorization: 'Bearer known-demo-token', 'content-type': 'application/json' },
      body: JSON.stringify(DEFINITIONS),
    });
    expect(put.status).toBe(200);

    const launched = await launchWith({ extensionDir: path.join(GRANTED_DIR, 'chrome-mv3'), headless: true });
    try {
      await launched.context.route(`${ORIGIN}/**`, (route) =>
        route.fulfill({ body: TICKET_HTML, contentType: 'text/html; charset=utf-8' }),
      );
      await configureExtension(launched, { url: backend.url, token: 'known-demo-token' });

      const options = await launched.context.newPage();
      await options.goto(`chrome-extension://${launched.extensionId}/options.html`);
      const offered = options.getByTestId('offered-site').filter({ hasText: 'Acme Admin Desk' });
      await offered.getByRole('button', { name: 'Enable' }).click();
      await options
        .getByTestId('sites-status')
        .filter({ hasText: 'Known now runs on Acme Admin Desk' })
        .waitFor({ timeout: 10_000 });

      const page = await launched.context.newPage();
      await page.goto(TICKET_URL);
      // Only the definition's `requester` selector reads the address in the tooltip.
      await expect
        .poll(() => badgeStatus(page, 'email:sofia.reyes@example.com'), { timeout: 15_000 })
        .toBe('matched');
      // Only the definition's `handle` selector reads a bare word as a handle.
      await expect.poll(() => badgeStatus(page, 'handle:x:sofiaflies'), { timeout: 10_000 }).toBe('matched');
      // The messages' text is still scanned.
      await expect
        .poll(() => badgeStatus(page, 'handle:x:random_user1'), { timeout: 10_000 })
        .toBe('unknown');
      // The badges sit where the selectors point: after the requester and after the handle field.
      expect(
        await page.evaluate(() =>
          [...document.querySelectorAll('[data-known-identity]')].map(
            (badge) =>
              `${badge.previousElementSibling?.className ?? ''} ${badge.getAttribute('data-known-identity')}`,
          ),
        ),
      ).toEqual(
        expect.arrayContaining(['requester email:sofia.reyes@example.com', 'x-handle handle:x:sofiaflies']),
      );
      // "Agent Smith" is no one's identifier: nothing badged in the second message.
      expect(await page.locator('.msg').nth(1).locator('[data-known-identity]').count()).toBe(0);
      await page.screenshot({ path: path.join(ROOT, 'test-results', 'admin-site-definition.png') });
    } finally {
      await launched.close();
    }
  });
});
