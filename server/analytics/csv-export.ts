import { stringify } from 'csv-stringify/sync';
import type { AttentionReport, OverdueItem } from '../../lib/contract/analytics.ts';

// CSV for the dashboard's export, written by csv-stringify (quoting, embedded newlines and separators are
// its job). escape_formulas prefixes a cell that starts with = + - @ with a quote: a customer's message
// "=HYPERLINK(…)" must not become a live formula when a lead opens the file in a spreadsheet.

const OPTIONS = { header: true, escape_formulas: true } as const;

export function attentionCsv(report: AttentionReport): string {
  return stringify(
    [...report.byClass, ...report.byTier].map((r) => ({
      from: report.from,
      to: report.to,
      team: report.team ?? '',
      channel: report.channel ?? '',
      dimension: r.dimension,
      key: r.key,
      label: r.label,
      profiles: r.profiles,
      engagements: r.engagements,
      engagementShare: r.engagementShare,
      attentionShare: r.attentionShare,
      answeredShare: r.answeredShare ?? '',
      medianFirstResponseMinutes: r.medianFirstResponseMinutes ?? '',
      followUpsDue: r.followUpsDue,
      followUpsOverdue: r.followUpsOverdue,
      slaCompliance: r.slaCompliance ?? '',
      contactRequests: r.contactRequests,
      unansweredContactRequests: r.unansweredContactRequests,
    })),
    OPTIONS,
  );
}

export const OVERDUE_CSV_COLUMNS = [
  'kind',
  'id',
  'profileId',
  'profileName',
  'tier',
  'summary',
  'since',
  'dueAt',
  'assignee',
  'assigneeTeam',
  'channel',
] as const;

export function overdueCsv(items: readonly OverdueItem[]): string {
  return stringify(
    items.map((i) => ({
      kind: i.kind,
      id: i.id,
      profileId: i.profileId,
      profileName: i.profileName,
      tier: i.tier ? `${i.tier.program} ${i.tier.name}`.trim() : '',
      summary: i.summary,
      since: i.since,
      dueAt: i.dueAt ?? '',
      assignee: i.assignee?.name ?? '',
      assigneeTeam: i.assignee?.team ?? '',
      channel: i.channel ?? '',
    })),
    { ...OPTIONS, columns: [...OVERDUE_CSV_COLUMNS] },
  );
}
