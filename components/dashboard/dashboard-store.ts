import { create } from 'zustand';
import type {
  AgentList,
  AnalyticsQuery,
  AttentionReport,
  OverdueItem,
  ScatterResponse,
} from '../../lib/contract/analytics.ts';
import { type DashboardFilters, filtersToQuery, type QueryOrProblem } from '../../lib/dashboard/filters.ts';
import type { CSV_REPORTS } from '../../lib/messaging/dashboard-schemas.ts';
import type { Failure } from '../../lib/messaging/schemas.ts';
import { type DashboardApi, needsLeadRole, settle } from './dashboard-api.ts';

export type Loadable<T> =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; value: T }
  | { state: 'failed'; error: Failure };

export type ActionState =
  | { state: 'working' }
  | { state: 'done'; message: string }
  | { state: 'failed'; message: string };

export interface DashboardState {
  filters: DashboardFilters;
  /** Why the filters cannot be asked for (a custom range the wrong way round), else null. */
  filterProblem: Extract<QueryOrProblem, { ok: false }> | null;
  /** `forbidden`: the backend said 403 (not a lead); the page shows only that. */
  access: 'unknown' | 'granted' | 'forbidden';
  attention: Loadable<AttentionReport>;
  scatter: Loadable<ScatterResponse>;
  overdue: Loadable<{ items: OverdueItem[]; nextCursor: string | null }>;
  agents: Loadable<AgentList>;
  /** Per overdue item id: the reassign in flight, done or failed. */
  reassigning: Record<string, ActionState>;
  exporting: Partial<Record<(typeof CSV_REPORTS)[number], ActionState>>;
  /** What a screen reader is told after an action (a polite live region). */
  announcement: string;
  setFilters(filters: DashboardFilters): Promise<void>;
  load(): Promise<void>;
  loadMoreOverdue(): Promise<void>;
  reassign(item: OverdueItem, agentId: string): Promise<void>;
  exportCsv(report: (typeof CSV_REPORTS)[number]): Promise<void>;
}

const fromResult = <T>(result: { ok: true; value: T } | { ok: false; error: Failure }): Loadable<T> =>
  result.ok ? { state: 'ready', value: result.value } : { state: 'failed', error: result.error };

export interface StoreOptions {
  initialFilters: DashboardFilters;
  /** Called whenever the filters change (the entrypoint writes them to the URL hash). */
  onFiltersChange?(filters: DashboardFilters): void;
  now?: () => Date;
}

/** The dashboard's one store: filters, the three reports, the agent list and the lead's actions on them. */
export function createDashboardStore(api: DashboardApi, options: StoreOptions) {
  const now = options.now ?? (() => new Date());
  /** Only the newest load may write: a slow answer for old filters must not overwrite a newer one. */
  let generation = 0;
  let lastQuery: AnalyticsQuery | null = null;

  return create<DashboardState>()((set, get) => ({
    filters: options.initialFilters,
    filterProblem: null,
    access: 'unknown',
    attention: { state: 'idle' },
    scatter: { state: 'idle' },
    overdue: { state: 'idle' },
    agents: { state: 'idle' },
    reassigning: {},
    exporting: {},
    announcement: '',

    async setFilters(filters) {
      set({ filters });
      options.onFiltersChange?.(filters);
      await get().load();
    },

    async load() {
      const query = filtersToQuery(get().filters, now());
      if (!query.ok) {
        set({ filterProblem: query });
        return;
      }
      const mine = ++generation;
      lastQuery = query.query;
      set({
        filterProblem: null,
        attention: { state: 'loading' },
        scatter: { state: 'loading' },
        overdue: { state: 'loading' },
      });
      const needAgents = get().agents.state === 'idle' || get().agents.state === 'failed';
      const [attention, scatter, overdue, agents] = await Promise.all([
        settle(() => api.getAttention(query.query)),
        settle(() => api.getScatter(query.query)),
        settle(() => api.getOverdue({ query: query.query })),
        needAgents ? settle(() => api.listAgents()) : Promise.resolve(null),
      ]);
      if (mine !== generation) return;
      const forbidden = [attention, scatter, overdue].some(needsLeadRole);
      set({
        access: forbidden ? 'forbidden' : attention.ok ? 'granted' : get().access,
        attention: fromResult(attention),
        scatter: fromResult(scatter),
        overdue: fromResult(overdue),
        ...(agents ? { agents: fromResult(agents) } : {}),
      });
    },

    async loadMoreOverdue() {
      const current = get().overdue;
      if (current.state !== 'ready' || !current.value.nextCursor || !lastQuery) return;
      const mine = generation;
      const more = await settle(() =>
        api.getOverdue({ query: lastQuery as AnalyticsQuery, cursor: current.value.nextCursor as string }),
      );
      if (mine !== generation) return;
      if (!more.ok) {
        set({ announcement: `Could not load more: ${more.error.message}` });
        return;
      }
      set({
        overdue: {
          state: 'ready',
          value: { items: [...current.value.items, ...more.value.items], nextCursor: more.value.nextCursor },
        },
      });
    },

    async reassign(item, agentId) {
      const agents = get().agents;
      const agent = agents.state === 'ready' ? agents.value.items.find((a) => a.id === agentId) : undefined;
      set({ reassigning: { ...get().reassigning, [item.id]: { state: 'working' } } });
      const result = await settle(() => api.reassignTask({ taskId: item.id, assigneeId: agentId }));
      if (!result.ok) {
        const message = needsLeadRole(result)
          ? 'Reassigning needs the lead role.'
          : `Not reassigned: ${result.error.message}`;
        set({
          reassigning: { ...get().reassigning, [item.id]: { state: 'failed', message } },
          announcement: message,
        });
        return;
      }
      const assignee = {
        id: result.value.assignee.id,
        name: result.value.assignee.name,
        team: agent?.team ?? null,
      };
      const message = `“${item.summary}” for ${item.profileName} is now ${assignee.name}’s.`;
      const overdue = get().overdue;
      set({
        ...(overdue.state === 'ready'
          ? {
              overdue: {
                state: 'ready',
                value: {
                  ...overdue.value,
                  items: overdue.value.items.map((i) => (i.id === item.id ? { ...i, assignee } : i)),
                },
              },
            }
          : {}),
        reassigning: { ...get().reassigning, [item.id]: { state: 'done', message } },
        announcement: message,
      });
    },

    async exportCsv(report) {
      if (!lastQuery) return;
      set({ exporting: { ...get().exporting, [report]: { state: 'working' } } });
      const result = await settle(() => api.exportCsv({ report, query: lastQuery as AnalyticsQuery }));
      if (!result.ok) {
        const message = `Export failed: ${result.error.message}`;
        set({
          exporting: { ...get().exporting, [report]: { state: 'failed', message } },
          announcement: message,
        });
        return;
      }
      const day = (lastQuery.to.slice(0, 10) as string) || 'export';
      api.saveFile(`known-${report}-${day}.csv`, result.value, 'text/csv');
      const message = `Saved the ${report} CSV.`;
      set({ exporting: { ...get().exporting, [report]: { state: 'done', message } }, announcement: message });
    },
  }));
}

export type DashboardStore = ReturnType<typeof createDashboardStore>;
