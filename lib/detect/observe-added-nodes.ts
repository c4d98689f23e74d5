/**
 * Above this many mutation records in one batch, one scan of the whole root is cheaper than many small ones
 * (a site re-rendering a whole view delivers thousands of records; counting records, not nodes, is what the
 * issue specifies and what the observer's work actually scales with).
 */
export const FULL_RESCAN_THRESHOLD = 1000;

export interface ObserveOptions {
  /** Stops observing (WXT's `ctx.signal` in the content script). */
  signal: AbortSignal;
  /** Called with the roots to rescan: the added nodes, or `[root]` when a batch was huge. */
  onNodes: (nodes: Node[]) => void;
  /** How batches are deferred; a frame or idle callback in the page, a timer in tests. */
  schedule?: (run: () => void) => void;
  /**
   * Added nodes that are not news (the scanner's own badges): neither queued nor counted, so that putting
   * a thousand badges in does not look like a site re-rendering and trigger a full rescan.
   */
  ignore?: (node: Node) => boolean;
}

/**
 * One MutationObserver per root: added nodes are queued and handled in one batch per scheduled run.
 * Nodes inside another queued node are dropped, since scanning the ancestor covers them.
 */
export function observeAddedNodes(root: Node, options: ObserveOptions): void {
  const schedule = options.schedule ?? ((run) => setTimeout(run, 50));
  let queued = new Set<Node>();
  let records = 0;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (options.signal.aborted) return;
    const batch = queued;
    const recordCount = records;
    queued = new Set();
    records = 0;
    if (recordCount > FULL_RESCAN_THRESHOLD) {
      options.onNodes([root]);
      return;
    }
    // Ancestors known to lie outside every queued node: the walk up from a node stops at the first one met.
    // Appended siblings (an infinite scroll's posts) share their ancestors, so each chain is walked once per
    // batch, not once per node.
    const clear = new Set<Node>();
    const nodes: Node[] = [];
    for (const node of batch) {
      if (!node.isConnected) continue;
      let nested = false;
      let parent = node.parentNode;
      for (; parent && !clear.has(parent); parent = parent.parentNode) {
        if (batch.has(parent)) {
          nested = true;
          break;
        }
      }
      if (nested) continue;
      // Everything walked through is clear too (nothing queued above it, up to a clear ancestor or the root).
      for (let at = node.parentNode; at && at !== parent; at = at.parentNode) clear.add(at);
      nodes.push(node);
    }
    if (nodes.length > 0) options.onNodes(nodes);
  };

  const observer = new MutationObserver((batch) => {
    for (const record of batch) {
      let news = false;
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.TEXT_NODE) continue;
        if (options.ignore?.(node)) continue;
        queued.add(node);
        news = true;
      }
      if (news) records++;
    }
    if (queued.size > 0 && !scheduled) {
      scheduled = true;
      schedule(flush);
    }
  });
  if (options.signal.aborted) return;
  observer.observe(root, { childList: true, subtree: true });
  options.signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
