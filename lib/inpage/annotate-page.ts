import type { Identifier } from '../contract/identifier.ts';
import { type CompiledPatterns, NO_PATTERNS } from '../detect/number-patterns.ts';
import { observeAddedNodes } from '../detect/observe-added-nodes.ts';
import { createSlicedRunner } from '../detect/scan-queue.ts';
import { createSkipCheck } from '../detect/skip-rules.ts';
import type { BadgeResult } from '../messaging/schemas.ts';
import { discoverRoots } from '../sites/page-text.ts';
import type { Candidate, FindEnv, SiteAdapter } from '../sites/site-adapter.ts';
import { BADGE_TAG_NAME, type Badge, createBadge } from './badge.ts';

/** What one finished scan did, for tests and benchmarks (counts only, never identifiers). */
export interface ScanReport {
  kind: 'full' | 'added';
  textNodes: number;
  badges: number;
  /** CPU time of this scan's own work, summed over its slices (idle gaps between slices not counted). */
  ms: number;
  /** Of which: finding the candidates (the adapter's walk), */
  findMs: number;
  /** making and inserting the badges, */
  badgeMs: number;
  /** and the element walk that looks for open shadow roots and frames. */
  discoverMs: number;
}

export interface AnnotatorOptions {
  root: Element | Document;
  adapter: SiteAdapter;
  signal: AbortSignal;
  /** Asks the background; rejects when the extension is unavailable (reloaded, updated). */
  lookup: (identifiers: Identifier[]) => Promise<BadgeResult[]>;
  onActivate: (badge: Badge, candidate: Candidate) => void;
  /** How slices are started: an idle callback in the page, a timer or a direct call in tests. */
  schedule?: (run: () => void) => void;
  sliceMs?: number;
  /** Where to report failures; never the page's console as an uncaught error. */
  log?: (message: string, error: unknown) => void;
  onScanned?: (report: ScanReport) => void;
}

export interface PageAnnotator {
  /** Scans every root again (after SPA navigation); already badged identities are not badged twice. */
  rescan(): void;
  /** New tenant patterns: rescans so that card and order numbers are found. */
  setPatterns(patterns: CompiledPatterns): void;
  /** Looks these identity keys up again and redraws their badges (after a link in the sidebar). */
  refresh(keys: string[]): void;
  /** The identities badged on the page now, in page order, once each. */
  identities(): { key: string; identifier: Identifier }[];
}

/**
 * Candidates found, or badges put in, between two pauses of a scan: a slice may overrun its budget by that
 * many (a badge costs about 10 µs, 40 on a page of 200k nodes), never by a long task.
 */
const STEPS_PER_PAUSE = 16;

/** Lookups per message: the protocol's limit. */
const LOOKUP_BATCH = 500;

/**
 * Scans the page with the site's adapter, now and on every DOM change, puts one badge per identity per
 * message and fills it in. Work is sliced (no task longer than a slice plus a few candidates), only added
 * subtrees are scanned, and open shadow roots and same-origin frames get their own observer.
 */
export function startPageAnnotator(options: AnnotatorOptions): PageAnnotator {
  const schedule = options.schedule ?? ((run) => setTimeout(run, 0));
  const seen = new WeakSet<Node>();
  const roots = new Set<Node>();
  const keysInScope = new WeakMap<Node, Set<string>>();
  const badgesByKey = new Map<string, Set<Badge>>();
  const settled = new Map<string, BadgeResult>();
  let toAsk = new Map<string, Identifier>();
  /** Keys asked and not answered yet: a badge for one of them waits for that answer. */
  const inFlight = new Set<string>();
  let patterns: CompiledPatterns = NO_PATTERNS;

  const apply = (result: BadgeResult) => {
    const set = badgesByKey.get(result.key);
    for (const badge of set ?? []) {
      if (badge.host.isConnected) badge.show(result);
      else set?.delete(badge);
    }
  };

  const ask = (identifiers: Identifier[], keys: string[]) => {
    for (const key of keys) inFlight.add(key);
    options
      .lookup(identifiers)
      .then((results) => {
        for (const key of keys) inFlight.delete(key);
        for (const result of results) {
          // Errors are retried the next time the identifier shows up; answers are kept for the page's life.
          if (result.status !== 'error') settled.set(result.key, result);
          apply(result);
        }
      })
      .catch((error: unknown) => {
        options.log?.('lookup failed', error);
        for (const key of keys) {
          inFlight.delete(key);
          apply({
            key,
            status: 'error',
            error: {
              code: 'extension_error',
              message: 'The Known extension is unavailable; reload the page.',
            },
          });
        }
      });
  };

  const flushLookups = () => {
    if (toAsk.size === 0) return;
    const entries = [...toAsk];
    toAsk = new Map();
    for (let i = 0; i < entries.length; i += LOOKUP_BATCH) {
      const batch = entries.slice(i, i + LOOKUP_BATCH);
      ask(
        batch.map(([, identifier]) => identifier),
        batch.map(([key]) => key),
      );
    }
  };

  /** During the walk: the candidate gets a badge unless its identity is already badged in its message. */
  const accept = (candidate: Candidate, isSkipped: (element: Element | null) => boolean): boolean => {
    const anchor = candidate.anchor;
    const element = anchor.nodeType === 1 ? (anchor as Element) : anchor.parentElement;
    if (!element || !anchor.isConnected || (!candidate.screened && isSkipped(element))) return false;
    let keys = keysInScope.get(candidate.scope);
    if (!keys) {
      keys = new Set();
      keysInScope.set(candidate.scope, keys);
    }
    if (keys.has(candidate.key)) return false;
    keys.add(candidate.key);
    return true;
  };

  /** After the walk: the badge made and put in the page (in the order found, so text offsets hold). */
  const place = (candidate: Candidate): Badge | null => {
    const anchor = candidate.anchor;
    if (!anchor.isConnected) return null;
    const doc = anchor.ownerDocument;
    const badge = createBadge(doc, candidate.key, candidate.identifier, (b) =>
      options.onActivate(b, candidate),
    );
    if (anchor.nodeType === 3 && candidate.offset !== undefined) {
      const text = anchor as Text;
      const rest = text.splitText(Math.min(candidate.offset, text.length));
      env.seen.add(rest);
      rest.before(badge.host);
    } else {
      anchor.after(badge.host);
    }
    let set = badgesByKey.get(badge.key);
    if (!set) {
      set = new Set();
      badgesByKey.set(badge.key, set);
    }
    set.add(badge);
    const known = settled.get(badge.key);
    if (known) badge.show(known);
    else if (!inFlight.has(badge.key)) toAsk.set(badge.key, badge.identifier);
    return badge;
  };

  const enqueue = createSlicedRunner({
    schedule,
    signal: options.signal,
    sliceMs: options.sliceMs,
    afterSlice: flushLookups,
    onError: (error) => options.log?.('scan failed', error),
  });

  const env: FindEnv = {
    get patterns() {
      return patterns;
    },
    seen,
    discover: (root) => addRoot(root.nodeType === 9 ? ((root as Document).body ?? root) : root),
    stats: { textNodes: 0 },
  };

  /**
   * One scan of some subtrees, as a resumable unit of work for the sliced runner, in three phases timed
   * apart: find the candidates (the walk), put their badges in (DOM writes, batched after the walk so the
   * walk never interleaves with them), then look for shadow roots and frames (an element walk), on sites
   * whose adapter does not say they have none.
   */
  function* scan(nodes: Node[], kind: ScanReport['kind']): Generator<void> {
    const textBefore = env.stats.textNodes;
    const isSkipped = createSkipCheck();
    const pending: Candidate[] = [];
    const ms = { find: 0, badge: 0, discover: 0 };
    const live = nodes.filter((node) => node.isConnected);

    let since = performance.now();
    env.isSkipped = isSkipped;
    let steps = 0;
    for (const node of live) {
      for (const finding of options.adapter.find(node, env)) {
        if (finding) {
          if (accept(finding, isSkipped)) pending.push(finding);
          // A pause (and the clock reads around it) every few candidates, not after each one: a clock read
          // costs about 0.2 µs in Chromium, and three per candidate and three per badge were a third of
          // what finding a candidate costs (bench/scan-chromium.ts).
          if (++steps < STEPS_PER_PAUSE) continue;
        }
        steps = 0;
        ms.find += performance.now() - since;
        yield;
        since = performance.now();
        // Another scan may have run while this one was paused: the memo is this scan's own.
        env.isSkipped = isSkipped;
      }
    }
    ms.find += performance.now() - since;

    let badges = 0;
    since = performance.now();
    for (let i = 0; i < pending.length; i++) {
      if (place(pending[i] as Candidate)) badges++;
      if ((i + 1) % STEPS_PER_PAUSE !== 0) continue;
      ms.badge += performance.now() - since;
      yield;
      since = performance.now();
    }
    ms.badge += performance.now() - since;

    for (const node of options.adapter.nestedRoots === false ? [] : live) {
      since = performance.now();
      for (const _ of discoverRoots(node, env)) {
        ms.discover += performance.now() - since;
        yield;
        since = performance.now();
      }
      ms.discover += performance.now() - since;
    }

    options.onScanned?.({
      kind,
      textNodes: env.stats.textNodes - textBefore,
      badges,
      ms: ms.find + ms.badge + ms.discover,
      findMs: ms.find,
      badgeMs: ms.badge,
      discoverMs: ms.discover,
    });
  }

  function addRoot(root: Node) {
    if (roots.has(root)) return;
    roots.add(root);
    observeAddedNodes(root, {
      signal: options.signal,
      // Our own insertions (badges, the text after a badge) are neither work nor a reason for a full rescan.
      ignore: (node) =>
        node.nodeType === 3 ? env.seen.has(node) : (node as Element).tagName === BADGE_TAG_NAME,
      schedule,
      onNodes: (nodes) => enqueue(scan(nodes, nodes.length === 1 && nodes[0] === root ? 'full' : 'added')),
    });
    enqueue(scan([root], 'full'));
  }

  addRoot(options.root.nodeType === 9 ? ((options.root as Document).body ?? options.root) : options.root);

  return {
    rescan: () => enqueue(scan([...roots], 'full')),
    setPatterns(next) {
      patterns = next;
      // Text nodes were skipped unread when they held no `@`; with numbers to find they must be read again.
      if (next.active) {
        const fresh = new WeakSet<Node>();
        env.seen = fresh;
        enqueue(scan([...roots], 'full'));
      }
    },
    refresh(keys) {
      const identifiers: Identifier[] = [];
      for (const key of keys) {
        settled.delete(key);
        const badge = badgesByKey.get(key)?.values().next().value;
        if (badge) identifiers.push(badge.identifier);
      }
      if (identifiers.length > 0) ask(identifiers, keys);
    },
    identities() {
      const list: { key: string; identifier: Identifier }[] = [];
      for (const [key, set] of badgesByKey) {
        const badge = [...set].find((b) => b.host.isConnected);
        if (badge) list.push({ key, identifier: badge.identifier });
      }
      return list;
    },
  };
}
