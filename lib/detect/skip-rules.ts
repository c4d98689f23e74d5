/** Attribute on every element Known puts into a page; the scanner never looks inside them. */
export const KNOWN_UI_ATTRIBUTE = 'data-known-ui';
export const BADGE_IDENTITY_ATTRIBUTE = 'data-known-identity';
export const BADGE_STATUS_ATTRIBUTE = 'data-known-status';

// Text the agent is typing (inputs, editors) must never be rewritten under their cursor, and code/styles
// are not prose. Our own badges and sidebar are skipped so that a rescan does not badge a badge.
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'KNOWN-BADGE',
]);
const EDITABLE = new Set(['', 'true', 'plaintext-only']);

/** True when this element itself (not its ancestors) must not be scanned: one check per walked element. */
export function isSkippedHere(element: Element): boolean {
  if (SKIPPED_TAGS.has(element.tagName.toUpperCase())) return true;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && EDITABLE.has(editable.toLowerCase())) return true;
  return element.hasAttribute(BADGE_IDENTITY_ATTRIBUTE) || element.hasAttribute(KNOWN_UI_ATTRIBUTE);
}

/** True when text under this element must not be scanned (it or an ancestor is skipped). */
export function isSkippedElement(element: Element): boolean {
  for (let at: Element | null = element; at; at = at.parentElement) {
    if (isSkippedHere(at)) return true;
  }
  return false;
}

/**
 * `isSkippedElement` memoised per ancestor for one scan: the scanner asks it for every text node that could
 * hold an identifier and every badge it places, and those share most of their ancestors. Not kept across
 * scans: a field can become editable (or stop being one) between them.
 */
export function createSkipCheck(): (element: Element | null) => boolean {
  const memo = new Map<Element, boolean>();
  const check = (element: Element | null): boolean => {
    if (!element) return false;
    let known = memo.get(element);
    if (known === undefined) {
      known = isSkippedHere(element) || check(element.parentElement);
      memo.set(element, known);
    }
    return known;
  };
  return check;
}
