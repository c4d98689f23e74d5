import {
  AgentList,
  AttentionReport,
  OverdueResponse,
  PlaybookPreview,
  ScatterResponse,
  SlaPreview,
} from '../contract/analytics.ts';
import { Me } from '../contract/health.ts';
import { PlaybookResponse } from '../contract/playbook.ts';
import { SlaPolicy, Task } from '../contract/tasks.ts';
import { TriagePreview, TriageSettings } from '../contract/triage.ts';
import { type ApiRequest, callBackend, callBackendCsv, type FetchLike } from '../lookup/backend-api.ts';
import { playbookItem } from '../lookup/playbook-cache.ts';
import { BACKGROUND_RULES } from '../messaging/background-rules.ts';
import type { DashboardResult, MyRoleResult } from '../messaging/dashboard-schemas.ts';
import { createReceiver } from '../messaging/receive.ts';
import { readConnection } from '../settings/settings-storage.ts';
import { analyticsPath } from './analytics-path.ts';

/**
 * The background side of the team lead's dashboard: each message is one backend call with the stored token,
 * its answer validated against the contract. The backend decides who is a lead (403 otherwise); the status
 * is passed on so the page can say so.
 */
export function startDashboardHandlers(deps: {
  fetchImpl: FetchLike;
  /** Called after the lead saved new triage settings, so badges stop using the cached cut-offs. */
  onTriageSettingsSaved?: () => void;
}): () => void {
  const receive = createReceiver(BACKGROUND_RULES);
  const call = async <T>(request: ApiRequest<T>): Promise<DashboardResult<T>> =>
    callBackend(deps.fetchImpl, await readConnection(), request);

  const removers = [
    receive('getMyRole', async (): Promise<MyRoleResult> => {
      const me = await call({ method: 'GET', path: '/v1/me', schema: Me });
      return me.ok
        ? { ok: true, name: me.value.agent.name, role: me.value.agent.role }
        : { ok: false, error: me.error };
    }),
    receive('getAttention', ({ data }) =>
      call({ method: 'GET', path: analyticsPath('attention', data), schema: AttentionReport }),
    ),
    receive('getScatter', ({ data }) =>
      call({ method: 'GET', path: analyticsPath('scatter', data), schema: ScatterResponse }),
    ),
    receive('getOverdue', ({ data }) =>
      call({
        method: 'GET',
        path: analyticsPath('overdue', data.query, { cursor: data.cursor }),
        schema: OverdueResponse,
      }),
    ),
    receive('listAgents', () => call({ method: 'GET', path: '/v1/agents', schema: AgentList })),
    receive('reassignTask', ({ data }) =>
      call({
        method: 'PATCH',
        path: `/v1/tasks/${encodeURIComponent(data.taskId)}`,
        body: { assigneeId: data.assigneeId },
        schema: Task,
      }),
    ),
    receive('exportCsv', async ({ data }) =>
      callBackendCsv(
        deps.fetchImpl,
        await readConnection(),
        analyticsPath(data.report, data.query, { format: 'csv' }),
      ),
    ),
    receive('getSlaSettings', () => call({ method: 'GET', path: '/v1/settings/sla', schema: SlaPolicy })),
    receive('previewSlaSettings', ({ data }) =>
      call({ method: 'POST', path: '/v1/settings/sla/preview', body: data, schema: SlaPreview }),
    ),
    receive('saveSlaSettings', ({ data }) =>
      call({ method: 'PUT', path: '/v1/settings/sla', body: data, schema: SlaPolicy }),
    ),
    receive('getTriageSettings', () =>
      call({ method: 'GET', path: '/v1/triage/settings', schema: TriageSettings }),
    ),
    receive('previewTriageSettings', ({ data }) =>
      call({ method: 'POST', path: '/v1/settings/triage/preview', body: data, schema: TriagePreview }),
    ),
    receive('saveTriageSettings', async ({ data }) => {
      const saved = await call({
        method: 'PUT',
        path: '/v1/settings/triage',
        body: data,
        schema: TriageSettings,
      });
      if (saved.ok) deps.onTriageSettingsSaved?.();
      return saved;
    }),
    receive('getPlaybookForEdit', () =>
      call({ method: 'GET', path: '/v1/playbook', schema: PlaybookResponse }),
    ),
    receive('previewPlaybook', ({ data }) =>
      call({ method: 'POST', path: '/v1/playbook/preview', body: data, schema: PlaybookPreview }),
    ),
    receive('savePlaybook', async ({ data }) => {
      const saved = await call({ method: 'PUT', path: '/v1/playbook', body: data, schema: PlaybookResponse });
      // The sidebar suggests from its cached copy: give it the lead's new playbook now, not in ten minutes.
      if (saved.ok) await playbookItem.setValue({ playbook: saved.value.playbook, fetchedAt: Date.now() });
      return saved;
    }),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}
