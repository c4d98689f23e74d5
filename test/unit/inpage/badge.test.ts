// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BADGE_STYLE, type Badge, createBadge, describeBadge } from '../../../lib/inpage/badge.ts';
import { compactCount } from '../../../lib/inpage/compact-count.ts';

describe('compactCount', () => {
  it('keeps small counts and shortens large ones to k and M', () => {
    expect(
      [0, 30, 75, 999, 1000, 1200, 1250, 9949, 9950, 20_400, 999_499, 999_500, 1_250_000].map(compactCount),
    ).toEqual(['0', '30', '75', '999', '1k', '1.2k', '1.3k', '9.9k', '10k', '20k', '999k', '1M', '1.3M']);
  });
});

describe('describeBadge', () => {
  const sofia = {
    key: 'handle:x:sofiaflies',
    status: 'matched',
    label: 'Gold',
    tier: 'Gold',
    valueBand: '$$$',
    reach: 412,
  } as const;

  it('shows tier, value band and reach at a glance, and says them in words', () => {
    expect(describeBadge(sofia)).toEqual({
      text: 'Gold · $$$ · 412',
      label: 'Known profile: Gold tier, high value, 412 followers. Open the profile',
    });
    expect(describeBadge({ ...sofia, tier: 'Ambassador', valueBand: '$$$$', reach: 75 }).text).toBe(
      'Ambassador · $$$$ · 75',
    );
    expect(describeBadge({ ...sofia, reach: 20_400 }).text).toBe('Gold · $$$ · 20k');
  });

  it('shows only the tier in privacy mode (the background sends nothing else)', () => {
    expect(describeBadge({ key: sofia.key, status: 'matched', label: 'Gold', tier: 'Gold' })).toEqual({
      text: 'Gold',
      label: 'Known profile: Gold tier. Open the profile',
    });
  });

  it('reads a profile without tier or value (the influencer) by its reach', () => {
    const text = describeBadge({
      key: 'handle:x:tylertravelsworld',
      status: 'matched',
      label: 'Known',
      reach: 20_400,
    });
    expect(text).toEqual({
      text: 'Known · 20k',
      label: 'Known profile: Known, 20400 followers. Open the profile',
    });
  });

  it('has its own look for unknown, error and loading, and never names the person', () => {
    expect(describeBadge({ key: 'handle:x:random_user1', status: 'unknown' })).toEqual({
      text: '?',
      label: 'Not in Known — click to link',
    });
    const error = describeBadge({
      key: 'handle:x:sofiaflies',
      status: 'error',
      error: { code: 'unreachable', message: 'Could not reach the backend.' },
    });
    expect(error.text).toBe('!');
    expect(error.label).toContain('Could not reach the backend.');
    expect(describeBadge({ status: 'loading' }).text).toBe('…');
    for (const view of [sofia, { status: 'loading' } as const]) {
      expect(JSON.stringify(describeBadge(view))).not.toMatch(/sofia/i);
    }
  });
});

describe('createBadge', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  function make(onActivate: (badge: Badge) => void = () => {}) {
    // The root is closed to the page; the test keeps the reference attachShadow hands back to its caller.
    const attach = vi.spyOn(HTMLElement.prototype, 'attachShadow');
    const badge = createBadge(
      document,
      'handle:x:sofiaflies',
      { kind: 'handle', network: 'x', value: 'sofiaflies' },
      onActivate,
    );
    const root = attach.mock.results[0]?.value as ShadowRoot;
    document.body.append(badge.host);
    return { badge, root, button: root.querySelector('button') as HTMLButtonElement };
  }

  it('is a closed shadow root the page cannot open', () => {
    const { badge } = make();
    expect(badge.host.shadowRoot).toBeNull();
    expect(badge.host.getAttribute('data-known-identity')).toBe('handle:x:sofiaflies');
  });

  it('holds a focusable button whose label follows the status', () => {
    const { badge, button } = make();
    expect(button.type).toBe('button');
    expect(button.tabIndex).toBe(0);
    expect(badge.host.getAttribute('data-known-status')).toBe('loading');
    badge.show({
      key: badge.key,
      status: 'matched',
      label: 'Gold',
      tier: 'Gold',
      valueBand: '$$$',
      reach: 412,
    });
    expect(badge.host.getAttribute('data-known-status')).toBe('matched');
    expect(button.textContent).toBe('Gold · $$$ · 412');
    expect(button.getAttribute('aria-label')).toBe(
      'Known profile: Gold tier, high value, 412 followers. Open the profile',
    );
    badge.show({ key: badge.key, status: 'unknown' });
    expect(button.textContent).toBe('?');
    expect(button.title).toBe('Not in Known — click to link');
  });

  it('activates on click without letting the page follow the link it sits in', () => {
    const activated: Badge[] = [];
    const link = document.createElement('a');
    link.href = 'https://x.com/sofiaflies';
    const { badge, button } = make((b) => activated.push(b));
    link.append(badge.host);
    document.body.append(link);
    const onLinkClick = vi.fn();
    link.addEventListener('click', onLinkClick);
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    button.dispatchEvent(event);
    expect(activated).toEqual([badge]);
    expect(event.defaultPrevented).toBe(true);
    expect(onLinkClick).not.toHaveBeenCalled();
  });

  it('keeps out of the line: inline-flex, vertically centred, never wrapped', () => {
    const { root } = make();
    // The rules are the one stylesheet every badge adopts (a <style> only where that is refused).
    const adopted = root.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText));
    expect(adopted.join('\n')).toMatch(/:host \{[^}]*display: inline-flex/);
    const css = BADGE_STYLE;
    expect(css).toMatch(/:host \{[^}]*display: inline-flex[^}]*vertical-align: middle/);
    expect(css).toMatch(/white-space: nowrap/);
    expect(css).toMatch(/:focus-visible \{ outline: 2px solid/);
    expect(css).toMatch(/prefers-color-scheme: dark/);
  });

  it('shares one parsed stylesheet between all badges of a document', () => {
    const first = make().root;
    const second = make().root;
    expect(first.adoptedStyleSheets).toHaveLength(1);
    expect(second.adoptedStyleSheets[0]).toBe(first.adoptedStyleSheets[0]);
    expect(first.querySelector('style')).toBeNull();
  });
});
