// Bundled (esbuild, IIFE) and evaluated inside the benchmark's Chromium page by bench/scan-chromium.ts: the
// content script's real scanning code (annotator + x adapter), with no extension around it.

import { NO_PATTERNS } from '../lib/detect/number-patterns.ts';
import { type ScanReport, startPageAnnotator } from '../lib/inpage/annotate-page.ts';
import type { BadgeResult } from '../lib/messaging/schemas.ts';
import type { FindEnv } from '../lib/sites/site-adapter.ts';
import { xAdapter } from '../lib/sites/x.ts';

/** The measurements, run inside the page (see bench/scan-chromium.ts for what each one is). */
async function run(args: { runs: number; targetNodes: number }) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
  const pristine = document.body.cloneNode(true) as HTMLElement;
  const freshBody = () => {
    const body = pristine.cloneNode(true) as HTMLElement;
    document.body.replaceWith(body);
    return body;
  };
  const countNodes = (root: Node) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let n = 0;
    while (walker.nextNode()) n++;
    return n;
  };

  // Fifty new posts as an infinite scroll would add them: copies of the page's own timeline cells with
  // invented text and handles.
  const newPosts = (count: number) => {
    const cells = [...pristine.querySelectorAll('article[data-testid="tweet"]')].map(
      (article) => article.closest('[data-testid="cellInnerDiv"]') ?? article,
    );
    const made: Element[] = [];
    for (let i = 0; i < count; i++) {
      const cell = cells[i % cells.length]?.cloneNode(true) as Element;
      const text = cell.querySelector('[data-testid="tweetText"]');
      if (text) text.textContent = `Bench post ${i}: ask @bench_user_${i} or write to bench${i}@example.com`;
      made.push(cell);
    }
    return made;
  };
  const appendPosts = (posts: Element[]) => {
    const last = document.querySelectorAll('article[data-testid="tweet"]');
    const cell = last[last.length - 1]?.closest('[data-testid="cellInnerDiv"]');
    const parent = cell?.parentElement ?? document.body;
    for (const post of posts) parent.append(post);
  };

  const bare: number[] = [];
  const findOnly: number[] = [];
  const bareAll: number[] = [];
  const full: number[] = [];
  const added: number[] = [];
  let visited = {
    bare: 0,
    elements: 0,
    candidates: 0,
    scanner: 0,
    badges: 0,
    addedTextNodes: 0,
    addedBadges: 0,
  };
  let controller = new AbortController();
  for (let run = 0; run < args.runs; run++) {
    controller.abort();
    controller = new AbortController();
    const body = freshBody();

    // (a) The baseline: every text node of the same page, its data read. The page's clock is coarse
    // (100 µs outside cross-origin isolation), so the walk is repeated and averaged.
    const REPEAT = 50;
    let texts = 0;
    let t0 = performance.now();
    for (let k = 0; k < REPEAT; k++) {
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      texts = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        texts += (node as Text).data.length >= 0 ? 1 : 0;
      }
    }
    bare.push((performance.now() - t0) / REPEAT);
    // (a') The same walk over elements too: what any scanner must visit to see open shadow roots, frames
    // and skipped (editable) subtrees.
    t0 = performance.now();
    for (let k = 0; k < REPEAT; k++) {
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === 1 && (node as Element).shadowRoot) texts += 0;
      }
    }
    bareAll.push((performance.now() - t0) / REPEAT);

    // (b0) The adapter's walk alone: every candidate found, no badge made (what the walk itself costs).
    const env: FindEnv = {
      patterns: NO_PATTERNS,
      seen: new WeakSet(),
      discover: () => {},
      stats: { textNodes: 0 },
    };
    t0 = performance.now();
    let candidates = 0;
    for (const finding of xAdapter.find(body, env)) if (finding) candidates++;
    findOnly.push(performance.now() - t0);

    // (b) The full scan, synchronous in one slice so that wall time is scan time (no idle gaps).
    const reports: ScanReport[] = [];
    t0 = performance.now();
    startPageAnnotator({
      root: document,
      adapter: xAdapter,
      signal: controller.signal,
      lookup: async (): Promise<BadgeResult[]> => [],
      onActivate: () => {},
      schedule: (go) => go(),
      sliceMs: Number.POSITIVE_INFINITY,
      onScanned: (report: ScanReport) => reports.push(report),
    });
    full.push(performance.now() - t0);
    const fullReport = reports.find((r) => r.kind === 'full');
    // Let the observer see (and skip) our own badges before the posts are added.
    await settle();
    reports.length = 0;

    // (c) The 50 appended posts: the observer's batch, scanned alone. Built before the clock starts.
    const posts = newPosts(50);
    appendPosts(posts);
    await settle();
    const addedReports = reports.filter((r) => r.kind === 'added');
    added.push(addedReports.reduce((sum, r) => sum + r.ms, 0));
    visited = {
      bare: texts,
      elements: body.getElementsByTagName('*').length,
      candidates,
      scanner: fullReport?.textNodes ?? 0,
      badges: fullReport?.badges ?? 0,
      addedTextNodes: addedReports.reduce((sum, r) => sum + r.textNodes, 0),
      addedBadges: addedReports.reduce((sum, r) => sum + r.badges, 0),
    };
  }
  controller.abort();

  // (d) A 50k-node page of the same markup, scanned the way the content script does: idle-time slices.
  const body = freshBody();
  const grow = newPosts(400);
  let i = 0;
  while (countNodes(body) < args.targetNodes) {
    const post = grow[i++ % grow.length]?.cloneNode(true) as Element;
    const text = post.querySelector('[data-testid="tweetText"]');
    if (text) text.textContent = `Post ${i} from the synthetic page, cc @synthetic_${i % 5000}`;
    body.append(post);
  }
  const nodes = countNodes(body);
  // The synthetic page's own first style and layout (x.com's CSS over 50k nodes) is not ours to measure.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await settle();
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const slices: number[] = [];
  const big = new AbortController();
  const t0 = performance.now();
  await new Promise<void>((done) => {
    startPageAnnotator({
      root: document,
      adapter: xAdapter,
      signal: big.signal,
      lookup: async (): Promise<BadgeResult[]> => [],
      onActivate: () => {},
      schedule: (go) =>
        requestIdleCallback(
          () => {
            const s = performance.now();
            go();
            slices.push(performance.now() - s);
          },
          { timeout: 250 },
        ),
      onScanned: (report: ScanReport) => {
        if (report.kind === 'full') done();
      },
    });
  });
  const wall = performance.now() - t0;
  await settle();
  const fullSlices = [...slices];
  // (c') 50 posts appended to that big page once it is scanned, against the CPU time of its full scan.
  const before = slices.length;
  appendPosts(newPosts(50));
  await new Promise((resolve) => setTimeout(resolve, 600));
  const addedCpu = slices.slice(before).reduce((sum, ms) => sum + ms, 0);
  big.abort();
  observer.disconnect();

  return {
    bare: median(bare),
    full: median(full),
    added: median(added),
    findOnly: median(findOnly),
    bareAll: median(bareAll),
    samples: { bare, bareAll, findOnly, full, added },
    visited,
    big: {
      nodes,
      wall,
      slices: fullSlices.length,
      scanCpu: fullSlices.reduce((sum, ms) => sum + ms, 0),
      addedCpu,
      longestSlice: Math.max(...slices),
      topSlices: [...slices].sort((a, b) => b - a).slice(0, 5),
      longTasks: longTasks.length,
      longestTask: longTasks.length > 0 ? Math.max(...longTasks) : 0,
    },
  };
}

export type ScanBenchResult = Awaited<ReturnType<typeof run>>;

(globalThis as unknown as { knownBench: unknown }).knownBench = { run };
