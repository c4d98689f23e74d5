/** Attribute on every element Known puts into a page; the scanner never looks inside them. */
export const KNOWN_UI_ATTRIBUTE = 'data-known-ui';
export const BADGE_IDENTITY_ATTRIBUTE = 'data-known-identity';
export const BADGE_STATUS_ATTRIBUTE = 'data-known-status';

// Text the agent is typing (inputs, editors) must never be rewritten under their cursor, and code/styles
// are not prose. Our own badges and sidebar are skipped so that a rescan does not badge a badge.
const SKIP_SELECTOR = [
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  '[contenteditable=""]',
  '[contenteditable="true"]',
  '[contenteditable="plaintext-only"]',
  `[${BADGE_IDENTITY_ATTRIBUTE}]`,
  `[${KNOWN_UI_ATTRIBUTE}]`,
].join(',');

/** True when text under this element must not be scanned. */
export function isSkippedElement(element: Element): boolean {
  return element.closest(SKIP_SELECTOR) !== null;
}
