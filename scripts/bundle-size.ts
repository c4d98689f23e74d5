// Bundle budgets for the built Chrome extension. Sizes are what the browser parses on every page (the
// content script) or every open (background, sidebar, options); gzip is what travels in the store zip.
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

// KNOWN_OUT_DIR: the same output folder the build used (parallel builds keep to their own).
const OUT = join(process.env.KNOWN_OUT_DIR ?? '.output', 'chrome-mv3');
const KB = 1024;

/** Gzipped budgets. The content script's comes from issue 4; the pages' leave room for the sidebar's growth. */
const budgets: { name: string; files: () => string[]; gzipBudget: number }[] = [
  { name: 'content script', files: () => ['content-scripts/content.js'], gzipBudget: 30 * KB },
  { name: 'background', files: () => ['background.js'], gzipBudget: 40 * KB },
  { name: 'sidebar page', files: () => pageAssets('sidebar.html'), gzipBudget: 45 * KB },
  { name: 'options page', files: () => pageAssets('options.html'), gzipBudget: 45 * KB },
  // The team lead's dashboard: Preact, the page, and uPlot (~20 kB gzipped) for the scatter plot.
  { name: 'dashboard page', files: () => pageAssets('dashboard.html'), gzipBudget: 60 * KB },
];

/** The scripts and styles an HTML page loads, including the chunks those scripts import statically. */
function pageAssets(html: string): string[] {
  const path = join(OUT, html);
  if (!existsSync(path)) throw new Error(`${path} is missing: was the extension built?`);
  const seen = new Set<string>();
  const queue = [...readFileSync(path, 'utf8').matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map(
    (m) => m[1] as string,
  );
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(OUT, file), 'utf8');
    // Static imports between chunks are relative to the importing file (`import{a}from"./x.js"`).
    for (const m of code.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      queue.push(posix.join(posix.dirname(file), m[1] as string));
    }
  }
  return [...seen];
}

let failed = 0;
console.log(`${'bundle'.padEnd(16)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'budget'.padStart(10)}`);
for (const b of budgets) {
  let raw = 0;
  let gz = 0;
  try {
    for (const f of b.files()) {
      const bytes = readFileSync(join(OUT, f));
      raw += bytes.length;
      gz += gzipSync(bytes, { level: 9 }).length;
    }
  } catch (err) {
    console.log(`${b.name.padEnd(16)} missing: ${(err as Error).message}`);
    failed++;
    continue;
  }
  const over = gz > b.gzipBudget;
  if (over) failed++;
  const fmt = (n: number) => `${(n / KB).toFixed(1)} kB`.padStart(10);
  console.log(
    `${b.name.padEnd(16)} ${fmt(raw)} ${fmt(gz)} ${fmt(b.gzipBudget)}${over ? '  OVER BUDGET' : ''}`,
  );
}
process.exit(failed === 0 ? 0 : 1);
