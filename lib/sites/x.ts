import { extractMentions } from '../detect/twitter-mentions.ts';
import { markupCandidate, textOf, within } from './dom-helpers.ts';
import { nearestBlock, pageTextFindings } from './page-text.ts';
import { type FindEnv, type Finding, hostIs, type SiteAdapter } from './site-adapter.ts';

// Checked against a real saved x.com home timeline (../shared/corpora/pages/x.com) and our synthetic
// fixtures in test/fixtures/sites/x-*.html; test/unit/sites/x.test.ts fails when one stops matching.
export const X_SELECTORS = {
  /** One post: timeline, tweet detail, search results, notifications that quote a post. */
  tweet: 'article[data-testid="tweet"]',
  /** Name + @handle + time of a post's author; also of a quoted post's author (without links there). */
  userName: '[data-testid="User-Name"]',
  tweetText: '[data-testid="tweetText"]',
  /** Profile page header (no hyphen, unlike posts) and its bio. */
  profileName: '[data-testid="UserName"]',
  profileBio: '[data-testid="UserDescription"]',
  /** A person in a list: who to follow, followers, search "People", notification groups. */
  userCell: '[data-testid="UserCell"]',
  notification: 'article[data-testid="notification"]',
  /** Direct messages: one bubble, one conversation in the list. */
  dmMessage: '[data-testid="messageEntry"]',
  dmConversation: '[data-testid="conversation"]',
} as const;

const SCOPE = [
  X_SELECTORS.tweet,
  X_SELECTORS.notification,
  X_SELECTORS.userCell,
  X_SELECTORS.dmMessage,
  X_SELECTORS.dmConversation,
  X_SELECTORS.profileName,
  'article',
].join(', ');

const HANDLE_TEXT = /^[@＠]([A-Za-z0-9_]{1,20})$/;

const scopeOf = (node: Node): Node => {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(SCOPE) ?? nearestBlock(node);
};

/** The text of the post an element belongs to: the nearest tweetText going up (a quote has its own). */
function postTextNear(element: Element): string {
  const scope = element.closest(SCOPE);
  for (let at: Element | null = element; at; at = at.parentElement) {
    const text = at.querySelector(X_SELECTORS.tweetText);
    if (text) return textOf(text);
    if (at === scope) break;
  }
  return textOf(scope);
}

/** The element showing exactly `@handle` inside a name block: the handle read from markup, not prose. */
function handleElement(block: Element): { element: Element; handle: string; text: Text } | null {
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const match = HANDLE_TEXT.exec((node as Text).data.trim());
    if (!match?.[1] || !node.parentElement) continue;
    // Badge after the link (posts) or the element (quotes, profile header) holding the handle.
    return {
      element: node.parentElement.closest('a') ?? node.parentElement,
      handle: match[1],
      text: node as Text,
    };
  }
  return null;
}

function* authors(
  root: Node,
  env: FindEnv,
  selector: string,
  messageText: (el: Element) => string,
): Generator<Finding> {
  for (const block of within(root, selector)) {
    const found = handleElement(block);
    // A checkpoint per block even when it yields nothing: a rescan of a long timeline meets only seen ones.
    if (!found || env.seen.has(found.element)) {
      yield null;
      continue;
    }
    env.seen.add(found.element);
    env.seen.add(found.text);
    const scope = scopeOf(block);
    yield markupCandidate(
      { kind: 'handle', network: 'x', value: found.handle },
      found.element,
      'author',
      scope,
      () => messageText(block),
    );
  }
}

export const xAdapter: SiteAdapter = {
  id: 'x',
  network: 'x',
  matches: (url) => hostIs(url, 'x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com'),
  *find(root, env): Generator<Finding> {
    // Authors first, so that the name block's badge is the one kept for the post.
    yield* authors(root, env, X_SELECTORS.userName, postTextNear);
    yield* authors(root, env, X_SELECTORS.profileName, (el) =>
      textOf(el.ownerDocument.querySelector(X_SELECTORS.profileBio)),
    );
    yield* authors(root, env, X_SELECTORS.userCell, (el) => textOf(el));
    // Mention links in a post: the handle comes from the link, the badge goes after it.
    for (const link of within(root, `${X_SELECTORS.tweetText} a[href]`)) {
      if (env.seen.has(link)) {
        yield null;
        continue;
      }
      const [mention] = extractMentions((link.textContent ?? '').trim());
      if (!mention || mention.start !== 0) continue;
      env.seen.add(link);
      for (const text of walkText(link)) env.seen.add(text);
      yield markupCandidate(
        { kind: 'handle', network: 'x', value: mention.screenName },
        link,
        'mention',
        scopeOf(link),
        () => postTextNear(link),
      );
    }
    // Everything else in text: mentions in quotes (not links there), e-mail addresses, card numbers.
    yield* pageTextFindings(root, env, {
      network: 'x',
      scopeOf,
      roleOf: (node) => (node.parentElement?.closest(X_SELECTORS.tweetText) ? 'mention' : 'text'),
      messageTextOf: (scope) => (scope.nodeType === 1 ? postTextNear(scope as Element) : ''),
    });
  },
};

function* walkText(element: Element): Generator<Text> {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) yield node as Text;
}
