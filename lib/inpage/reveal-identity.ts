import { BADGE_IDENTITY_ATTRIBUTE } from '../detect/skip-rules.ts';

// "Who's here" (issue 6), page side: the sidebar's list names an identity, the page scrolls to its badge.
// Only our own badge hosts are touched; nothing about the person is written into the page.

/** What `revealIdentity` answers (the background parses it with RevealResult). */
export interface Revealed {
  found: boolean;
  /** The text of the message the badge sits in, for the suggestions (never leaves the browser). */
  messageText?: string;
}

/** Elements that hold one message on the sites we know (a post, a notification, a mail, a ticket comment). */
const MESSAGE_SCOPE = 'article, [role="article"], [role="listitem"], li, tr, blockquote';
const MAX_TEXT = 5000;
const HIGHLIGHT_MS = 2000;

function messageTextAround(host: Element): string | undefined {
  const scope = host.closest(MESSAGE_SCOPE) ?? host.parentElement;
  // Badges live in closed shadow roots, so their text is not part of the scope's textContent.
  const text = scope?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, MAX_TEXT) : undefined;
}

/**
 * Scrolls the first badge of `key` still in the page into the middle of the view and outlines it for a
 * moment, so the agent's eye lands on it. Focus stays in the sidebar (keyboard users are working there).
 */
export function revealIdentity(doc: Document, key: string): Revealed {
  // Compared as a string, not put into a selector: a key is data, whatever characters it holds.
  const host = [...doc.querySelectorAll(`[${BADGE_IDENTITY_ATTRIBUTE}]`)].find(
    (element): element is HTMLElement =>
      element.getAttribute(BADGE_IDENTITY_ATTRIBUTE) === key && element.isConnected && 'style' in element,
  );
  if (!host) return { found: false };
  const reduced = doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  host.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduced ? 'auto' : 'smooth' });
  // Inline style on our own host element: it beats the `all: initial` of the badge's :host rule.
  host.style.setProperty('outline', '3px solid #2563eb');
  host.style.setProperty('outline-offset', '2px');
  host.style.setProperty('border-radius', '8px');
  setTimeout(() => {
    host.style.removeProperty('outline');
    host.style.removeProperty('outline-offset');
    host.style.removeProperty('border-radius');
  }, HIGHLIGHT_MS);
  const messageText = messageTextAround(host);
  return { found: true, ...(messageText ? { messageText } : {}) };
}

/**
 * Tells the sidebar (if one is open) that badges were added or answered, at most once per `delayMs`: on an
 * infinite-scroll page lookups finish in bursts, and the list needs one refresh per burst, not per lookup.
 */
export function createIdentitiesChangedNotifier(
  send: () => Promise<unknown>,
  schedule: (run: () => void, ms: number) => unknown = setTimeout,
  delayMs = 400,
): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    schedule(() => {
      pending = false;
      // No sidebar open means no receiver: that is the usual case, not an error.
      send().catch(() => undefined);
    }, delayMs);
  };
}
