// Finding and launching a Chromium-family browser with the built extension loaded. Used by `npm start` and
// the end-to-end tests. Playwright's own browser download does not work offline, so we use the system's.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export const CHROMIUM_MISSING = [
  'No Chromium-family browser found.',
  'Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or point CHROME_PATH at its executable,',
  'e.g. CHROME_PATH=/opt/google/chrome/chrome npm test.',
].join('\n');

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export type LaunchedExtension = { context: BrowserContext; extensionId: string; close(): Promise<void> };

export async function launchWithExtension(opts: {
  extensionDir: string;
  headless: boolean;
  /** A profile directory to keep (a browser restart); '' (the default) is a fresh one deleted on close. */
  userDataDir?: string;
}): Promise<LaunchedExtension> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  const ext = resolve(opts.extensionDir);
  const context = await chromium.launchPersistentContext(opts.userDataDir ?? '', {
    executablePath,
    headless: opts.headless,
    viewport: opts.headless ? { width: 1280, height: 900 } : null,
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
      // The machines this runs on may have no network: without these Chromium floods the log with refused connections.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
    ],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  // An empty user-data-dir makes Playwright use a fresh temporary profile and delete it on close.
  return { context, extensionId: new URL(worker.url()).host, close: () => context.close() };
}

/**
 * Points the extension at a backend the way a user would: through its options page. Waits until the
 * connection status matches `expectStatus` and returns its text.
 */
export async function configureExtension(
  launched: LaunchedExtension,
  backend: { url: string; token: string },
  expectStatus: RegExp = /Connected/,
): Promise<string> {
  const page = await launched.context.newPage();
  await page.goto(`chrome-extension://${launched.extensionId}/options.html`);
  await page.getByTestId('backend-url').fill(backend.url);
  await page.getByTestId('token').fill(backend.token);
  await page.getByTestId('save').click();
  const status = page.getByTestId('connection-status');
  await status.filter({ hasText: expectStatus }).waitFor({ timeout: 10_000 });
  const text = (await status.textContent()) ?? '';
  await page.close();
  return text;
}
