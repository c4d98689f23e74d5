// `npm start`: the whole product on its embedded default. Migrates and seeds the SQLite file, serves the
// backend and the demo pages, builds the extension, and opens Chromium with it when there is a display.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startServer } from '../server/start.ts';
import { configureExtension, findChromium, launchWithExtension } from './chromium.ts';

const EXTENSION_DIR = resolve('.output/chrome-mv3');
const token = process.env.KNOWN_SEED_TOKEN ?? 'known-demo-token';
const port = Number(process.env.KNOWN_PORT ?? 8787);

if (process.env.KNOWN_START_SKIP_BUILD !== '1') {
  console.log('Building the extension (Chrome MV3)…');
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    console.error('The extension build failed; run `npm run build` to see why.');
    process.exit(1);
  }
}

const server = await startServer({ port, migrate: true, seed: true, demoDir: resolve('demo') });
const demo = `${server.url}/demo/social.html`;
const database = process.env.DATABASE_URL
  ? 'PostgreSQL (DATABASE_URL)'
  : `SQLite ${process.env.KNOWN_DB ?? 'data/known.db'}`;

console.log(`
Known is running.
  Backend   ${server.url}   (${database}; API reference at ${server.url}/docs)
  Demo      ${demo}
            ${server.url}/demo/ticket.html
  Token     ${token}   (demo agent; create real ones with: npm run server -- token create --name You --role agent)
  Extension ${EXTENSION_DIR}
`);

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const browserPath = findChromium();
let closeBrowser: (() => Promise<void>) | undefined;

if (hasDisplay && browserPath && process.env.KNOWN_START_NO_BROWSER !== '1') {
  console.log(`Opening ${browserPath} with the extension loaded and connected to the demo backend…`);
  const launched = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: false });
  console.log(`Options page: ${await configureExtension(launched, { url: server.url, token })}`);
  const page = await launched.context.newPage();
  await page.goto(demo);
  closeBrowser = () => launched.context.close();
  launched.context.on('close', () =>
    console.log('Browser closed; the backend keeps running (Ctrl-C to stop).'),
  );
} else {
  console.log(`${hasDisplay ? (browserPath ? '' : 'No Chromium found (set CHROME_PATH). ') : 'No display, so no browser is opened. '}To try it by hand:
  1. Open chrome://extensions in Chrome or Chromium, turn on "Developer mode",
     click "Load unpacked" and choose ${EXTENSION_DIR}
  2. In the extension's options (right-click its icon → Options) set
     Backend URL ${server.url} and Token ${token}, then Save: it should say "Connected".
  3. Open ${demo} and click a badge.
`);
}
console.log('Press Ctrl-C to stop.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await closeBrowser?.().catch(() => {});
    await server.close();
    process.exit(0);
  });
}
