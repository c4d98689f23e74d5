import { render } from 'preact';
import '../../components/page.css';
import '../../components/dashboard/dashboard.css';
import { DashboardApp } from '../../components/dashboard/DashboardApp.tsx';
import type { DashboardApi } from '../../components/dashboard/dashboard-api.ts';
import { createDashboardStore } from '../../components/dashboard/dashboard-store.ts';
import { filtersToHash, parseFiltersHash } from '../../lib/dashboard/filters.ts';
import { sendMessage } from '../../lib/messaging/protocol.ts';

const api: DashboardApi = {
  getMyRole: () => sendMessage('getMyRole'),
  getAttention: (query) => sendMessage('getAttention', query),
  getScatter: (query) => sendMessage('getScatter', query),
  getOverdue: (query) => sendMessage('getOverdue', query),
  listAgents: () => sendMessage('listAgents'),
  reassignTask: (data) => sendMessage('reassignTask', data),
  exportCsv: (data) => sendMessage('exportCsv', data),
  getSlaSettings: () => sendMessage('getSlaSettings'),
  previewSlaSettings: (policy) => sendMessage('previewSlaSettings', policy),
  saveSlaSettings: (policy) => sendMessage('saveSlaSettings', policy),
  getTriageSettings: () => sendMessage('getTriageSettings'),
  previewTriageSettings: (update) => sendMessage('previewTriageSettings', update),
  saveTriageSettings: (update) => sendMessage('saveTriageSettings', update),
  getPlaybookForEdit: () => sendMessage('getPlaybookForEdit'),
  previewPlaybook: (draft) => sendMessage('previewPlaybook', draft),
  savePlaybook: (draft) => sendMessage('savePlaybook', draft),
  saveFile(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

const useDashboard = createDashboardStore(api, {
  initialFilters: parseFiltersHash(location.hash),
  // replaceState: a filter change is not a navigation of its own, so the hashchange below does not fire.
  onFiltersChange: (filters) => history.replaceState(null, '', filtersToHash(filters)),
});
// A hash edited by hand or a bookmark opened in this tab.
addEventListener(
  'hashchange',
  () => void useDashboard.getState().setFilters(parseFiltersHash(location.hash)),
);

const app = document.getElementById('app');
if (app) render(<DashboardApp useDashboard={useDashboard} api={api} />, app);
