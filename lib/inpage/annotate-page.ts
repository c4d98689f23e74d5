import type { Identifier, SocialNetwork } from '../contract/identifier.ts';
import { observeAddedNodes } from '../detect/observe-added-nodes.ts';
import { type ScanHit, scanForIdentifiers } from '../detect/scan-dom.ts';
import type { BadgeResult } from '../messaging/schemas.ts';
import { type Badge, createBadge } from './badge.ts';

export interface AnnotatorOptions {
  root: Element;
  network: SocialNetwork;
  signal: AbortSignal;
  /** Asks the background; rejects when the extension is unavailable (reloaded, updated). */
  lookup: (identifiers: Identifier[]) => Promise<BadgeResult[]>;
  onActivate: (badge: Badge) => void;
  schedule?: (run: () => void) => void;
  /** Where to report failures; never the page's console as an uncaught error. */
  log?: (message: string, error: unknown) => void;
}

/** Scans the page now and on every DOM change, puts a badge after each identifier and fills it in. */
export function startPageAnnotator(options: AnnotatorOptions): { rescan(): void } {
  const doc = options.root.ownerDocument;
  const seen = new WeakSet<Node>();
  const badgesByKey = new Map<string, Set<Badge>>();
  const settled = new Map<string, BadgeResult>();

  const place = (hit: ScanHit): Badge[] => {
    const make = (key: string, identifier: Identifier) =>
      createBadge(doc, key, identifier, options.onActivate);
    if (hit.kind === 'mailto') {
      const badge = make(hit.found.key, hit.found.identifier);
      hit.link.after(badge.host);
      return [badge];
    }
    const placed: Badge[] = [];
    // Right to left, so the offsets of earlier matches stay valid while the text node is split.
    for (const found of [...hit.found].reverse()) {
      const rest = hit.node.splitText(found.end);
      seen.add(rest);
      const badge = make(found.key, found.identifier);
      rest.before(badge.host);
      placed.push(badge);
    }
    return placed;
  };

  const apply = (result: BadgeResult) => {
    for (const badge of badgesByKey.get(result.key) ?? []) {
      if (badge.host.isConnected) badge.show(result);
      else badgesByKey.get(result.key)?.delete(badge);
    }
  };

  const process = (roots: Node[]) => {
    const placed = roots
      .flatMap((root) => scanForIdentifiers(root, { network: options.network, seen }))
      .flatMap(place);
    const toAsk = new Map<string, Identifier>();
    for (const badge of placed) {
      let set = badgesByKey.get(badge.key);
      if (!set) {
        set = new Set();
        badgesByKey.set(badge.key, set);
      }
      set.add(badge);
      const known = settled.get(badge.key);
      if (known) badge.show(known);
      else toAsk.set(badge.key, badge.identifier);
    }
    if (toAsk.size === 0) return;
    options
      .lookup([...toAsk.values()])
      .then((results) => {
        for (const result of results) {
          // Errors are retried the next time the identifier shows up; answers are kept for the page's life.
          if (result.status !== 'error') settled.set(result.key, result);
          apply(result);
        }
      })
      .catch((error: unknown) => {
        options.log?.('lookup failed', error);
        for (const key of toAsk.keys()) {
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

  const safely = (roots: Node[]) => {
    try {
      process(roots);
    } catch (error) {
      options.log?.('scan failed', error);
    }
  };

  safely([options.root]);
  observeAddedNodes(options.root, { signal: options.signal, onNodes: safely, schedule: options.schedule });
  return { rescan: () => safely([options.root]) };
}
