// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Identifier } from '../../../lib/contract/identifier.ts';
import { identityKey } from '../../../lib/contract/normalize.ts';
import { startPageAnnotator } from '../../../lib/inpage/annotate-page.ts';
import type { Badge } from '../../../lib/inpage/badge.ts';
import type { BadgeResult } from '../../../lib/messaging/schemas.ts';

const statuses = () =>
  [...document.querySelectorAll('[data-known-identity]')].map(
    (host) => `${host.getAttribute('data-known-identity')}=${host.getAttribute('data-known-status')}`,
  );

const answer = (identifiers: Identifier[]): BadgeResult[] =>
  identifiers.map((identifier) => {
    const key = identityKey(identifier);
    return key === 'handle:x:sofiaflies'
      ? { key, status: 'matched', label: 'Gold' }
      : { key, status: 'unknown' };
  });

function setup(lookup: (identifiers: Identifier[]) => Promise<BadgeResult[]>) {
  const asked: Identifier[][] = [];
  const activated: Badge[] = [];
  let flush: (() => void) | undefined;
  const controller = new AbortController();
  startPageAnnotator({
    root: document.body,
    network: 'x',
    signal: controller.signal,
    lookup: (identifiers) => {
      asked.push(identifiers);
      return lookup(identifiers);
    },
    onActivate: (badge) => activated.push(badge),
    schedule: (run) => {
      flush = run;
    },
  });
  return { asked, activated, flush: () => flush?.(), controller };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('startPageAnnotator', () => {
  it('puts a badge right after each identifier and asks once per identity', async () => {
    document.body.innerHTML = '<p>@sofiaflies and @random_user1 and @SofiaFlies.</p>';
    const { asked } = setup(async (ids) => answer(ids));
    await settle();
    expect(asked).toHaveLength(1);
    expect(asked[0]?.map(identityKey)).toEqual(['handle:x:sofiaflies', 'handle:x:random_user1']);
    expect(statuses()).toEqual([
      'handle:x:sofiaflies=matched',
      'handle:x:random_user1=unknown',
      'handle:x:sofiaflies=matched',
    ]);
    // The page's text is intact, with each badge right after its identifier.
    const paragraph = document.querySelector('p') as HTMLElement;
    expect(paragraph.textContent).toBe('@sofiaflies and @random_user1 and @SofiaFlies.');
    expect(paragraph.childNodes[0]?.textContent).toBe('@sofiaflies');
    expect((paragraph.childNodes[1] as Element).tagName.toLowerCase()).toBe('known-badge');
  });

  it('badges nodes added later, reusing answers it already has', async () => {
    document.body.innerHTML = '<p>@sofiaflies</p>';
    const { asked, flush } = setup(async (ids) => answer(ids));
    await settle();
    const late = document.createElement('p');
    late.textContent = 'again @sofiaflies';
    document.body.append(late);
    await settle();
    flush();
    await settle();
    expect(asked).toHaveLength(1);
    expect(statuses()).toEqual(['handle:x:sofiaflies=matched', 'handle:x:sofiaflies=matched']);
  });

  it('marks badges as errors when the extension cannot be asked, without throwing', async () => {
    document.body.innerHTML = '<p>@sofiaflies</p>';
    setup(async () => {
      throw new Error('Extension context invalidated.');
    });
    await settle();
    expect(statuses()).toEqual(['handle:x:sofiaflies=error']);
  });

  it('activates on a click of its button, which does not follow the surrounding link', async () => {
    // The shadow root is closed, so the test keeps the roots as they are attached, like a browser's
    // devtools would show them; the page itself gets null from host.shadowRoot.
    const roots: ShadowRoot[] = [];
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    };
    try {
      document.body.innerHTML = '<a href="/sofiaflies">@sofiaflies</a>';
      const { activated } = setup(async (ids) => answer(ids));
      await settle();
      const host = document.querySelector('known-badge') as HTMLElement;
      expect(host.shadowRoot).toBeNull();
      const button = roots[0]?.querySelector('button') as HTMLButtonElement;
      expect(button.getAttribute('aria-label')).toBe('Known: Gold. Open profile of handle:x:sofiaflies');
      expect(button.textContent).toBe('Gold');
      const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
      button.dispatchEvent(click);
      expect(click.defaultPrevented).toBe(true);
      expect(activated.map((badge) => badge.key)).toEqual(['handle:x:sofiaflies']);
    } finally {
      Element.prototype.attachShadow = attach;
    }
  });
});
