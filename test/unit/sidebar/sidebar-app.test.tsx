// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { SidebarApp } from '../../../components/sidebar/SidebarApp.tsx';
import { createSidebarStore } from '../../../components/sidebar/sidebar-store.ts';
import type { ProfileDetail } from '../../../lib/contract/profile.ts';
import type { SelectionView } from '../../../lib/messaging/schemas.ts';

const sofia: ProfileDetail = {
  id: 'p-sofia',
  externalId: 'SK-204816',
  name: 'Sofia Reyes',
  tier: { program: 'Skyward', name: 'Gold', rank: 2 },
  value: { currency: 'USD', lifetime: 48200, last12m: 9850 },
  identities: [{ kind: 'handle', network: 'x', value: 'sofiaflies' }],
  social: [{ network: 'x', handle: 'sofiaflies', followers: 412 }],
  reach: { followers: 412 },
  loyalty: null,
  preferences: { channel: 'email', language: 'en', notes: [] },
};

async function show(selection: () => Promise<SelectionView>) {
  const root = document.createElement('div');
  document.body.append(root);
  let openedOptions = 0;
  const useSidebar = createSidebarStore({ getSelection: selection, close: async () => {} });
  await act(async () => {
    render(<SidebarApp useSidebar={useSidebar} onOpenOptions={() => openedOptions++} />, root);
  });
  await act(async () => {});
  const byTestId = (id: string) => root.querySelector(`[data-testid="${id}"]`);
  return { root, byTestId, openedOptions: () => openedOptions };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('SidebarApp', () => {
  it('shows the profile with its tier, value and reach', async () => {
    const { byTestId } = await show(async () => ({
      status: 'matched',
      identifier: { kind: 'handle', network: 'x', value: 'sofiaflies' },
      profile: sofia,
    }));
    expect(byTestId('profile-name')?.textContent).toBe('Sofia Reyes');
    expect(byTestId('profile-tier')?.textContent).toBe('Gold · Skyward');
    expect(byTestId('profile-value')?.textContent).toMatch(/48[,.\u00a0\u202f]?200/);
    expect(byTestId('profile-value')?.textContent).toMatch(/9[,.\u00a0\u202f]?850/);
    expect(byTestId('reach-class')?.textContent).toMatch(/@sofiaflies: 412 followers/);
  });

  it('says when an identifier is not a profile yet', async () => {
    const { root } = await show(async () => ({
      status: 'unknown',
      identifier: { kind: 'handle', network: 'x', value: 'random_user1' },
    }));
    expect(root.textContent).toContain('Not in your profiles yet');
    expect(root.textContent).toContain('handle:x:random_user1');
  });

  it('explains an error and links to the options page', async () => {
    const { byTestId, openedOptions } = await show(async () => ({
      status: 'error',
      identifier: { kind: 'email', value: 'priya.nair@example.com' },
      error: { code: 'unauthorized', message: 'The backend refused the API token.' },
    }));
    const error = byTestId('sidebar-error');
    expect(error?.textContent).toMatch(/refused the API token/);
    const link = error?.querySelector('button') as HTMLButtonElement;
    expect(link.textContent).toMatch(/options page/);
    await act(async () => link.click());
    expect(openedOptions()).toBe(1);
  });

  it('shows an extension error when the background does not answer', async () => {
    const { byTestId } = await show(async () => {
      throw new Error('Could not establish connection');
    });
    expect(byTestId('sidebar-error')?.getAttribute('data-code')).toBe('extension_error');
  });
});
