import type { AnalyticsQuery } from '../contract/analytics.ts';
import { CHANNELS, type Channel } from '../contract/history.ts';

// The dashboard's filters, kept in the page's URL hash (`#period=30d&channel=twitter&team=Social`) so a lead
// can bookmark or share a view and the back button walks through earlier ones. Parsed leniently: a hand-edited
// hash with a bad value falls back to the default for that filter rather than breaking the page.

export const PERIODS = ['7d', '30d', '90d', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

export interface DashboardFilters {
  period: Period;
  /** Custom period only: local calendar days, both inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  channel?: Channel;
  team?: string;
}

export const DEFAULT_FILTERS: DashboardFilters = { period: '30d' };

const DAY_MS = 86_400_000;
/** The backend refuses longer windows (lib/contract/analytics.ts). */
export const MAX_WINDOW_DAYS = 366;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseFiltersHash(hash: string): DashboardFilters {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const period = params.get('period');
  const filters: DashboardFilters = {
    period: PERIODS.includes(period as Period) ? (period as Period) : DEFAULT_FILTERS.period,
  };
  const channel = params.get('channel');
  if (channel && (CHANNELS as readonly string[]).includes(channel)) filters.channel = channel as Channel;
  const team = params.get('team');
  if (team && team.length <= 100) filters.team = team;
  if (filters.period === 'custom') {
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    if (DATE.test(from)) filters.from = from;
    if (DATE.test(to)) filters.to = to;
  }
  return filters;
}

export function filtersToHash(filters: DashboardFilters): string {
  const params = new URLSearchParams({ period: filters.period });
  if (filters.period === 'custom') {
    if (filters.from) params.set('from', filters.from);
    if (filters.to) params.set('to', filters.to);
  }
  if (filters.channel) params.set('channel', filters.channel);
  if (filters.team) params.set('team', filters.team);
  return `#${params}`;
}

/** Local midnight of a YYYY-MM-DD day; null when it is not a real date. */
function localDay(day: string): Date | null {
  if (!DATE.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? date : null;
}

export type QueryOrProblem =
  | { ok: true; query: AnalyticsQuery }
  | { ok: false; field: 'from' | 'to'; message: string };

/** The backend query for the filters; a custom range that cannot be asked for says which field is wrong. */
export function filtersToQuery(filters: DashboardFilters, now: Date): QueryOrProblem {
  const scope = {
    ...(filters.team ? { team: filters.team } : {}),
    ...(filters.channel ? { channel: filters.channel } : {}),
  };
  if (filters.period !== 'custom') {
    const days = Number.parseInt(filters.period, 10);
    const to = new Date(now);
    return {
      ok: true,
      query: { from: new Date(to.getTime() - days * DAY_MS).toISOString(), to: to.toISOString(), ...scope },
    };
  }
  const from = localDay(filters.from ?? '');
  if (!from) return { ok: false, field: 'from', message: 'Pick a start date.' };
  const last = localDay(filters.to ?? '');
  if (!last) return { ok: false, field: 'to', message: 'Pick an end date.' };
  if (last < from) return { ok: false, field: 'to', message: 'The end date is before the start date.' };
  // `to` is exclusive on the backend: the end date is included by asking up to the next midnight.
  const to = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS + 3_600_000)
    return { ok: false, field: 'to', message: `A period can be at most ${MAX_WINDOW_DAYS} days.` };
  return { ok: true, query: { from: from.toISOString(), to: to.toISOString(), ...scope } };
}
