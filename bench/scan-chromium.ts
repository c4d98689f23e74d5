import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_MISSING, findChromium } from '../scripts/chromium.ts';
import type { ScanBenchResult } from './scan-page-entry.ts';

// The scanner in real Chromium, against the real saved x.com home timeline (`npm run bench:scan`):
//  (a) a bare TreeWalker over the page's text nodes, (b) a full scan by our annotator with the x adapter
//  (lookups answered at once with nothing: this isolates the scan, it does not stand in for the backend),
//  (c) the incremental scan of 50 appended posts against that full scan, (d) the longest task while the
//  annotator scans a 50k-node page with its real slicing.
// The page's own scripts never run: they are stripped before it is served. (A `javaScriptEnabled: false`
// context was tried first: there timers and MutationObserver callbacks never fire either, so (c) and (d)
// cannot be measured.) Our code is the content script's modules bundled by esbuild and evaluated in the page.
const ROOT = path.resolve(import.meta.dirname, '..');
const CORPUS = path.resolve(ROOT, '../shared/corpora/pages/x.com/home-timeline.html');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const PAGE_URL = 'https://x.com/home';

if (!existsSync(CORPUS)) {
  console.error(`bench:scan needs the saved x.com page at ${CORPUS}, which is missing.`);
  process.exit(1);
}
const executablePath = findChromium();
if (!executablePath) {
  console.error(CHROMIUM_MISSING);
  process.exit(1);
}

const html = readFileSync(CORPUS, 'utf8').replace(/<script\b[\s\S]*?<\/script>/gi, '');
const bundle = await build({
  entryPoints: [path.join(ROOT, 'bench/scan-page-entry.ts')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  write: false,
  minify: true,
});
const bundleSource = bundle.outputFiles[0]?.text ?? '';

async function open(): Promise<{ page: Page; close: () => Promise<void> }> {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Offline and self-contained: the page at its real address, every other request refused.
  await context.route('**/*', (route) =>
    route.request().url() === PAGE_URL
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
      : route.abort(),
  );
  const page = await context.newPage();
  await page.goto(PAGE_URL, { waitUntil: 'domcontentloaded' });
  await page.evaluate(bundleSource);
  return { page, close: () => browser.close() };
}

const { page, close } = await open();
try {
  // A string, not a function: tsx would wrap a function with helpers the page does not have.
  const r = (await page.evaluate(
    `knownBench.run(${JSON.stringify({ runs: RUNS, targetNodes: 50_000 })})`,
  )) as ScanBenchResult;
  const f = (ms: number) => `${ms.toFixed(3)} ms`;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(`bench:scan — ${path.relative(ROOT, CORPUS)} in Chromium, median of ${RUNS} runs`);
  console.log(`  bundle evaluated in the page: ${(bundleSource.length / 1024).toFixed(1)} kB (minified)`);
  console.log(
    `  (a) bare TreeWalker     ${f(r.bare)}   (${r.visited.bare} text nodes among ${r.visited.elements} elements)\n` +
      `  (a') elements + text    ${f(r.bareAll)}   (the nodes a scanner must visit for shadow roots and skips)\n` +
      `  (b0) adapter walk only   ${f(r.findOnly)}   (${r.visited.candidates} candidates, no badges)` +
      `   → ${(r.findOnly / r.bare).toFixed(2)}× the bare walk (target ≤ 2×), ${(r.findOnly / r.bareAll).toFixed(2)}× (a')\n` +
      `  (b) full scan (x)       ${f(r.full)}   (${r.visited.scanner} text nodes read, ${r.visited.badges} badges)` +
      `   → ${(r.full / r.bare).toFixed(2)}× the bare walk (badges made and inserted)\n` +
      `  (c) 50 appended posts   ${f(r.added)}   (${r.visited.addedTextNodes} text nodes, ${r.visited.addedBadges} badges)` +
      `   → ${pct(r.added / r.full)} of a full scan of this 16-post page\n` +
      `  (c') 50 posts appended to the ${r.big.nodes}-node page: ${f(r.big.addedCpu)} of scan CPU` +
      `   → ${pct(r.big.addedCpu / r.big.scanCpu)} of its full scan (${f(r.big.scanCpu)} CPU) (target ≤ 5 %)\n` +
      `  (d) ${r.big.nodes}-node page, sliced: ${f(r.big.wall)} wall, ${r.big.slices} slices, longest slice ` +
      `${f(r.big.longestSlice)}, long tasks (>50 ms) ${r.big.longTasks}` +
      (r.big.longTasks > 0 ? `, longest ${f(r.big.longestTask)}` : '') +
      ` (target: none over 50 ms)\n      top slices ${r.big.topSlices.map((ms) => ms.toFixed(1)).join(', ')} ms` +
      " (a long task outside every slice is the page's own style/layout/GC, not scan work)",
  );
  if (process.env.BENCH_VERBOSE) console.log(JSON.stringify(r.samples));
} finally {
  await close();
}
