// @vitest-environment happy-dom
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gmailAdapter } from '../../../lib/sites/gmail.ts';
import { X_SELECTORS, xAdapter } from '../../../lib/sites/x.ts';
import { ROOT_OF_REPO } from './root.ts';
import { badged } from './support.ts';

// Real saved pages kept beside the repository (../shared/corpora/pages, see its README): their markup is
// what our selectors must keep matching. They are parsed, never run (DOMParser does not execute scripts).
const PAGES = path.resolve(ROOT_OF_REPO, '../shared/corpora/pages');
const present = existsSync(PAGES);
const title = present ? 'real saved pages' : `real saved pages — SKIPPED: ${PAGES} is absent (CI has it)`;

function loadReal(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(path.join(PAGES, file), 'utf8'), 'text/html');
}

describe.skipIf(!present)(title, () => {
  it('x.com home timeline: every post gets its author badged exactly once', () => {
    const doc = loadReal('x.com/home-timeline.html');
    const tweets = [...doc.querySelectorAll(X_SELECTORS.tweet)];
    // The corpus README counts 27 "tweet" test ids, but 7 of those are in an injected stylesheet's text:
    // the page holds 20 posts and 29 name blocks (20 authors plus 9 quoted posts' authors).
    expect(tweets.length).toBe(20);
    expect(doc.querySelectorAll(X_SELECTORS.userName).length).toBe(29);
    const found = badged(xAdapter, doc.body);
    const authors = found.filter((b) => b.candidate.role === 'author');
    for (const tweet of tweets) {
      const mine = authors.filter((b) => b.candidate.scope === tweet);
      const handle = [...tweet.querySelectorAll(`${X_SELECTORS.userName} a[href] span`)]
        .map((span) => span.textContent?.trim() ?? '')
        .find((text) => text.startsWith('@'))
        ?.slice(1);
      expect(mine.length, `authors in the post by ${handle}`).toBeGreaterThanOrEqual(1);
      expect(mine[0]?.candidate.identifier).toEqual({
        kind: 'handle',
        network: 'x',
        value: handle?.toLowerCase(),
      });
      // Never the same person twice in one post.
      expect(new Set(mine.map((b) => b.candidate.key)).size).toBe(mine.length);
    }
    const inPosts = authors.filter((b) => tweets.includes(b.candidate.scope as Element));
    expect(inPosts.length).toBe(29 - duplicatesOfAuthorsInQuotes(doc));
    // The rest are people in lists ("Who to follow"): one each.
    expect(authors.length - inPosts.length).toBe(doc.querySelectorAll(X_SELECTORS.userCell).length);
    // Mention links in post text.
    const mentions = found.filter((b) => b.candidate.role === 'mention');
    expect(mentions.length).toBeGreaterThanOrEqual(3);
    // The signed-in agent's own handle (side nav, account switcher) is not a customer.
    const own = doc.querySelector('[data-testid="SideNav_AccountSwitcher_Button"]');
    expect(own?.textContent).toContain('@');
    expect(found.filter((b) => own?.contains(b.candidate.anchor))).toEqual([]);
  });

  it('Gmail thread list: every sender with an address, "me" left out', () => {
    const doc = loadReal('gmail/thread-list.html');
    expect(doc.querySelectorAll('tr.zA').length).toBe(16);
    const senders = badged(gmailAdapter, doc.body).filter((b) => b.candidate.role === 'sender');
    const expected = [...doc.querySelectorAll('tr.zA')].reduce((n, row) => {
      const keys = new Set(
        [...row.querySelectorAll('span.zF[email], span.yP[email]')]
          .filter((s) => s.getAttribute('name') !== 'me')
          .map((s) => s.getAttribute('email')),
      );
      return n + keys.size;
    }, 0);
    expect(senders.length).toBe(expected);
    expect(senders.length).toBeGreaterThanOrEqual(13);
    expect(new Set(senders.map((b) => b.candidate.key))).toContain('email:news@twilio.com');
  });
});

/** Quoted posts by the post's own author add no second badge in that post. */
function duplicatesOfAuthorsInQuotes(doc: Document): number {
  let duplicates = 0;
  for (const tweet of doc.querySelectorAll(X_SELECTORS.tweet)) {
    const handles = [...tweet.querySelectorAll(X_SELECTORS.userName)].map((block) =>
      [...block.querySelectorAll('span')]
        .map((s) => s.textContent?.trim() ?? '')
        .find((t) => /^@\w+$/.test(t))
        ?.toLowerCase(),
    );
    duplicates += handles.length - new Set(handles).size;
  }
  return duplicates;
}
