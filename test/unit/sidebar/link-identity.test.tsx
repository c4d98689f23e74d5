// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { SidebarApp } from '../../../components/sidebar/SidebarApp.tsx';
import { createSidebarStore } from '../../../components/sidebar/sidebar-store.ts';
import type { LinkIdentityMessage, SelectionView } from '../../../lib/messaging/schemas.ts';
import { sofiaDetail } from './story-profiles.ts';

const now = new Date('2026-11-21T18:00:00Z');
const identifier = { kind: 'handle', network: 'x', value: 'sofia_alt' } as const;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('linking an unknown identifier', () => {
  it('searches, links with the page as evidence, then shows the profile', async () => {
    const sofia = sofiaDetail(now);
    let selection: SelectionView = {
      status: 'unknown',
      identifier,
      context: { pageUrl: 'https://x.com/sofia_alt/status/9' },
    };
    const searches: string[] = [];
    const links: LinkIdentityMessage[] = [];
    const root = document.createElement('div');
    document.body.append(root);
    const useSidebar = createSidebarStore({
      getSelection: async () => selection,
      close: async () => {},
      searchProfiles: async ({ q }) => {
        searches.push(q);
        return { ok: true, results: [sofia] };
      },
      linkIdentity: async (data) => {
        links.push(data);
        selection = { status: 'matched', identifier, profile: sofia };
        return { ok: true };
      },
    });
    await act(async () =>
      render(<SidebarApp useSidebar={useSidebar} onOpenOptions={() => {}} now={now} />, root),
    );
    await act(async () => {});
    expect(root.querySelector('[data-testid="link-identity"]')?.textContent).toContain(
      'Not in your profiles yet',
    );

    const input = root.querySelector('[data-testid="link-search"]') as HTMLInputElement;
    // The search field has a visible label tied to it.
    expect(root.querySelector(`label[for="${input.id}"]`)?.textContent).toMatch(
      /name, e-mail, card or order/,
    );
    await act(async () => {
      input.value = 'Sofia';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      root.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(searches).toEqual(['Sofia']);
    const confirm = root.querySelector('[data-testid="link-confirm"]') as HTMLButtonElement;
    expect(confirm.textContent).toBe('This is the same person');
    await act(async () => confirm.click());
    await act(async () => {});
    expect(links).toEqual([
      { profileId: 'p-sofia', link: { identifier, evidence: 'https://x.com/sofia_alt/status/9' } },
    ]);
    expect(root.querySelector('[data-testid="profile-name"]')?.textContent).toBe('Sofia Reyes');
  });
});
