import type {
  AgentList,
  AttentionReport,
  OverdueResponse,
  PlaybookPreview,
  ScatterResponse,
  SlaPreview,
} from '../../lib/contract/analytics.ts';
import type { PlaybookResponse } from '../../lib/contract/playbook.ts';
import type { SlaPolicy, Task } from '../../lib/contract/tasks.ts';
import type { TriagePreview, TriageSettings, TriageSettingsUpdate } from '../../lib/contract/triage.ts';
import type {
  DashboardQueryMessage,
  DashboardResult,
  ExportCsvMessage,
  MyRoleResult,
  OverdueQueryMessage,
  PlaybookDraftMessage,
  ReassignTaskMessage,
} from '../../lib/messaging/dashboard-schemas.ts';

/** Everything the dashboard asks of the background (and of the browser); injected, so tests need no browser. */
export interface DashboardApi {
  getMyRole(): Promise<MyRoleResult>;
  getAttention(query: DashboardQueryMessage): Promise<DashboardResult<AttentionReport>>;
  getScatter(query: DashboardQueryMessage): Promise<DashboardResult<ScatterResponse>>;
  getOverdue(query: OverdueQueryMessage): Promise<DashboardResult<OverdueResponse>>;
  listAgents(): Promise<DashboardResult<AgentList>>;
  reassignTask(data: ReassignTaskMessage): Promise<DashboardResult<Task>>;
  exportCsv(data: ExportCsvMessage): Promise<DashboardResult<string>>;
  getSlaSettings(): Promise<DashboardResult<SlaPolicy>>;
  previewSlaSettings(policy: SlaPolicy): Promise<DashboardResult<SlaPreview>>;
  saveSlaSettings(policy: SlaPolicy): Promise<DashboardResult<SlaPolicy>>;
  getTriageSettings(): Promise<DashboardResult<TriageSettings>>;
  previewTriageSettings(update: TriageSettingsUpdate): Promise<DashboardResult<TriagePreview>>;
  saveTriageSettings(update: TriageSettingsUpdate): Promise<DashboardResult<TriageSettings>>;
  getPlaybookForEdit(): Promise<DashboardResult<PlaybookResponse>>;
  previewPlaybook(draft: PlaybookDraftMessage): Promise<DashboardResult<PlaybookPreview>>;
  savePlaybook(draft: PlaybookDraftMessage): Promise<DashboardResult<PlaybookResponse>>;
  /** Saves text as a download (the CSV export). */
  saveFile(name: string, text: string, type: string): void;
}

/** A message the background never answered (extension reloaded) becomes a failure like any other. */
export async function settle<T>(call: () => Promise<DashboardResult<T>>): Promise<DashboardResult<T>> {
  try {
    return await call();
  } catch {
    return {
      ok: false,
      error: { code: 'extension_error', message: 'The Known background service did not answer.' },
    };
  }
}

/** The backend's 403: the token is fine but its agent is not a lead. */
export const needsLeadRole = (result: DashboardResult<unknown>) => !result.ok && result.status === 403;
