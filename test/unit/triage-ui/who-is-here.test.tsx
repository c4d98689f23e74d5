// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { SidebarApp } from '../../../components/sidebar/SidebarApp.tsx';
import { createSidebarStore, type SidebarApi } from '../../../components/sidebar/sidebar-store.ts';
import type { ProfileDetail } from '../../../lib/contract/profile.ts';
import { rankPageEntries } from '../../../lib/lookup/page-triage.ts';
import type { SelectionView } from '../../../lib/messaging/schemas.ts';
import type { PageTriageView } from '../../../lib/messaging/triage-schemas.ts';
import { daniel, entry, facts, jane, matched, NOW, SETTINGS, tyler } from './fixtures.ts';

const rows = rankPageEntries(
  [
    entry('tylertravelsworld', matched(tyler)),
    entry('random_user', { status: 'unknown' }),
    entry('janesmith', matched(jane)),
    entry('dbrooks_travels', matched(daniel)),
  ],
  new Map(Object.entries(facts)),
  SETTINGS,
  NOW,
);
const view: PageTriageView = { ok: true, tabId: 7, rows, settingsSource: 'tenant' };

const danielDetail: ProfileDetail = {
  ...daniel,
  externalId: 'HH-900075',
  loyalty: null,
  preferences: { channel: 'email', language: 'en', notes: [] },
};

interface Harness extends SidebarApi {
  calls: string[];
  changed?: (tabId: number) => void;
}

function api(overrides: Partial<SidebarApi> = {}): Harness {
  let selection: SelectionView = { status: 'none' };
  const harness: Harness = {
    calls: [],
    getSelection: async () => {
      harness.calls.push('getSelection');
      return selection;
    },
    close: async () => {},
    getPageTriage: async () => {
      harness.calls.push('getPageTriage');
      return view;
    },
    openPageIdentity: async ({ key }) => {
      harness.calls.push(`open ${key}`);
      selection = {
        status: 'matched',
        identifier: { kind: 'handle', network: 'x', value: 'dbrooks_travels' },
        profile: danielDetail,
      };
      return { revealed: true };
    },
    getTriageThresholds: async () => ({ thresholds: SETTINGS.thresholds, source: 'tenant' }),
    onPageChanged: (listener) => {
      harness.changed = listener;
      return () => {
        harness.changed = undefined;
      };
    },
    ...overrides,
  };
  return harness;
}

async function show(harness: Harness) {
  const root = document.createElement('div');
  document.body.append(root);
  const useSidebar = createSidebarStore(harness);
  await act(async () => {
    render(<SidebarApp useSidebar={useSidebar} onOpenOptions={() => {}} now={NOW} />, root);
  });
  await act(async () => {});
  await act(async () => {});
  const items = () => [...root.querySelectorAll<HTMLElement>('[data-testid="triage-item"]')];
  return { root, items, useSidebar };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe("Who's here in the sidebar", () => {
  it('is the start screen when nothing is selected: one item per identity, highest priority first', async () => {
    const { root, items } = await show(api());
    expect(items().map((item) => item.dataset.key)).toEqual([
      'handle:x:dbrooks_travels',
      'handle:x:janesmith',
      'handle:x:tylertravelsworld',
      'handle:x:random_user',
    ]);
    const [danielRow, , tylerRow, unknownRow] = items();
    expect(danielRow?.textContent).toMatch(
      /^Daniel Brooks @dbrooks_travels Quiet VIP Ambassador · \$\$\$\$ · 75 followers Waiting 1 hour /,
    );
    expect(danielRow?.querySelector('[data-testid="triage-class"]')?.textContent).toBe('Quiet VIP');
    expect(danielRow?.querySelector('[data-testid="triage-facts"]')?.textContent).toBe(
      'Ambassador · $$$$ · 75 followers',
    );
    expect(danielRow?.querySelector('[data-testid="triage-waiting"]')?.textContent).toBe('Waiting 1 hour');
    expect(tylerRow?.querySelector('[data-testid="triage-class"]')?.textContent).toBe(
      'Influencer, not a customer',
    );
    expect(tylerRow?.querySelector('[data-testid="triage-facts"]')?.textContent).toMatch(
      /^No loyalty tier · 20K followers$/,
    );
    expect(tylerRow?.querySelector('[data-testid="triage-waiting"]')?.textContent).toBe(
      'Answered 3 days ago',
    );
    expect(unknownRow?.textContent).toBe('@random_user Not in Known yet');
    expect(root.querySelector('h2#who-title')?.textContent).toBe("Who's here (4)");
  });

  it('is a labelled ordered list of real buttons, so keyboard and screen readers work without extra code', async () => {
    const { root, items } = await show(api());
    const list = root.querySelector('ol');
    expect(list?.getAttribute('aria-label')).toBe('Customers on this page, highest priority first');
    for (const item of items()) {
      expect(item.tagName).toBe('LI');
      const button = item.querySelector('button');
      expect(button?.getAttribute('type')).toBe('button');
      expect(button?.textContent?.length).toBeGreaterThan(0);
    }
    expect(document.activeElement?.id).toBe('who-title');
  });

  it('opens a row: asks the background to reveal it, then shows its profile, and goes back to the list', async () => {
    const harness = api();
    const { root, items } = await show(harness);
    await act(async () => items()[0]?.querySelector('button')?.click());
    await act(async () => {});
    expect(harness.calls).toContain('open handle:x:dbrooks_travels');
    expect(root.querySelector('[data-testid="profile-name"]')?.textContent).toBe('Daniel Brooks');
    expect(root.querySelector('[data-testid="reach-class"]')?.getAttribute('data-class')).toBe('quiet_vip');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('profile-name');

    const back = root.querySelector<HTMLButtonElement>('[data-testid="who-is-here-button"]');
    await act(async () => back?.click());
    await act(async () => {});
    expect(items()).toHaveLength(4);
    // And back to the profile from the list.
    const toProfile = [...root.querySelectorAll('button')].find(
      (b) => b.textContent === 'Back to the profile',
    );
    await act(async () => toProfile?.click());
    expect(root.querySelector('[data-testid="profile-name"]')?.textContent).toBe('Daniel Brooks');
  });

  it("refreshes when its own tab's page badged more, not for another tab", async () => {
    const harness = api();
    await show(harness);
    const loads = () => harness.calls.filter((call) => call === 'getPageTriage').length;
    expect(loads()).toBe(1);
    await act(async () => harness.changed?.(8));
    expect(loads()).toBe(1);
    await act(async () => harness.changed?.(7));
    await act(async () => {});
    expect(loads()).toBe(2);
  });

  it('says why waiting times are missing and when the thresholds are the built-in ones', async () => {
    const { root } = await show(
      api({
        getPageTriage: async () => ({
          ...view,
          settingsSource: 'default',
          factsError: { code: 'not_found', message: 'The backend has no /v1/triage.' },
        }),
      }),
    );
    expect(root.textContent).toContain('Waiting times are missing: The backend has no /v1/triage.');
    expect(root.textContent).toContain('built-in thresholds');
  });

  it('explains a page Known does not run on, and an empty page', async () => {
    const failed = await show(
      api({
        getPageTriage: async () => ({
          ok: false,
          error: { code: 'extension_error', message: 'Known does not run on this page.' },
        }),
      }),
    );
    expect(failed.root.textContent).toContain('Known does not run on this page.');
    document.body.innerHTML = '';
    const empty = await show(api({ getPageTriage: async () => ({ ...view, rows: [] }) }));
    expect(empty.root.textContent).toContain('No customers found on this page yet.');
  });
});

describe('the reach class in the profile uses the tenant thresholds', () => {
  it('a tenant whose loud accounts start at 50 followers calls Daniel a loud VIP', async () => {
    const harness = api({
      getSelection: async () => ({
        status: 'matched',
        identifier: { kind: 'handle', network: 'x', value: 'dbrooks_travels' },
        profile: danielDetail,
      }),
      getTriageThresholds: async () => ({
        thresholds: { ...SETTINGS.thresholds, bigReach: 50 },
        source: 'tenant',
      }),
    });
    const { root } = await show(harness);
    expect(root.querySelector('[data-testid="reach-class"]')?.getAttribute('data-class')).toBe('loud_vip');
    // With the defaults (no answer yet, or none), the same profile is a quiet VIP.
    document.body.innerHTML = '';
    const plain = await show(
      api({ ...harness, getTriageThresholds: async () => Promise.reject(new Error('gone')) }),
    );
    expect(plain.root.querySelector('[data-testid="reach-class"]')?.getAttribute('data-class')).toBe(
      'quiet_vip',
    );
  });
});
