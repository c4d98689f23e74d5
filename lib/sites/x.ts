import { identityKey } from '../contract/normalize.ts';
import { extractIdentifiers } from '../detect/extract-identifiers.ts';
import { createSkipCheck } from '../detect/skip-rules.ts';
import { mayHoldIdentifier } from '../detect/text-prefilter.ts';
import { extractMentions } from '../detect/twitter-mentions.ts';
import { textOf } from './dom-helpers.ts';
import { CHECKPOINT_EVERY, nearestBlock, textCandidates } from './page-text.ts';
import { type Candidate, type FindEnv, type Finding, hostIs, type SiteAdapter } from './site-adapter.ts';

// Checked against a real saved x.com home timeline (../shared/corpora/pages/x.com) and our synthetic
// fixtures in test/fixtures/sites/x-*.html; test/unit/sites/adapters.test.ts and real-pages.test.ts fail when one stops matching.
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

/** The `data-testid` of the places a handle is read from: a post's (or quote's) author line, a post's text, a
 *  profile header, a list cell (the values in X_SELECTORS.userName, tweetText, profileName, userCell). */
const PLACE_IDS = new Set(['User-Name', 'tweetText', 'UserName', 'UserCell']);
/** Test ids that end the search for a place: the message around it (X_SELECTORS' tweet, notification, DMs). */
const SCOPE_IDS = new Set(['tweet', 'notification', 'messageEntry', 'conversation']);
/** The side navigation's account switcher shows the signed-in agent's own name and handle: like Gmail's "me",
 *  the agent is not a customer. */
const AGENT_OWN_IDS = new Set(['SideNav_AccountSwitcher_Button']);
const TEST_ID = 'data-testid';
const HAS_TEST_ID = '[data-testid]';
const LINK_OR_TEST_ID = 'a, [data-testid]';

/** Where a text node sits, as `locate` found it (fields of the walk, so that no object is made per node). */
interface Location {
  /** The name block, post text, profile header or list cell, or null. */
  place: Element | null;
  /** Its `data-testid`. */
  kind: string;
  /** Outside any place: the nearest message element with a test id above the node, or null. */
  message: Element | null;
  /** In a place: the nearest link at or above the node inside it (or the place itself), as `closest('a')`
   *  kept only when the place contains it; else null. */
  link: Element | null;
}

/**
 * Finds the place a text node's parent sits in, by its `data-testid` ancestors: `closest('[data-testid]')`, one
 * attribute test per ancestor, then the value read once; a selector list of the four places costs four tests
 * per ancestor (`closest()` with one simple selector is several times faster than with a list). Usually the
 * first test id met is the place. Links are looked for on the same way up, until the first one: a separate
 * `closest('a')` goes on to the document's root when there is none (a quote's author line, text in a post),
 * and costs as much as finding the place. False when the node is the agent's own account, not to be badged.
 */
function locate(element: Element, out: Location): boolean {
  out.place = null;
  out.kind = '';
  out.message = null;
  out.link = null;
  let selector = LINK_OR_TEST_ID;
  let at = element.closest(selector);
  while (at) {
    if (selector === LINK_OR_TEST_ID && at.localName === 'a') {
      out.link = at;
      selector = HAS_TEST_ID;
      // The link itself may carry a test id.
      at = at.closest(selector);
      continue;
    }
    const id = at.getAttribute(TEST_ID) ?? '';
    if (PLACE_IDS.has(id)) {
      out.place = at;
      out.kind = id;
      return true;
    }
    if (SCOPE_IDS.has(id)) {
      out.message = at;
      return true;
    }
    if (AGENT_OWN_IDS.has(id)) return false;
    at = at.parentElement?.closest(selector) ?? null;
  }
  return true;
}

/**
 * The identifier of an x.com handle as `normalizeIdentifier` makes it, without its Unicode normalisation: the
 * handle was read as ASCII letters, digits and `_` (exactHandle, twitter-text's mention pattern), which
 * NFKC leaves as they are; test/unit/sites/adapters.test.ts checks both agree.
 */
export function xHandle(asciiHandle: string): Candidate['identifier'] {
  return { kind: 'handle', network: 'x', value: asciiHandle.toLowerCase() };
}

function handleCandidate(
  handle: string,
  anchor: Element | Text,
  role: 'author' | 'mention',
  scope: Node,
  messageText: () => string,
): Candidate {
  const identifier = xHandle(handle);
  // Screened: a name block or post text is never an editor nor our UI (see the walk below).
  return { identifier, key: identityKey(identifier), role, anchor, scope, messageText, screened: true };
}

const scopeOf = (node: Node): Node => {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(SCOPE) ?? nearestBlock(node);
};

/**
 * The message a name block or post text belongs to, as `scopeOf` would say, cheaper: a list cell and a profile
 * header are their own message; a post's name block and text belong to the post around them, found by tag
 * (a selector list matched on each ancestor costs several times more; a post never holds a cell, a DM or a
 * profile header, the other scopes).
 */
function scopeOfPlace(place: Element, kind: string): Node {
  if (kind === 'UserCell' || kind === 'UserName') return place;
  return place.closest('article') ?? scopeOf(place);
}

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

/** What an author's badge offers as "the message": their post, their bio, or their list cell. */
function authorMessageText(block: Element): string {
  switch (block.getAttribute(TEST_ID)) {
    case 'UserName':
      return textOf(block.ownerDocument.querySelector(X_SELECTORS.profileBio));
    case 'UserCell':
      return textOf(block);
    default:
      return postTextNear(block);
  }
}

/** The screen name a link's text starts with as a mention (`@name`, not a list), or null. */
function mentionAtStart(text: string): string | null {
  const [mention] = extractMentions(text.trim());
  return mention && mention.start === 0 ? mention.screenName : null;
}

/** The scope of text in no message (side columns, headers): an article or block around it, as `scopeOf`. */
function outsideMessages(element: Element): Node {
  return element.closest('article') ?? nearestBlock(element);
}

/** `@handle` alone in a text node (surrounding spaces aside): the handle, else null. A loop over at most 21
 *  characters, where a regex would allocate its match: this runs for every `@` text node of the page. */
function exactHandle(data: string): string | null {
  const text = data.trim();
  const at = text.charCodeAt(0);
  if ((at !== 0x40 && at !== 0xff20) || text.length < 2 || text.length > 21) return null;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // [A-Za-z0-9_]
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) return null;
  }
  return text.slice(1);
}

/** One walk's state: the found candidates wait here until the generator hands them out. */
interface XWalk extends Location {
  env: FindEnv;
  walker: TreeWalker;
  /** The root itself when it is a text node (a TreeWalker never returns its root). */
  first: Node | null;
  isSkipped: (element: Element | null) => boolean;
  withNumbers: boolean;
  /** The author block badged last: a second `@handle` in one (rare) is read as text. */
  lastAuthorBlock: Element | null;
  authors: Candidate[];
  links: Candidate[];
  texts: Candidate[];
  read: number;
}

/**
 * The x.com adapter is driven by one walk over the page's text, like the bare walk it is measured against
 * (bench/scan-chromium.ts): every handle x.com shows appears in text as `@handle` (the author line of a post,
 * a profile header, a list cell, a mention link), so only the few text nodes holding an `@` (or a digit, with
 * card/order patterns) are looked at, and classified by their nearest `data-testid` ancestor. Selector
 * queries over the whole page (five of them, before) each cost as much as the walk itself on x.com's 15k
 * elements. The walk itself is a plain function over a slice of nodes (the generator only pauses between
 * slices), so that the loop run for every text node is compiled like the bare walk's.
 *
 * Authors are handed out first, mentions and other text after the walk: the annotator keeps the first badge
 * per identity per post, and a post's author must win over the same person mentioned in it (a post quoting
 * someone it also mentions). Mention links come before other text, as they always have.
 */
function* findOnX(root: Node, env: FindEnv): Generator<Finding> {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc) return;
  const isSkipped = env.isSkipped ?? createSkipCheck();
  const start = root.nodeType === 1 ? (root as Element) : root.parentElement;
  if (start && isSkipped(start)) return;
  const walk: XWalk = {
    env,
    walker: doc.createTreeWalker(root, NodeFilter.SHOW_TEXT),
    first: root.nodeType === 3 ? root : null,
    isSkipped,
    withNumbers: env.patterns.active,
    lastAuthorBlock: null,
    place: null,
    kind: '',
    message: null,
    link: null,
    authors: [],
    links: [],
    texts: [],
    read: 0,
  };
  let more = true;
  while (more) {
    more = walkSome(walk, CHECKPOINT_EVERY);
    for (let i = 0; i < walk.authors.length; i++) yield walk.authors[i] as Candidate;
    walk.authors.length = 0;
    if (more) yield null;
  }
  env.stats.textNodes += walk.read;
  for (let i = 0; i < walk.links.length; i++) yield walk.links[i] as Candidate;
  for (let i = 0; i < walk.texts.length; i++) yield walk.texts[i] as Candidate;
}

/** Reads up to `budget` text nodes; false when the walk is over. */
function walkSome(walk: XWalk, budget: number): boolean {
  const { walker, withNumbers } = walk;
  const seen = walk.env.seen;
  let node = walk.first ?? walker.nextNode();
  walk.first = null;
  let read = 0;
  for (; node; node = walker.nextNode()) {
    read++;
    const data = (node as Text).data;
    if (mayHoldIdentifier(data, withNumbers) && !seen.has(node)) classify(walk, node as Text, data);
    if (read >= budget) break;
  }
  walk.read += read;
  return node !== null;
}

/** One text node that may hold an identifier: an author, a mention link, or identifiers in text. */
function classify(walk: XWalk, text: Text, data: string): void {
  const parent = text.parentElement;
  if (!parent) return;
  // A name block or a post's text is x.com's display of posts and people, never an editor (the composer is
  // a DraftJS editor holding none of them) nor our own UI: no walk up to the root for the skip rules there,
  // which would cost more than the whole text walk. Text anywhere else gets the full skip rules.
  if (!locate(parent, walk)) return;
  const { place, kind } = walk;
  if (!place && walk.isSkipped(parent)) return;
  // Text elsewhere is marked read, so that a rescan skips its extractors. A name or a post's text is not: a
  // WeakSet insert per hit costs as much as its classification, and a full rescan (after an SPA navigation)
  // that meets it again makes a candidate the annotator drops (one badge per identity per message).
  if (!place) walk.env.seen.add(text);

  if (place && kind !== 'tweetText' && place !== walk.lastAuthorBlock) {
    const handle = exactHandle(data);
    if (handle) {
      walk.lastAuthorBlock = place;
      // The badge goes after the link holding the handle (posts, cells) or its element (quotes, profiles).
      const anchor = walk.link ?? parent;
      walk.authors.push(
        handleCandidate(handle, anchor, 'author', scopeOfPlace(place, kind), () => authorMessageText(place)),
      );
      return;
    }
  }

  if (place && kind === 'tweetText') {
    // A mention link: the handle comes from the link, the badge goes after it. A link is read at its first
    // `@` text node; another one inside it would give the same candidate, which the annotator drops.
    const link = walk.link;
    if (link?.hasAttribute('href')) {
      // x.com renders a mention link as one text node, `@handle`: read it without the mention regex.
      const handle = exactHandle(data) ?? mentionAtStart(link.textContent ?? '');
      if (handle) {
        walk.links.push(
          handleCandidate(handle, link, 'mention', scopeOfPlace(place, kind), () => postTextNear(link)),
        );
        return;
      }
    }
  }

  const scopeNow = () =>
    place ? scopeOfPlace(place, kind) : walk.message ? scopeOf(text) : outsideMessages(parent);
  // A quote's mention (no link there) is a text node `@handle` of its own, like a link's: read it directly.
  const handle = kind === 'tweetText' ? exactHandle(data) : null;
  if (handle) {
    const scope = scopeNow();
    const mention = handleCandidate(handle, text, 'mention', scope, () => postTextNear(scope as Element));
    mention.offset = data.trimEnd().length;
    walk.texts.push(mention);
    return;
  }

  // Everything else in text: mentions in quotes (not links there), e-mail addresses, card numbers.
  const found = extractIdentifiers(data, 'x', walk.env.patterns);
  if (found.length === 0) return;
  const scope = scopeNow();
  const role = kind === 'tweetText' ? 'mention' : 'text';
  for (const candidate of textCandidates(text, found, scope, role, () =>
    scope.nodeType === 1 ? postTextNear(scope as Element) : '',
  )) {
    // Screened: a place needs no skip check (above), text elsewhere had it.
    candidate.screened = true;
    walk.texts.push(candidate);
  }
}

export const xAdapter: SiteAdapter = {
  id: 'x',
  network: 'x',
  matches: (url) => hostIs(url, 'x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com'),
  // The saved home timeline has neither shadow roots nor frames; embedded media frames are cross-origin.
  nestedRoots: false,
  find: findOnX,
};
