import type { Identifier } from '../contract/identifier.ts';
import { BADGE_IDENTITY_ATTRIBUTE, BADGE_STATUS_ATTRIBUTE } from '../detect/skip-rules.ts';
import type { BadgeResult } from '../messaging/schemas.ts';
import { VALUE_BAND_WORDS } from '../triage/value-band.ts';
import { compactCount } from './compact-count.ts';

export type BadgeView = { status: 'loading' } | BadgeResult;

export interface Badge {
  /** The element in the page; carries `data-known-identity` and `data-known-status`. */
  host: HTMLElement;
  key: string;
  identifier: Identifier;
  show(view: BadgeView): void;
}

const BADGE_TAG = 'known-badge';
/** The badge host's `tagName` (upper case, as the DOM reports it for HTML elements). */
export const BADGE_TAG_NAME = 'KNOWN-BADGE';

// Sized to sit inside a line of the site's text without making that line taller or wrapping it: inline-flex
// centred on the text, no vertical margin, never broken across lines. `all: initial` keeps the site's CSS out.
export const BADGE_STYLE = `
  :host {
    all: initial; display: inline-flex; vertical-align: middle; margin-inline-start: 0.25em;
    max-width: 100%; line-height: 1; color-scheme: light dark;
  }
  button {
    all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 0.25em;
    font: 600 11px/14px system-ui, -apple-system, "Segoe UI", sans-serif; white-space: nowrap;
    border-radius: 8px; padding: 0 6px; min-width: 16px; height: 16px; justify-content: center;
    border: 1px solid #9ca3af; background: #f3f4f6; color: #1f2937; cursor: pointer;
    font-variant-numeric: tabular-nums;
  }
  button:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
  :host([data-known-status="loading"]) button { color: #6b7280; border-color: #d1d5db; background: transparent; }
  :host([data-known-status="matched"]) button { background: #fef3c7; border-color: #b45309; color: #78350f; }
  :host([data-known-status="unknown"]) button { background: transparent; border-style: dashed; color: #4b5563; }
  :host([data-known-status="error"]) button { background: #fee2e2; border-color: #b91c1c; color: #7f1d1d; }
  @media (prefers-color-scheme: dark) {
    button { background: #374151; border-color: #6b7280; color: #f9fafb; }
    button:focus-visible { outline-color: #93c5fd; }
    :host([data-known-status="loading"]) button { color: #9ca3af; border-color: #4b5563; }
    :host([data-known-status="matched"]) button { background: #78350f; border-color: #f59e0b; color: #fef3c7; }
    :host([data-known-status="unknown"]) button { color: #d1d5db; border-color: #9ca3af; }
    :host([data-known-status="error"]) button { background: #7f1d1d; border-color: #f87171; color: #fee2e2; }
  }
`;

/**
 * The badge's visible text and its accessible name. Never the person's name or any identifier: the host page
 * can read an element's title and label, and it already knows the identifier it printed.
 */
export function describeBadge(view: BadgeView): { text: string; label: string } {
  switch (view.status) {
    case 'loading':
      return { text: '…', label: 'Known: looking up this customer' };
    case 'matched': {
      const tier = view.tier ?? view.label;
      const text = [tier, view.valueBand, view.reach === undefined ? undefined : compactCount(view.reach)]
        .filter((part) => part !== undefined)
        .join(' · ');
      const facts = [
        view.tier ? `${view.tier} tier` : view.label,
        view.valueBand ? VALUE_BAND_WORDS[view.valueBand] : undefined,
        view.reach === undefined ? undefined : `${view.reach} ${view.reach === 1 ? 'follower' : 'followers'}`,
      ].filter((part) => part !== undefined);
      return { text, label: `Known profile: ${facts.join(', ')}. Open the profile` };
    }
    case 'unknown':
      return { text: '?', label: 'Not in Known — click to link' };
    case 'error':
      return { text: '!', label: `Known could not look this up: ${view.error.message}` };
  }
}

// One parsed stylesheet per document, adopted by every badge's shadow root: a page with hundreds of badges
// parses and matches the rules once, where a <style> per badge cost a parse and a rule set each.
const sheets = new WeakMap<Document, CSSStyleSheet | null>();

function sharedSheet(doc: Document): CSSStyleSheet | null {
  let sheet = sheets.get(doc);
  if (sheet === undefined) {
    try {
      // The sheet must belong to the badge's own document (a same-origin frame has its own constructor).
      const view = doc.defaultView as (Window & typeof globalThis) | null;
      sheet = view ? new view.CSSStyleSheet() : null;
      sheet?.replaceSync(BADGE_STYLE);
    } catch {
      // No constructable stylesheets (or not from a content script's world): a <style> per badge instead.
      sheet = null;
    }
    sheets.set(doc, sheet);
  }
  return sheet;
}

function adoptSheet(doc: Document, shadow: ShadowRoot): boolean {
  const sheet = sharedSheet(doc);
  if (!sheet) return false;
  try {
    shadow.adoptedStyleSheets = [sheet];
    return true;
  } catch {
    // Refused across worlds (a content script's array into the page's root): fall back for this document.
    sheets.set(doc, null);
    return false;
  }
}

/**
 * A badge for one identifier. The shadow root is closed so the page's scripts cannot read inside it; it
 * holds only tier, value band and reach anyway (tier alone in privacy mode). `onActivate` runs on click, Enter and Space (it is a real button).
 */
export function createBadge(
  doc: Document,
  key: string,
  identifier: Identifier,
  onActivate: (badge: Badge) => void,
): Badge {
  const host = doc.createElement(BADGE_TAG);
  host.setAttribute(BADGE_IDENTITY_ATTRIBUTE, key);
  const shadow = host.attachShadow({ mode: 'closed', delegatesFocus: true });
  const button = doc.createElement('button');
  button.type = 'button';
  if (adoptSheet(doc, shadow)) shadow.append(button);
  else {
    const style = doc.createElement('style');
    style.textContent = BADGE_STYLE;
    shadow.append(style, button);
  }

  const badge: Badge = {
    host,
    key,
    identifier,
    show(view) {
      host.setAttribute(BADGE_STATUS_ATTRIBUTE, view.status);
      const { text, label } = describeBadge(view);
      button.textContent = text;
      button.setAttribute('aria-label', label);
      button.title = label;
    },
  };

  button.addEventListener('click', (event) => {
    // Badges often sit inside the page's own links (a mention links to the profile): do not navigate.
    event.preventDefault();
    event.stopPropagation();
    onActivate(badge);
  });
  badge.show({ status: 'loading' });
  return badge;
}
