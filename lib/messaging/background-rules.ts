import type { MessageRules } from './check-incoming.ts';
import {
  DashboardQueryMessage,
  ExportCsvMessage,
  OverdueQueryMessage,
  PlaybookDraftMessage,
  ReassignTaskMessage,
  SlaSettingsMessage,
  TriageSettingsMessage,
} from './dashboard-schemas.ts';
import {
  CreateFollowUpMessage,
  LinkIdentityMessage,
  LogInteractionMessage,
  LookupMessage,
  NoPayload,
  SaveSettingsMessage,
  SearchProfilesMessage,
  SelectIdentityMessage,
} from './schemas.ts';
import {
  DisableSiteMessage,
  EnableSiteMessage,
  SetPrivacyModeMessage,
  SiteStatusMessage,
} from './site-schemas.ts';
import { PageIdentityMessage } from './triage-schemas.ts';

/** What the background accepts, from whom, with which payload schema. */
export const BACKGROUND_RULES = {
  lookup: { payload: LookupMessage, sender: 'contentScript' },
  selectIdentity: { payload: SelectIdentityMessage, sender: 'contentScript' },
  getDetectionPatterns: { payload: NoPayload, sender: 'contentScript' },
  getSiteDefinitions: { payload: NoPayload, sender: 'contentScript' },
  getSelection: { payload: NoPayload, sender: 'extensionPageInTab' },
  closeSidebar: { payload: NoPayload, sender: 'extensionPageInTab' },
  getSettings: { payload: NoPayload, sender: 'extensionPage' },
  saveSettings: { payload: SaveSettingsMessage, sender: 'extensionPage' },
  testConnection: { payload: NoPayload, sender: 'extensionPage' },
  createFollowUp: { payload: CreateFollowUpMessage, sender: 'extensionPage' },
  logInteraction: { payload: LogInteractionMessage, sender: 'extensionPage' },
  searchProfiles: { payload: SearchProfilesMessage, sender: 'extensionPage' },
  linkIdentity: { payload: LinkIdentityMessage, sender: 'extensionPage' },
  getMyTasks: { payload: NoPayload, sender: 'extensionPage' },
  getPlaybook: { payload: NoPayload, sender: 'extensionPage' },
  listSites: { payload: NoPayload, sender: 'extensionPage' },
  enableSite: { payload: EnableSiteMessage, sender: 'extensionPage' },
  disableSite: { payload: DisableSiteMessage, sender: 'extensionPage' },
  siteStatus: { payload: SiteStatusMessage, sender: 'extensionPage' },
  setPrivacyMode: { payload: SetPrivacyModeMessage, sender: 'extensionPage' },
  // The team lead's dashboard (issue 6); the backend enforces the lead role on every one of these.
  getMyRole: { payload: NoPayload, sender: 'extensionPage' },
  getAttention: { payload: DashboardQueryMessage, sender: 'extensionPage' },
  getScatter: { payload: DashboardQueryMessage, sender: 'extensionPage' },
  getOverdue: { payload: OverdueQueryMessage, sender: 'extensionPage' },
  listAgents: { payload: NoPayload, sender: 'extensionPage' },
  reassignTask: { payload: ReassignTaskMessage, sender: 'extensionPage' },
  exportCsv: { payload: ExportCsvMessage, sender: 'extensionPage' },
  getSlaSettings: { payload: NoPayload, sender: 'extensionPage' },
  previewSlaSettings: { payload: SlaSettingsMessage, sender: 'extensionPage' },
  saveSlaSettings: { payload: SlaSettingsMessage, sender: 'extensionPage' },
  getTriageSettings: { payload: NoPayload, sender: 'extensionPage' },
  previewTriageSettings: { payload: TriageSettingsMessage, sender: 'extensionPage' },
  saveTriageSettings: { payload: TriageSettingsMessage, sender: 'extensionPage' },
  getPlaybookForEdit: { payload: NoPayload, sender: 'extensionPage' },
  previewPlaybook: { payload: PlaybookDraftMessage, sender: 'extensionPage' },
  savePlaybook: { payload: PlaybookDraftMessage, sender: 'extensionPage' },
  // On-page triage, "Who's here" (issue 6): only the sidebar inside the tab whose page it ranks.
  getTriageThresholds: { payload: NoPayload, sender: 'extensionPage' },
  getPageTriage: { payload: NoPayload, sender: 'extensionPageInTab' },
  openPageIdentity: { payload: PageIdentityMessage, sender: 'extensionPageInTab' },
} satisfies MessageRules;
