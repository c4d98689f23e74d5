import { markupCandidate, textOf, within } from './dom-helpers.ts';
import { nearestBlock, pageTextFindings } from './page-text.ts';
import type { Finding, SiteAdapter } from './site-adapter.ts';
import { handleFromProfileUrl } from './social-links.ts';

/** Any page without an adapter of its own: text, mailto: links and links to social profiles. */
export const GENERIC_SELECTORS = {
  profileLink: 'a[href*="x.com/"], a[href*="twitter.com/"], a[href*="instagram.com/"], a[href*="/@"]',
} as const;

const scopeOf = (node: Node) => nearestBlock(node);
const messageTextOf = (scope: Node) => (scope.nodeType === 1 ? textOf(scope as Element) : '');

export const genericAdapter: SiteAdapter = {
  id: 'generic',
  // A bare @name on an unknown page is most often an X handle (and the demo stories happen there).
  network: 'x',
  matches: () => true,
  *find(root, env): Generator<Finding> {
    for (const link of within(root, GENERIC_SELECTORS.profileLink)) {
      if (env.seen.has(link)) continue;
      env.seen.add(link);
      const handle = handleFromProfileUrl(link.getAttribute('href') ?? '', link.ownerDocument.baseURI);
      if (!handle) continue;
      const scope = scopeOf(link);
      yield markupCandidate(handle, link, 'text', scope, () => messageTextOf(scope));
    }
    yield* pageTextFindings(root, env, { network: 'x', scopeOf, messageTextOf });
  },
};
