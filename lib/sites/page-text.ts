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
 * Identifiers in the text nodes and `mailto:` links under `root`, walked in document order. Skipped
 * subtrees (editable fields, our badges, scripts) are never entered; open shadow roots and same-origin
 * frames are reported to `env.discover` for the scanner to observe on their own.
 */
export function* pageTextFindings(root: Node, env: FindEnv, options: TextScanOptions): Generator<Finding> {
  const start = root.nodeType === 1 ? (root as Element) : root.parentElement;
  if (start && isSkippedElement(start)) return;
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc) return;
  const numbers = env.patterns;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType !== 1) return NodeFilter.FILTER_ACCEPT;
      const element = node as Element;
      if (isSkippedHere(element)) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  let sinceCheckpoint = 0;
  for (
    let node: Node | null = root.nodeType === 3 ? root : walker.nextNode();
    node;
    node = walker.nextNode()
  ) {
    if (++sinceCheckpoint >= CHECKPOINT_EVERY) {
      sinceCheckpoint = 0;
      yield null;
    }
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element.shadowRoot) env.discover(element.shadowRoot);
      if (element.tagName === 'IFRAME') {
        try {
          const frameDoc = (element as HTMLIFrameElement).contentDocument;
          if (frameDoc) env.discover(frameDoc);
        } catch {
          // Cross-origin frame: not ours to read.
        }
      } else if (element.tagName === 'A') {
        const href = element.getAttribute('href');
        if (href && /^mailto:/i.test(href) && !env.seen.has(element)) {
          env.seen.add(element);
          const found = emailFromMailto(href);
          if (found) {
            const scope = options.scopeOf(element);
            yield {
              ...found,
              role: options.roleOf?.(element) ?? 'text',
              anchor: element,
              scope,
              messageText: () => options.messageTextOf(scope),
            };
          }
        }
      }
      continue;
    }
    const text = node as Text;
    if (env.seen.has(text)) continue;
    env.stats.textNodes++;
    const data = text.data;
    if (!data.includes('@') && !data.includes('＠') && !(numbers.active && hasDigit.test(data))) continue;
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
}

/** The nearest block-level container of a node: a message's scope when a site gives no better one. */
export function nearestBlock(node: Node, selector = 'article, li, tr, p, section, blockquote, dd, td'): Node {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(selector) ?? element ?? node;
}
