import type { SocialNetwork } from '../contract/identifier.ts';
import { emailFromMailto, extractIdentifiers } from '../detect/extract-identifiers.ts';
import { isSkippedElement, isSkippedHere } from '../detect/skip-rules.ts';
import type { CandidateRole, FindEnv, Finding } from './site-adapter.ts';

export interface TextScanOptions {
  network: SocialNetwork;
  /** The message a text node belongs to (one badge per identity per scope). */
  scopeOf(node: Node): Node;
  /** The role of an identity found in this text node's message. */
  roleOf?(node: Node): CandidateRole;
  messageTextOf(scope: Node): string;
}

/** How many nodes are walked between checkpoints where the scanner may pause. */
const CHECKPOINT_EVERY = 200;

const hasDigit = /\d/;

/**
 * Identifiers in the text nodes and `mailto:` links under `root`. Skipped subtrees (editable fields, our
 * badges, scripts) are never read; open shadow roots and same-origin frames are reported to `env.discover`
 * for the scanner to observe on their own.
 *
 * Speed (bench/scan-chromium.ts): real pages are mostly elements (x.com: 15k elements, 400 text nodes), so
 * text is walked by the browser alone (no JS filter per node) and the skip rules are checked only for the
 * few text nodes that could hold an identifier, memoised per ancestor. Elements are visited once, in a
 * filter-less walk, only to find shadow roots and frames.
 */
export function* pageTextFindings(root: Node, env: FindEnv, options: TextScanOptions): Generator<Finding> {
  const start = root.nodeType === 1 ? (root as Element) : root.parentElement;
  if (start && isSkippedElement(start)) return;
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc) return;
  const numbers = env.patterns;
  const skipped = new Map<Element, boolean>();
  const isSkipped = (element: Element | null): boolean => {
    if (!element || element === start) return false;
    let known = skipped.get(element);
    if (known === undefined) {
      known = isSkippedHere(element) || isSkipped(element.parentElement);
      skipped.set(element, known);
    }
    return known;
  };
  let sinceCheckpoint = 0;

  if (root.nodeType !== 3) {
    for (const link of (root as ParentNode).querySelectorAll('a[href^="mailto:" i]')) {
      if (env.seen.has(link) || isSkipped(link)) continue;
      env.seen.add(link);
      const found = emailFromMailto(link.getAttribute('href') ?? '');
      if (!found) continue;
      const scope = options.scopeOf(link);
      yield {
        ...found,
        role: options.roleOf?.(link) ?? 'text',
        anchor: link,
        scope,
        messageText: () => options.messageTextOf(scope),
      };
    }
  }

  const texts = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node: Node | null = root.nodeType === 3 ? root : texts.nextNode(); node; node = texts.nextNode()) {
    if (++sinceCheckpoint >= CHECKPOINT_EVERY) {
      sinceCheckpoint = 0;
      yield null;
    }
    const text = node as Text;
    if (env.seen.has(text)) continue;
    env.stats.textNodes++;
    const data = text.data;
    if (!data.includes('@') && !data.includes('＠') && !(numbers.active && hasDigit.test(data))) continue;
    if (isSkipped(text.parentElement)) continue;
    env.seen.add(text);
    const found = extractIdentifiers(data, options.network, numbers);
    if (found.length === 0) continue;
    const scope = options.scopeOf(text);
    const role = options.roleOf?.(text) ?? 'text';
    // Right to left: the badge for a later match splits the text node, which keeps earlier offsets valid.
    // A repeated identity keeps its first occurrence (the badge sits where the reader meets it first).
    for (let i = found.length - 1; i >= 0; i--) {
      const hit = found[i];
      if (!hit || found.findIndex((other) => other.key === hit.key) !== i) continue;
      yield {
        identifier: hit.identifier,
        key: hit.key,
        role,
        anchor: text,
        offset: hit.end,
        scope,
        messageText: () => options.messageTextOf(scope),
      };
    }
  }

  if (root.nodeType === 3) return;
  const elements = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node = elements.nextNode(); node; node = elements.nextNode()) {
    if (++sinceCheckpoint >= CHECKPOINT_EVERY) {
      sinceCheckpoint = 0;
      yield null;
    }
    const element = node as Element;
    if (element.shadowRoot) env.discover(element.shadowRoot);
    else if (element.tagName === 'IFRAME') {
      try {
        const frameDoc = (element as HTMLIFrameElement).contentDocument;
        if (frameDoc) env.discover(frameDoc);
      } catch {
        // Cross-origin frame: not ours to read.
      }
    }
  }
}

/** The nearest block-level container of a node: a message's scope when a site gives no better one. */
export function nearestBlock(node: Node, selector = 'article, li, tr, p, section, blockquote, dd, td'): Node {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(selector) ?? element ?? node;
}
