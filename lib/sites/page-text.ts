import type { SocialNetwork } from '../contract/identifier.ts';
import { emailFromMailto, extractIdentifiers, type FoundIdentifier } from '../detect/extract-identifiers.ts';
import { createSkipCheck } from '../detect/skip-rules.ts';
import { mayHoldIdentifier } from '../detect/text-prefilter.ts';
import type { Candidate, CandidateRole, FindEnv, Finding } from './site-adapter.ts';

export interface TextScanOptions {
  network: SocialNetwork;
  /** The message a text node belongs to (one badge per identity per scope). */
  scopeOf(node: Node): Node;
  /** The role of an identity found in this text node's message. */
  roleOf?(node: Node): CandidateRole;
  messageTextOf(scope: Node): string;
}

/** How many nodes are walked between checkpoints where the scanner may pause. */
export const CHECKPOINT_EVERY = 200;

/**
 * Identifiers in the text nodes and `mailto:` links under `root`. Skipped subtrees (editable fields, our
 * badges, scripts) are never read. Open shadow roots and frames are not looked for here: that needs every
 * element visited, which is `discoverRoots`' job, run by the scanner after the candidates are found.
 *
 * Speed (bench/scan-chromium.ts): real pages are mostly elements (x.com: 15k elements, 400 text nodes), so
 * text is walked by the browser alone (no JS filter per node: a filter would be a JS call per node) and the
 * skip rules are checked only for the few text nodes that pass the prefilter, memoised per ancestor.
 */
export function* pageTextFindings(root: Node, env: FindEnv, options: TextScanOptions): Generator<Finding> {
  const start = root.nodeType === 1 ? (root as Element) : root.parentElement;
  const isSkipped = env.isSkipped ?? createSkipCheck();
  if (start && isSkipped(start)) return;
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc) return;
  const numbers = env.patterns;
  const withNumbers = numbers.active;
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
  let read = 0;
  for (let node: Node | null = root.nodeType === 3 ? root : texts.nextNode(); node; node = texts.nextNode()) {
    if (++sinceCheckpoint >= CHECKPOINT_EVERY) {
      sinceCheckpoint = 0;
      yield null;
    }
    read++;
    const data = (node as Text).data;
    if (!mayHoldIdentifier(data, withNumbers) || env.seen.has(node)) continue;
    const text = node as Text;
    if (isSkipped(text.parentElement)) continue;
    env.seen.add(text);
    const found = extractIdentifiers(data, options.network, numbers);
    if (found.length === 0) continue;
    const scope = options.scopeOf(text);
    const role = options.roleOf?.(text) ?? 'text';
    yield* textCandidates(text, found, scope, role, () => options.messageTextOf(scope));
  }
  env.stats.textNodes += read;
}

/**
 * The identifiers found in one text node, as candidates anchored in it. Right to left: the badge for a
 * later match splits the text node, which keeps earlier offsets valid. A repeated identity keeps its first
 * occurrence (the badge sits where the reader meets it first).
 */
export function textCandidates(
  text: Text,
  found: FoundIdentifier[],
  scope: Node,
  role: CandidateRole,
  messageText: () => string,
): Candidate[] {
  const out: Candidate[] = [];
  for (let i = found.length - 1; i >= 0; i--) {
    const hit = found[i];
    if (!hit || found.findIndex((other) => other.key === hit.key) !== i) continue;
    out.push({
      identifier: hit.identifier,
      key: hit.key,
      role,
      anchor: text,
      offset: hit.end,
      scope,
      messageText,
    });
  }
  return out;
}

/**
 * Open shadow roots and same-origin frame documents under `root`, handed to `env.discover`. Finding them
 * means visiting every element (no selector matches a shadow host), about as long as the page's own
 * element walk, so the scanner runs this after the candidates are found, in slices, and times it apart.
 */
export function* discoverRoots(root: Node, env: FindEnv): Generator<null> {
  if (root.nodeType === 3) return;
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc) return;
  const check = (element: Element) => {
    if (element.shadowRoot) env.discover(element.shadowRoot);
    else if (element.tagName === 'IFRAME') {
      try {
        const frameDoc = (element as HTMLIFrameElement).contentDocument;
        if (frameDoc) env.discover(frameDoc);
      } catch {
        // Cross-origin frame: not ours to read.
      }
    }
  };
  if (root.nodeType === 1) check(root as Element);
  const elements = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  let sinceCheckpoint = 0;
  for (let node = elements.nextNode(); node; node = elements.nextNode()) {
    if (++sinceCheckpoint >= CHECKPOINT_EVERY * 5) {
      sinceCheckpoint = 0;
      yield null;
    }
    check(node as Element);
  }
}

/** The nearest block-level container of a node: a message's scope when a site gives no better one. */
export function nearestBlock(node: Node, selector = 'article, li, tr, p, section, blockquote, dd, td'): Node {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(selector) ?? element ?? node;
}
