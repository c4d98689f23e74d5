import * as z from 'zod/mini';
import { AnalyticsQuery } from '../contract/analytics.ts';
import { SlaPolicy } from '../contract/tasks.ts';
import { TriageSettingsUpdate } from '../contract/triage.ts';
import type { Failure } from './schemas.ts';

// Payloads of the team lead's dashboard (entrypoints/dashboard) → background messages. The background holds the
// token and calls the backend; every answer it passes on was validated against lib/contract first.

/** dashboard → background: which slice of the team's month to show. */
export const DashboardQueryMessage = AnalyticsQuery;
export type DashboardQueryMessage = z.infer<typeof DashboardQueryMessage>;

export const OverdueQueryMessage = z.object({
  query: AnalyticsQuery,
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
});
export type OverdueQueryMessage = z.infer<typeof OverdueQueryMessage>;

/** dashboard → background: PATCH /v1/tasks/{taskId} with the new assignee. */
export const ReassignTaskMessage = z.object({
  taskId: z.string().check(z.minLength(1), z.maxLength(200)),
  assigneeId: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type ReassignTaskMessage = z.infer<typeof ReassignTaskMessage>;

export const CSV_REPORTS = ['attention', 'overdue'] as const;
/** dashboard → background: the same report as CSV (`?format=csv`); the page saves it as a file. */
export const ExportCsvMessage = z.object({ report: z.enum(CSV_REPORTS), query: AnalyticsQuery });
export type ExportCsvMessage = z.infer<typeof ExportCsvMessage>;

export const SlaSettingsMessage = SlaPolicy;
export const TriageSettingsMessage = TriageSettingsUpdate;

/**
 * dashboard → background: a playbook as the lead typed it, parsed from JSON. Only its outline is checked here:
 * the backend validates it field by field and names the bad path in its 400, which the page shows as is.
 */
export const PlaybookDraftMessage = z.record(z.string(), z.unknown());
export type PlaybookDraftMessage = z.infer<typeof PlaybookDraftMessage>;

/**
 * Every dashboard answer. `status` is the backend's HTTP status when it refused: 403 is "you need the lead role",
 * which the page says in so many words rather than blaming the token.
 */
export type DashboardResult<T> = { ok: true; value: T } | { ok: false; error: Failure; status?: number };

/** What the page needs to know about the caller: the dashboard link shows for leads and admins only. */
export type MyRoleResult =
  | { ok: true; name: string; role: 'agent' | 'lead' | 'admin' }
  | { ok: false; error: Failure };
