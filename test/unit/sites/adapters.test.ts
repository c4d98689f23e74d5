// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { normalizeIdentifier } from '../../../lib/contract/normalize.ts';
import { FRESHDESK_SELECTORS, freshdeskAdapter } from '../../../lib/sites/freshdesk.ts';
import { FRONT_SELECTORS, frontAdapter } from '../../../lib/sites/front.ts';
import { GENERIC_SELECTORS, genericAdapter } from '../../../lib/sites/generic.ts';
import { GMAIL_SELECTORS, gmailAdapter } from '../../../lib/sites/gmail.ts';
import { HELPSCOUT_SELECTORS, helpscoutAdapter } from '../../../lib/sites/helpscout.ts';
import { INSTAGRAM_SELECTORS, instagramAdapter } from '../../../lib/sites/instagram.ts';
import { INTERCOM_SELECTORS, intercomAdapter } from '../../../lib/sites/intercom.ts';
import { adapterFor } from '../../../lib/sites/registry.ts';
import { X_SELECTORS, xAdapter, xHandle } from '../../../lib/sites/x.ts';
import { ZENDESK_SELECTORS, zendeskAdapter } from '../../../lib/sites/zendesk.ts';
import { badged, loadFixture, unmatchedSelectors } from './support.ts';

const lines = (adapter: Parameters<typeof badged>[0]) => badged(adapter).map((b) => b.line);

describe('adapter registry', () => {
  it.each([
    ['https://x.com/home', 'x'],
    ['https://twitter.com/i/notifications', 'x'],
    ['https://mail.google.com/mail/u/0/#inbox', 'gmail'],
    ['https://acme.zendesk.com/agent/tickets/1', 'zendesk'],
    ['https://acme.freshdesk.com/a/tickets/7', 'freshdesk'],
    ['https://secure.helpscout.net/conversation/1/2', 'helpscout'],
    ['https://app.intercom.com/a/inbox/x', 'intercom'],
    ['https://app.frontapp.com/open/1', 'front'],
    ['https://www.instagram.com/p/abc/', 'instagram'],
    ['https://help.acme.test/ticket/3', 'generic'],
    ['https://evilx.com/', 'generic'],
  ])('%s → %s', (url, id) => {
    expect(adapterFor(url).id).toBe(id);
  });
});

describe('x.com', () => {
  it('selectors match the fixtures', () => {
    const timeline = unmatchedSelectors(X_SELECTORS, loadFixture('x-timeline.html'));
    const profile = unmatchedSelectors(X_SELECTORS, loadFixture('x-profile.html'));
    // Each selector matches in at least one of the two pages.
    expect(timeline.filter((s) => profile.includes(s))).toEqual([
      'notification: article[data-testid="notification"]',
      'dmMessage: [data-testid="messageEntry"]',
    ]);
  });

  it('badges each author once per post, mentions from links, quotes from text, never the reply box', () => {
    loadFixture('x-timeline.html');
    expect(lines(xAdapter)).toEqual([
      'author handle:x:sofiaflies',
      'author handle:x:dbrooks_travels',
      'author handle:x:tylertravelsworld',
      'author handle:x:random_user1',
      'mention handle:x:skyward',
      'mention handle:x:sofiaflies',
      'mention loyalty:SK204816',
      'mention handle:x:janesmith',
      'mention email:priya.nair@example.com',
    ]);
  });

  it('gives each author the text of their own post', () => {
    loadFixture('x-timeline.html');
    const found = badged(xAdapter);
    const text = (key: string) => found.find((b) => b.candidate.key === key)?.candidate.messageText();
    expect(text('handle:x:sofiaflies')).toMatch(/^Passengers have waited over an hour/);
    expect(text('handle:x:tylertravelsworld')).toBe('Quoted: lounge was great, thanks @janesmith');
  });

  it('reads the profile header, people lists and DM conversations', () => {
    loadFixture('x-profile.html');
    expect(lines(xAdapter)).toEqual([
      'author handle:x:priyanflies',
      'author handle:x:johnc_eats',
      'text handle:x:maryokafor',
    ]);
    expect(badged(xAdapter)[0]?.candidate.messageText()).toBe('Elite flyer. Never ask me twice.');
  });
});

describe('x.com, driven by the text walk', () => {
  const post = (inner: string) =>
    `<div data-testid="cellInnerDiv"><article data-testid="tweet">${inner}</article></div>`;
  const name = (handle: string, link = true) =>
    link
      ? `<div data-testid="User-Name"><a href="/${handle}"><span>Name</span></a><a href="/${handle}"><div><span>@${handle}</span></div></a></div>`
      : `<div data-testid="User-Name"><span>Name</span><div><span>@${handle}</span></div></div>`;

  it('reads handles as normalizeIdentifier does, without its Unicode pass', () => {
    for (const handle of ['Sofia_Flies', 'abc', 'X_123', 'a', 'ABCDEFGHIJ0123456789']) {
      expect(xHandle(handle)).toEqual(normalizeIdentifier({ kind: 'handle', network: 'x', value: handle }));
    }
  });

  it('keeps the author over a mention of the same person, also when the post quotes them', () => {
    document.body.innerHTML = post(
      `${name('alice')}<div data-testid="tweetText"><span>as </span><a href="/bob">@bob</a><span> said</span></div>` +
        `<div role="link">${name('bob', false)}<div data-testid="tweetText"><span>@alice</span></div></div>`,
    );
    expect(lines(xAdapter)).toEqual(['author handle:x:alice', 'author handle:x:bob']);
    const [alice, bob] = badged(xAdapter).map((b) => b.candidate);
    // Badges after the handle's link in a post, after the handle's element in a quote (it has no link).
    expect((alice?.anchor as Element).outerHTML).toBe('<a href="/alice"><div><span>@alice</span></div></a>');
    expect((bob?.anchor as Element).outerHTML).toBe('<span>@bob</span>');
    expect(alice?.scope).toBe(document.querySelector('article'));
  });

  it('badges a quote mention (text, no link) right after the handle', () => {
    document.body.innerHTML = post(
      `${name('alice')}<div role="link">${name('bob', false)}<div data-testid="tweetText"><span>@carol </span></div></div>`,
    );
    const carol = badged(xAdapter).find((b) => b.candidate.key === 'handle:x:carol')?.candidate;
    expect(carol?.role).toBe('mention');
    expect(carol?.offset).toBe('@carol'.length);
    expect(carol?.messageText()).toBe('@carol');
  });

  it('reads text outside posts (a reply line, a DM) but not the agent’s own account in the side nav', () => {
    document.body.innerHTML =
      '<nav><button data-testid="SideNav_AccountSwitcher_Button"><span>Agent</span><span>@our_agent</span></button></nav>' +
      post(`${name('alice')}<div><span>Replying to </span><a href="/dave"><span>@dave</span></a></div>`) +
      '<div data-testid="conversation"><span>@erin</span></div>';
    expect(lines(xAdapter)).toEqual(['author handle:x:alice', 'text handle:x:dave', 'text handle:x:erin']);
  });

  it('leaves the composer alone', () => {
    document.body.innerHTML =
      post(name('alice')) +
      '<div data-testid="tweetTextarea_0" contenteditable="true" role="textbox"><div><span>@frank hi</span></div></div>';
    expect(lines(xAdapter)).toEqual(['author handle:x:alice']);
  });
});

describe('Gmail', () => {
  it('selectors match the fixture', () => {
    expect(unmatchedSelectors(GMAIL_SELECTORS, loadFixture('gmail-inbox.html'))).toEqual([]);
  });

  it('reads senders and recipients from email attributes, skips "me", and reads the body', () => {
    loadFixture('gmail-inbox.html');
    expect(lines(gmailAdapter)).toEqual([
      'sender email:sofia.reyes@example.com',
      'sender email:john.carter@example.net',
      'sender email:nobody@example.com',
      'sender email:mary.okafor@example.org',
      'recipient email:support@example.com',
      'recipient email:daniel.brooks@example.com',
      'text loyalty:SK204816',
      // Right to left within one text node (see page-text.ts).
      'text email:jane.smith@example.com',
      'text loyalty:DP778201',
    ]);
    const first = badged(gmailAdapter)[0]?.candidate;
    expect(first?.messageText()).toBe('Bags never arrived — - landed yesterday on XX123, card SK-204816');
  });
});

describe.each([
  [
    'zendesk-ticket.html',
    zendeskAdapter,
    ZENDESK_SELECTORS,
    [
      'requester email:daniel.brooks@example.com',
      'cc email:jane.smith@example.com',
      'cc email:priya.nair@example.com',
      'author email:daniel.brooks@example.com',
      'author email:nobody@example.com',
      'text order:O12345',
      'text loyalty:HH900075',
    ],
  ],
  [
    'freshdesk-ticket.html',
    freshdeskAdapter,
    FRESHDESK_SELECTORS,
    [
      'requester email:john.carter@example.net',
      'cc email:mary.okafor@example.org',
      'author email:john.carter@example.net',
      'text order:O55120',
    ],
  ],
  [
    'helpscout-conversation.html',
    helpscoutAdapter,
    HELPSCOUT_SELECTORS,
    [
      'requester email:priya.nair@example.com',
      'cc email:jane.smith@example.com',
      'author email:priya.nair@example.com',
      'text loyalty:SK100042',
    ],
  ],
  [
    'intercom-inbox.html',
    intercomAdapter,
    INTERCOM_SELECTORS,
    ['requester email:sofia.reyes@example.com', 'author email:sofia.reyes@example.com'],
  ],
  [
    'front-message.html',
    frontAdapter,
    FRONT_SELECTORS,
    [
      'sender email:mary.okafor@example.org',
      'recipient email:support@example.com',
      'cc email:john.carter@example.net',
    ],
  ],
  [
    'instagram-post.html',
    instagramAdapter,
    INSTAGRAM_SELECTORS,
    [
      'author handle:instagram:johnc_eats',
      'author handle:instagram:tylertravelsworld',
      'author handle:instagram:maryokafor',
      'text handle:instagram:maryokafor',
    ],
  ],
  [
    'generic-page.html',
    genericAdapter,
    GENERIC_SELECTORS,
    [
      'text handle:x:dbrooks_travels',
      'text handle:fediverse:jane@mastodon.social',
      'text email:sofia.reyes@example.com',
      'text handle:x:random_user1',
      'text loyalty:LC000123',
    ],
  ],
] as const)('%s', (fixture, adapter, selectors, expected) => {
  it('selectors match the fixture', () => {
    expect(unmatchedSelectors(selectors, loadFixture(fixture))).toEqual([]);
  });
  it('finds the right people with the right roles', () => {
    loadFixture(fixture);
    expect(lines(adapter)).toEqual(expected);
  });
});
