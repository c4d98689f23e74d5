// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DashboardApp } from '../../../components/dashboard/DashboardApp.tsx';
import type { DashboardApi } from '../../../components/dashboard/dashboard-api.ts';
import { createDashboardStore } from '../../../components/dashboard/dashboard-store.ts';
import type { AttentionReport, AttentionRow, OverdueItem } from '../../../lib/contract/analytics.ts';
import type { DashboardFilters } from '../../../lib/dashboard/filters.ts';

const now = new Date('2026-11-23T12:00:00Z');
const row = (dimension: 'class' | 'tier', key: string, label: string, median: number): AttentionRow => ({
  dimension,
  key,
  label,
  profiles: 10,
  engagements: 20,
  attentionShare: 0.5,
  engagementShare: 0.25,
  medianFirstResponseMinutes: median,
  answeredShare: 0.75,
  followUpsDue: 4,
  followUpsOverdue: 2,
  slaCompliance: 0.5,
  contactRequests: 3,
  unansweredContactRequests: 1,
});
const report: AttentionReport = {
  from: '2026-10-24T12:00:00.000Z',
  to: '2026-11-23T12:00:00.000Z',
  team: null,
  channel: null,
  generatedAt: '2026-11-23T12:00:00.000Z',
  teams: ['Care', 'Social'],
  totals: { engagements: 40, answered: 30, profiles: 20, medianFirstResponseMinutes: 60 },
  byClass: [
    row('class', 'quiet_vip', 'Quiet VIP', 720),
    row('class', 'influencer_not_customer', 'Influencer', 10),
  ],
  byTier: [row('tier', '1', 'Platinum', 700)],
  gaps: [],
};
const task: OverdueItem = {
  kind: 'task',
  id: 'tsk_1',
  profileId: 'prf_daniel',
  profileName: 'Daniel Brooks',
  tier: { program: 'Stay', name: 'Platinum', rank: 1 },
  summary: 'Call back about the room',
  since: '2026-11-10T00:00:00Z',
  dueAt: '2026-11-10T02:00:00Z',
  assignee: { id: 'agt_chloe', name: 'Chloe Martin', team: 'Care' },
  channel: 'email',
};

function fakeApi(overrides: Partial<DashboardApi> = {}) {
  const saved: { name: string; text: string }[] = [];
  const reassigned: { taskId: string; assigneeId: string }[] = [];
  const api: DashboardApi = {
    getMyRole: async () => ({ ok: true, name: 'Lena', role: 'lead' }),
    getAttention: async () => ({ ok: true, value: report }),
    getScatter: async () => ({ ok: true, value: { points: [], truncated: false, fastWithinMinutes: 60 } }),
    getOverdue: async () => ({ ok: true, value: { items: [task], nextCursor: null } }),
    listAgents: async () => ({
      ok: true,
      value: {
        items: [
          { id: 'agt_ana', name: 'Ana Lima', role: 'agent', team: 'Social' },
          { id: 'agt_chloe', name: 'Chloe Martin', role: 'agent', team: 'Care' },
        ],
      },
    }),
    reassignTask: async (data) => {
      reassigned.push(data);
      return {
        ok: true,
        value: {
          id: data.taskId,
          profileId: task.profileId,
          summary: task.summary,
          status: 'open',
          createdAt: task.since,
          dueAt: task.dueAt as string,
          overdue: true,
          assignee: { id: data.assigneeId, name: 'Ana Lima' },
          channel: 'email',
          sourceUrl: null,
          snoozedUntil: null,
        },
      };
    },
    exportCsv: async ({ report: which }) => ({ ok: true, value: `${which}-header\n1\n` }),
    getSlaSettings: async () => ({ ok: true, value: { hoursByTierRank: { '1': 2 }, untieredHours: 72 } }),
    previewSlaSettings: async () => ({ ok: true, value: { openTasks: 0, byTier: [], examples: [] } }),
    saveSlaSettings: async (policy) => ({ ok: true, value: policy }),
    getTriageSettings: async () => ({
      ok: false,
      error: { code: 'unauthorized', message: 'no' },
      status: 403,
    }),
    previewTriageSettings: async () => {
      throw new Error('not used');
    },
    saveTriageSettings: async () => {
      throw new Error('not used');
    },
    // The playbook panel has its own test (playbook-panel.test.tsx).
    getPlaybookForEdit: async () => ({
      ok: false,
      error: { code: 'unauthorized', message: 'no' },
      status: 403,
    }),
    previewPlaybook: async () => {
      throw new Error('not used');
    },
    savePlaybook: async () => {
      throw new Error('not used');
    },
    saveFile: (name, text) => saved.push({ name, text }),
    ...overrides,
  };
  return { api, saved, reassigned };
}

async function mount(api: DashboardApi, initialFilters: DashboardFilters = { period: '30d' }) {
  const changes: DashboardFilters[] = [];
  const store = createDashboardStore(api, {
    initialFilters,
    onFiltersChange: (f) => changes.push(f),
    now: () => now,
  });
  const root = document.createElement('div');
  document.body.append(root);
  await act(async () => render(<DashboardApp useDashboard={store} api={api} now={now} />, root));
  await act(async () => {});
  return { root, changes };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the team dashboard page', () => {
  it('shows one attention row per class and tier, with the figures', async () => {
    const { root } = await mount(fakeApi().api);
    const rows = root.querySelectorAll('[data-testid="attention-row"]');
    expect(rows).toHaveLength(3);
    const quiet = root.querySelector('[data-key="quiet_vip"]');
    expect(quiet?.querySelector('[data-col="medianFirstResponse"]')?.textContent).toBe('12 h');
    expect(quiet?.querySelector('[data-col="answeredShare"]')?.textContent).toBe('75%');
    expect(quiet?.querySelector('th[scope="row"]')?.textContent).toBe('Quiet VIP');
    expect(root.querySelector('table[data-testid="attention-table"] caption')?.textContent).toMatch(
      /last 30 days/,
    );
    // The filters are labelled controls; the team list comes from the report.
    const team = root.querySelector('#filter-team') as HTMLSelectElement;
    expect(root.querySelector('label[for="filter-team"]')?.textContent).toBe('Team');
    expect([...team.options].map((o) => o.value)).toEqual(['', 'Care', 'Social']);
    // Settings the lead may not edit say so without breaking the page.
    expect(root.textContent).toContain('Editing triage needs the lead role.');
  });

  it('says the dashboard needs the lead role on a 403, and shows nothing else', async () => {
    const forbidden = {
      ok: false,
      error: { code: 'unauthorized', message: 'lead only' },
      status: 403,
    } as const;
    const { root } = await mount(
      fakeApi({
        getAttention: async () => forbidden,
        getScatter: async () => forbidden,
        getOverdue: async () => forbidden,
      }).api,
    );
    expect(root.querySelector('[data-testid="dashboard-forbidden"]')?.textContent).toMatch(
      /needs the lead role/,
    );
    expect(root.querySelectorAll('[data-testid="attention-row"]')).toHaveLength(0);
  });

  it('reassigns an overdue follow-up: the row moves to the new agent; a refusal is shown', async () => {
    const fake = fakeApi();
    const { root } = await mount(fake.api);
    const item = () => root.querySelector('[data-testid="overdue-item"]') as HTMLElement;
    expect(item().dataset.agent).toBe('Chloe Martin');
    const select = item().querySelector('select') as HTMLSelectElement;
    // The current assignee is not offered.
    expect([...select.options].map((o) => o.textContent)).toEqual(['Choose an agent', 'Ana Lima (Social)']);
    await act(async () => {
      select.value = 'agt_ana';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => {
      item()
        .querySelector('form')
        ?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await act(async () => {});
    expect(fake.reassigned).toEqual([{ taskId: 'tsk_1', assigneeId: 'agt_ana' }]);
    expect(item().dataset.agent).toBe('Ana Lima');
    expect(item().querySelector('[data-testid="reassign-status"]')?.textContent).toMatch(/Ana Lima/);

    const refusing = fakeApi({
      reassignTask: async () => ({
        ok: false,
        error: { code: 'rejected', message: 'task is done' },
        status: 409,
      }),
    });
    document.body.innerHTML = '';
    const second = await mount(refusing.api);
    const form = second.root.querySelector('[data-testid="overdue-item"] form') as HTMLFormElement;
    await act(async () => {
      const s = form.querySelector('select') as HTMLSelectElement;
      s.value = 'agt_ana';
      s.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await act(async () => {});
    const status = second.root.querySelector('[data-testid="reassign-status"]');
    expect(status?.textContent).toBe('Not reassigned: task is done');
    expect(status?.className).toBe('status-error');
  });

  it('exports CSV through the background and saves it as a file', async () => {
    const fake = fakeApi();
    const { root } = await mount(fake.api);
    await act(async () => {
      (root.querySelector('[data-testid="export-overdue"]') as HTMLButtonElement).click();
    });
    await act(async () => {});
    expect(fake.saved).toEqual([{ name: 'known-overdue-2026-11-23.csv', text: 'overdue-header\n1\n' }]);
  });

  it('reports filter changes (for the URL hash) and refuses a custom range the wrong way round', async () => {
    const { root, changes } = await mount(fakeApi().api, {
      period: 'custom',
      from: '2026-11-10',
      to: '2026-11-01',
    });
    expect(root.querySelector('#filter-problem')?.textContent).toBe('The end date is before the start date.');
    expect(root.querySelector('#filter-to')?.getAttribute('aria-invalid')).toBe('true');
    const channel = root.querySelector('#filter-channel') as HTMLSelectElement;
    await act(async () => {
      channel.value = 'twitter';
      channel.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(changes.at(-1)).toEqual({
      period: 'custom',
      from: '2026-11-10',
      to: '2026-11-01',
      channel: 'twitter',
    });
  });
});
