import type { Identifier } from '../contract/identifier.ts';
import { BADGE_IDENTITY_ATTRIBUTE, BADGE_STATUS_ATTRIBUTE } from '../detect/skip-rules.ts';
import type { BadgeResult } from '../messaging/schemas.ts';

export type BadgeView = { status: 'loading' } | BadgeResult;

export interface Badge {
  /** The element in the page; carries `data-known-identity` and `data-known-status`. */
  host: HTMLElement;
  key: string;
  identifier: Identifier;
  show(view: BadgeView): void;
}

const BADGE_TAG = 'known-badge';

const STYLE = `
  :host { all: initial; display: inline-block; vertical-align: baseline; margin-inline-start: 0.25em; }
  button {
    font: 600 11px/1.4 system-ui, sans-serif; border-radius: 9px; padding: 0 6px; min-width: 18px;
    border: 1px solid #8a8f98; background: #f3f4f6; color: #1f2937; cursor: pointer;
  }
  button:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
  :host([data-known-status="matched"]) button { background: #fef3c7; border-color: #b45309; color: #78350f; }
  :host([data-known-status="error"]) button { background: #fee2e2; border-color: #b91c1c; color: #7f1d1d; }
`;

function describe(key: string, view: BadgeView): { text: string; label: string } {
  switch (view.status) {
    case 'loading':
      return { text: '…', label: `Known: looking up ${key}` };
    case 'matched':
      return { text: view.label, label: `Known: ${view.label}. Open profile of ${key}` };
    case 'unknown':
      return { text: '?', label: `Known: ${key} is not in your profiles. Open details` };
    case 'error':
      return { text: '!', label: `Known: lookup failed (${view.error.message}). Open details` };
  }
}

/**
 * A badge for one identifier. The shadow root is closed so the page's scripts cannot read inside it; it
 * holds only the tier label anyway. `onActivate` runs on click, Enter and Space (it is a real button).
 */
export function createBadge(
  doc: Document,
  key: string,
  identifier: Identifier,
  onActivate: (badge: Badge) => void,
): Badge {
  const host = doc.createElement(BADGE_TAG);
  host.setAttribute(BADGE_IDENTITY_ATTRIBUTE, key);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const button = doc.createElement('button');
  button.type = 'button';
  shadow.append(style, button);

  const badge: Badge = {
    host,
    key,
    identifier,
    show(view) {
      host.setAttribute(BADGE_STATUS_ATTRIBUTE, view.status);
      const { text, label } = describe(key, view);
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
