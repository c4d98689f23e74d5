import type { Identifier } from '../contract/identifier.ts';
import { identityKey, normalizeIdentifier } from '../contract/normalize.ts';
import { extractEmails } from '../detect/extract-emails.ts';
import type { Candidate, CandidateRole } from './site-adapter.ts';

const MESSAGE_TEXT_MAX = 5000;

/** Elements matching `selector` at, under, or (closest) above `root`: what an added subtree touches. */
export function within(root: Node, selector: string): Element[] {
  const found: Element[] = [];
  const element = root.nodeType === 1 ? (root as Element) : root.parentElement;
  const above = element?.closest(selector);
  if (above) found.push(above);
  if ('querySelectorAll' in root) {
    for (const el of (root as ParentNode).querySelectorAll(selector)) if (el !== above) found.push(el);
  }
  return found;
}

/** The visible text of a message, whitespace collapsed and capped to what the contract accepts. */
export function textOf(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, MESSAGE_TEXT_MAX);
}

/** An attribute value that is exactly one e-mail address (Gmail's `email="…"`), normalised, or null. */
export function emailFromValue(value: string | null | undefined): Identifier | null {
  const trimmed = (value ?? '').trim().replace(/^mailto:/i, '');
  if (trimmed.length === 0 || trimmed.length > 320) return null;
  const [only] = extractEmails(trimmed);
  if (!only || only.start !== 0 || only.end !== trimmed.length) return null;
  return normalizeIdentifier({ kind: 'email', value: only.value });
}

/** A candidate for an identifier read from markup (an attribute, a link) rather than from text. */
export function markupCandidate(
  raw: Identifier,
  anchor: Element,
  role: CandidateRole,
  scope: Node,
  messageText: () => string,
): Candidate {
  const identifier = normalizeIdentifier(raw);
  return { identifier, key: identityKey(identifier), role, anchor, scope, messageText };
}

const EMAIL_ATTRIBUTES = ['email', 'data-email', 'data-hovercard-id', 'title', 'aria-label'];

/**
 * The first e-mail address an element carries, in an attribute (helpdesks put it in `title` tooltips and
 * `data-email`), a mailto: link inside, or its text.
 */
export function emailCarriedBy(element: Element): Identifier | null {
  // The field itself, else the first element inside it that carries an address in an attribute.
  const holder = element.querySelector('[email], [data-email], [title*="@"], [aria-label*="@"]') ?? element;
  for (const candidate of holder === element ? [element] : [element, holder]) {
    const found = emailInAttributes(candidate);
    if (found) return found;
  }
  const mailto =
    element.closest('a[href^="mailto:" i]')?.getAttribute('href') ??
    element.querySelector('a[href^="mailto:" i]')?.getAttribute('href');
  const fromLink = emailFromValue(mailto?.split('?')[0]);
  if (fromLink) return fromLink;
  const [inText] = extractEmails(element.textContent ?? '');
  return inText ? normalizeIdentifier({ kind: 'email', value: inText.value }) : null;
}

function emailInAttributes(element: Element): Identifier | null {
  for (const name of EMAIL_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (!value) continue;
    const exact = emailFromValue(value);
    if (exact) return exact;
    const [inside] = extractEmails(value);
    if (inside) return normalizeIdentifier({ kind: 'email', value: inside.value });
  }
  return null;
}
