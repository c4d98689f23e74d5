// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardApi } from '../../../components/dashboard/dashboard-api.ts';
import { PlaybookPanel } from '../../../components/dashboard/PlaybookPanel.tsx';
import type { PlaybookPreview } from '../../../lib/contract/analytics.ts';
import type { Playbook } from '../../../lib/contract/playbook.ts';
import type { PlaybookDraft } from '../../../lib/dashboard/playbook-text.ts';

type PlaybookApi = Pick<DashboardApi, 'getPlaybookForEdit' | 'previewPlaybook' | 'savePlaybook'>;

const playbook: Playbook = {
  version: 1,
  vertical: 'hotel',
  intents: [{ id: 'late_checkout', label: 'Late checkout', phrases: ['late checkout'] }],
  rules: [
    {
      id: 'offer_late',
      kind: 'action',
      when: { intents: { any: ['late_checkout'] } },
      text: 'Offer 2 pm',
      score: 10,
    },
  ],
  offers: [],
};
const noChange = { added: [], removed: [], changed: [] };
const preview: PlaybookPreview = {
  currentSource: 'tenant',
  intents: noChange,
  rules: { added: [], removed: [], changed: ['offer_late'] },
  offers: noChange,
  settings: [],
  unchanged: false,
};

function fakeApi(overrides: Partial<PlaybookApi> = {}) {
  const previewed: PlaybookDraft[] = [];
  const saved: PlaybookDraft[] = [];
  const api: PlaybookApi = {
    getPlaybookForEdit: async () => ({
      ok: true,
      value: { playbook, source: 'tenant', updatedAt: '2026-11-20T10:00:00Z', updatedBy: 'Lena' },
    }),
    previewPlaybook: async (draft) => {
      previewed.push(draft);
      return { ok: true, value: preview };
    },
    savePlaybook: async (draft) => {
      saved.push(draft);
      return {
        ok: true,
        value: {
          playbook: draft as Playbook,
          source: 'tenant',
          updatedAt: '2026-11-23T12:00:00Z',
          updatedBy: 'Lena',
        },
      };
    },
    ...overrides,
  };
  return { api, previewed, saved };
}

async function mount(api: PlaybookApi) {
  const root = document.createElement('div');
  document.body.append(root);
  await act(async () => render(<PlaybookPanel api={api} />, root));
  await act(async () => {});
  const get = <T extends Element>(id: string) => root.querySelector(`[data-testid="${id}"]`) as T;
  return { root, get };
}

async function type(area: HTMLTextAreaElement, text: string) {
  await act(async () => {
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function click(button: HTMLButtonElement) {
  await act(async () => button.click());
  await act(async () => {});
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the playbook panel', () => {
  it('shows the playbook as labelled, pretty JSON; saves only after previewing that exact text', async () => {
    const fake = fakeApi();
    const { root, get } = await mount(fake.api);
    const area = get<HTMLTextAreaElement>('playbook-json');
    expect(root.querySelector('label[for="playbook-json"]')?.textContent).toMatch(/Playbook \(JSON\)/);
    expect(area.value).toBe(JSON.stringify(playbook, null, 2));
    expect(get<HTMLButtonElement>('playbook-save').disabled).toBe(true);

    const edited = area.value.replace('Offer 2 pm', 'Offer 3 pm');
    await type(area, edited);
    await click(get('playbook-preview'));
    expect(fake.previewed).toHaveLength(1);
    expect(get('playbook-rules-changed').textContent).toBe('offer_late');
    expect(get('playbook-offers-removed').textContent).toBe('—');
    expect(get<HTMLButtonElement>('playbook-save').disabled).toBe(false);

    // Any edit after the preview takes Save away again until the new text is previewed.
    await type(area, `${edited} `);
    expect(get<HTMLButtonElement>('playbook-save').disabled).toBe(true);
    expect(get('playbook-preview-result')).toBeNull();
    await type(area, edited);
    await click(get('playbook-preview'));

    const form = get<HTMLFormElement>('playbook-form');
    await act(async () => {
      form.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    });
    await act(async () => {});
    expect(fake.saved).toEqual([JSON.parse(edited)]);
    const status = get('playbook-status');
    expect(status.getAttribute('role')).toBe('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toMatch(/^Saved/);
    expect(get<HTMLButtonElement>('playbook-save').disabled).toBe(true);
  });

  it('shows a JSON parse error with its message before any request', async () => {
    const fake = fakeApi();
    const { get } = await mount(fake.api);
    await type(get('playbook-json'), '{ "version": 1, ');
    await click(get('playbook-preview'));
    expect(fake.previewed).toHaveLength(0);
    expect(get('playbook-status').textContent).toMatch(/^Not valid JSON: .+/);
    expect(get('playbook-json').getAttribute('aria-invalid')).toBe('true');
    expect(get<HTMLButtonElement>('playbook-save').disabled).toBe(true);

    await type(get('playbook-json'), '[1, 2]');
    await click(get('playbook-preview'));
    expect(fake.previewed).toHaveLength(0);
    expect(get('playbook-status').textContent).toBe('A playbook is a JSON object ({ … }).');
  });

  it('shows the backend’s refusal naming the path, and keeps Save off', async () => {
    const fake = fakeApi({
      previewPlaybook: async () => ({
        ok: false,
        error: {
          code: 'rejected',
          message: 'The backend rejected the request: rules.0.text: unknown placeholder {nope}',
        },
        status: 400,
      }),
    });
    const { get } = await mount(fake.api);
    await click(get('playbook-preview'));
    expect(get('playbook-status').textContent).toBe(
      'Preview failed: The backend rejected the request: rules.0.text: unknown placeholder {nope}',
    );
    expect(get<HTMLButtonElement>('playbook-save').disabled).toBe(true);
  });

  it('says the lead role is needed on a 403', async () => {
    const { root } = await mount(
      fakeApi({
        getPlaybookForEdit: async () => ({
          ok: false,
          error: { code: 'unauthorized', message: 'no' },
          status: 403,
        }),
      }).api,
    );
    expect(root.textContent).toBe('Editing the playbook needs the lead role.');
  });
});
