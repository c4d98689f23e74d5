import type { AnalyticsQuery } from '../contract/analytics.ts';

export type AnalyticsReport = 'attention' | 'scatter' | 'overdue';

/** `/v1/analytics/<report>?from&to[&team][&channel][&cursor][&format]`: only the filters that are set. */
export function analyticsPath(
  report: AnalyticsReport,
  query: AnalyticsQuery,
  extra: { cursor?: string | undefined; format?: 'csv' } = {},
): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.team) params.set('team', query.team);
  if (query.channel) params.set('channel', query.channel);
  if (extra.cursor) params.set('cursor', extra.cursor);
  if (extra.format) params.set('format', extra.format);
  return `/v1/analytics/${report}?${params}`;
}
