import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_MISSING, findChromium, launchWithExtension as launchWith } from '../../scripts/chromium.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = path.join(ROOT, process.env.KNOWN_OUT_DIR ?? '.output', 'chrome-mv3');

/** Builds the Chrome extension once, unless KNOWN_E2E_SKIP_BUILD=1 says a fresh build is already there. */
export function buildExtension(): void {
  if (process.env.KNOWN_E2E_SKIP_BUILD === '1') {
    if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
      throw new Error(`KNOWN_E2E_SKIP_BUILD=1 but ${EXTENSION_DIR} has no build: run npx wxt build first`);
    }
    return;
  }
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'pipe' });
}

/**
 * A second build, into `outDir`, whose manifest already grants `origin` (KNOWN_TEST_GRANTED_ORIGINS): headless
 * Chromium never answers a permission prompt, so suites that enable a site at runtime use it; everything after
 * the prompt (registering the content script, badging) is the real path.
 */
export function buildGrantedExtension(outDir: string, origin: string): void {
  execFileSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    stdio: 'pipe',
    env: {
      ...process.env,
      KNOWN_OUT_DIR: path.relative(ROOT, outDir),
      KNOWN_TEST_GRANTED_ORIGINS: `${origin}/*`,
    },
  });
}

export {
  CHROMIUM_MISSING,
  configureExtension,
  findChromium,
  type LaunchedExtension,
} from '../../scripts/chromium.ts';

/** Real Chromium with the built extension loaded, headless (see scripts/chromium.ts). */
export const launchWithExtension = () => launchWith({ extensionDir: EXTENSION_DIR, headless: true });

/** The Chromium binary, or an error telling how to get one. The e2e suite fails, never skips, without it. */
export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error(CHROMIUM_MISSING);
  return found;
}
