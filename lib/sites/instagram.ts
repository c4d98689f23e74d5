import { markupCandidate, textOf, within } from './dom-helpers.ts';
import { nearestBlock, pageTextFindings } from './page-text.ts';
import { type Finding, hostIs, type SiteAdapter } from './site-adapter.ts';
import { handleFromProfileUrl } from './social-links.ts';

// Instagram web. No saved real page here: selectors from our knowledge of its markup (class names are
// obfuscated, so only structure and roles), mirrored by test/fixtures/sites/instagram-*.html (which say so).
export const INSTAGRAM_SELECTORS = {
  /** A post, with its caption and comments as list items. */
  post: 'article',
  comment: 'article ul li',
  /** A person's name links to `/name/`; the comment author is the first one in the item. */
  authorLink: 'a[role="link"][href^="/"]',
  /** Profile page: the username heading in the header. */
  profileName: 'header section h2',
} as const;

const scopeOf = (node: Node): Node => {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(`${INSTAGRAM_SELECTORS.comment}, header`) ?? nearestBlock(node);
};
const messageTextOf = (scope: Node) => (scope.nodeType === 1 ? textOf(scope as Element) : '');

export const instagramAdapter: SiteAdapter = {
  id: 'instagram',
  network: 'instagram',
  matches: (url) => hostIs(url, 'www.instagram.com', 'instagram.com'),
  *find(root, env): Generator<Finding> {
    for (const comment of within(root, INSTAGRAM_SELECTORS.comment)) {
      if (env.seen.has(comment)) continue;
      env.seen.add(comment);
      // The first link that shows the name itself (the avatar links to the same place, without text).
      for (const link of comment.querySelectorAll(INSTAGRAM_SELECTORS.authorLink)) {
        const handle = handleFromProfileUrl(link.getAttribute('href') ?? '', 'https://www.instagram.com/');
        if (handle?.kind !== 'handle') continue;
        if ((link.textContent ?? '').trim().toLowerCase() !== handle.value.toLowerCase()) continue;
        yield markupCandidate(handle, link, 'author', comment, () => messageTextOf(comment));
        break;
      }
    }
    for (const heading of within(root, INSTAGRAM_SELECTORS.profileName)) {
      if (env.seen.has(heading)) continue;
      env.seen.add(heading);
      const name = (heading.textContent ?? '').trim();
      if (!/^[A-Za-z0-9_.]{1,30}$/.test(name)) continue;
      const header = heading.closest('header') ?? heading;
      yield markupCandidate(
        { kind: 'handle', network: 'instagram', value: name },
        heading,
        'author',
        header,
        () => messageTextOf(header),
      );
    }
    yield* pageTextFindings(root, env, { network: 'instagram', scopeOf, messageTextOf });
  },
};
