import type { SocialNetwork } from '../contract/identifier.ts';
import { emailFromMailto, extractIdentifiers, type FoundIdentifier } from './extract-identifiers.ts';
import { isSkippedElement } from './skip-rules.ts';

/** Identifiers found in one text node; offsets are into `node.data`. */
export interface TextHit {
  kind: 'text';
  node: Text;
  found: FoundIdentifier[];
}

/** A `mailto:` link whose visible text does not itself show the address. */
export interface MailtoHit {
  kind: 'mailto';
  link: HTMLAnchorElement;
  found: FoundIdentifier;
}

export type ScanHit = TextHit | MailtoHit;

export interface ScanOptions {
  network: SocialNetwork;
  /** Nodes already handled by an earlier scan; the scanner adds what it reports, so rescans are cheap. */
  seen: WeakSet<Node>;
}

// Cheap pre-filter: a text node without `@` cannot hold an e-mail address or a handle.
const mayHoldIdentifier = (text: string) => text.includes('@') || text.includes('＠');

/** Finds identifiers in text nodes and `mailto:` links under `root` (included), skipping editable fields. */
export function scanForIdentifiers(root: Node, options: ScanOptions): ScanHit[] {
  const hits: ScanHit[] = [];
  const doc = root.ownerDocument ?? (root as Document);
  const startElement = root instanceof Element ? root : root.parentElement;
  if (startElement && isSkippedElement(startElement)) return hits;

  if (root.nodeType === Node.TEXT_NODE) {
    scanTextNode(root as Text, options, hits);
    return hits;
  }

  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        return isSkippedElement(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    scanTextNode(node as Text, options, hits);
  }

  const links: HTMLAnchorElement[] = [];
  if (root instanceof Element && root.matches('a[href^="mailto:" i]')) links.push(root as HTMLAnchorElement);
  if (root instanceof Element || root instanceof Document || root instanceof DocumentFragment) {
    links.push(...root.querySelectorAll<HTMLAnchorElement>('a[href^="mailto:" i]'));
  }
  for (const link of links) scanMailto(link, options, hits);
  return hits;
}

function scanTextNode(node: Text, options: ScanOptions, hits: ScanHit[]) {
  if (options.seen.has(node) || !mayHoldIdentifier(node.data)) return;
  options.seen.add(node);
  const found = extractIdentifiers(node.data, options.network);
  if (found.length > 0) hits.push({ kind: 'text', node, found });
}

function scanMailto(link: HTMLAnchorElement, options: ScanOptions, hits: ScanHit[]) {
  if (options.seen.has(link) || isSkippedElement(link)) return;
  options.seen.add(link);
  const found = emailFromMailto(link.getAttribute('href') ?? '');
  if (!found) return;
  // When the link text shows the address, the text scan already badges it.
  const shown = extractIdentifiers(link.textContent ?? '', options.network);
  if (shown.some((item) => item.key === found.key)) return;
  hits.push({ kind: 'mailto', link, found });
}
