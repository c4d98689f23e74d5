// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdentitiesChangedNotifier, revealIdentity } from '../../../lib/inpage/reveal-identity.ts';

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

function page() {
  document.body.innerHTML = `
    <article data-testid="tweet"><a href="/janesmith">@janesmith</a><known-badge data-known-identity="handle:x:janesmith"></known-badge>
      <div data-testid="tweetText">Lovely stay, thanks!</div></article>
    <article data-testid="tweet"><a href="/dbrooks_travels">@dbrooks_travels</a><known-badge data-known-identity="handle:x:dbrooks_travels"></known-badge>
      <div data-testid="tweetText">Front desk told me to "use the form".</div></article>`;
  const hosts = [...document.querySelectorAll<HTMLElement>('known-badge')];
  const scrolled: Element[] = [];
  for (const host of hosts)
    host.scrollIntoView = function (this: HTMLElement) {
      scrolled.push(this);
    };
  return { hosts, scrolled };
}

describe('revealIdentity', () => {
  it("scrolls to the identity's badge, outlines it for a moment and answers the message around it", () => {
    vi.useFakeTimers();
    const { hosts, scrolled } = page();
    const daniel = hosts[1] as HTMLElement;
    const answer = revealIdentity(document, 'handle:x:dbrooks_travels');
    expect(answer.found).toBe(true);
    expect(answer.messageText).toMatch(/@dbrooks_travels Front desk told me to "use the form"\./);
    expect(answer.messageText).not.toMatch(/Lovely stay/);
    expect(scrolled).toEqual([daniel]);
    expect(daniel.style.getPropertyValue('outline')).not.toBe('');
    vi.advanceTimersByTime(2_500);
    expect(daniel.style.getPropertyValue('outline')).toBe('');
  });

  it('answers not found for an identity that is no longer on the page (a virtualised timeline)', () => {
    page();
    expect(revealIdentity(document, 'handle:x:tylertravelsworld')).toEqual({ found: false });
    // A key with quotes cannot break out of the selector.
    expect(revealIdentity(document, 'handle:x:"]')).toEqual({ found: false });
  });
});

describe('createIdentitiesChangedNotifier', () => {
  it('sends one note per burst of answered lookups, and again for the next burst', async () => {
    vi.useFakeTimers();
    let sent = 0;
    const notify = createIdentitiesChangedNotifier(
      async () => {
        sent++;
      },
      setTimeout,
      400,
    );
    notify();
    notify();
    notify();
    expect(sent).toBe(0);
    vi.advanceTimersByTime(400);
    expect(sent).toBe(1);
    notify();
    vi.advanceTimersByTime(400);
    expect(sent).toBe(2);
  });

  it('swallows the failure of a note nobody receives (no sidebar open)', async () => {
    vi.useFakeTimers();
    const notify = createIdentitiesChangedNotifier(() =>
      Promise.reject(new Error('Receiving end does not exist')),
    );
    notify();
    vi.advanceTimersByTime(1_000);
    await Promise.resolve();
  });
});
