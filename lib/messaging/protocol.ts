import { defineExtensionMessaging } from '@webext-core/messaging';
import type {
  AgentList,
  AttentionReport,
  OverdueResponse,
  PlaybookPreview,
  ScatterResponse,
  SlaPreview,
} from '../contract/analytics.ts';
import type { DetectionPatterns } from '../contract/detection-patterns.ts';
import type { Playbook, PlaybookResponse } from '../contract/playbook.ts';
import type { SiteDefinition } from '../contract/sites.ts';
import type { SlaPolicy, Task } from '../contract/tasks.ts';
import type { TriagePreview, TriageSettings, TriageSettingsUpdate } from '../contract/triage.ts';
import type {
  DashboardQueryMessage,
  DashboardResult,
  ExportCsvMessage,
  MyRoleResult,
  OverdueQueryMessage,
  PlaybookDraftMessage,
  ReassignTaskMessage,
} from './dashboard-schemas.ts';
import type {
  BadgeResult,
  ConnectionResult,
  CreateFollowUpMessage,
  LinkIdentityMessage,
  LinkIdentityResult,
  LogInteractionMessage,
  LookupMessage,
  MyTasksResult,
  PageIdentity,
  RefreshIdentityMessage,
  SaveSettingsMessage,
  SaveSettingsResult,
  SearchProfilesResult,
  SelectIdentityMessage,
  SelectionView,
  SettingsView,
  WriteResult,
} from './schemas.ts';
import type {
  DisableSiteMessage,
  EnableSiteMessage,
  SetPrivacyModeMessage,
  SiteChangeResult,
  SiteStatus,
  SiteStatusMessage,
  SitesView,
} from './site-schemas.ts';
import type {
  PageIdentityMessage,
  PageTriageView,
  RevealResult,
  TriageThresholdsView,
} from './triage-schemas.ts';

// Types only here: pages that just send (sidebar, options) must not bundle the schemas. The receiving
// side's rules, with the schemas, are in background-rules.ts and content-rules.ts.
/** Every message between the extension's contexts, with its direction. One map, typed end to end. */
export interface ProtocolMap {
  /** content → background */
  lookup(data: LookupMessage): BadgeResult[];
  /** content → background: the tenant's card/order number patterns (cached by the background). */
  getDetectionPatterns(): DetectionPatterns;
  /** content → background: the admin's site definitions (GET /v1/sites), [] when the backend has none. */
  getSiteDefinitions(): SiteDefinition[];
  /** content → background: remembered for the sender's tab. */
  selectIdentity(data: SelectIdentityMessage): void;
  /** sidebar → background: the selection of the sidebar's own tab. */
  getSelection(): SelectionView;
  /** sidebar → background: asks the background to tell its tab's content script to close it. */
  closeSidebar(): void;
  /** background → content */
  hideSidebar(): void;
  /** options → background */
  getSettings(): SettingsView;
  saveSettings(data: SaveSettingsMessage): SaveSettingsResult;
  testConnection(): ConnectionResult;
  /** sidebar → background: POST /v1/tasks with the Idempotency-Key, or the outbox when offline. */
  createFollowUp(data: CreateFollowUpMessage): WriteResult;
  /** sidebar → background: POST /v1/interactions (suggestion feedback, offers), outbox when offline. */
  logInteraction(data: LogInteractionMessage): WriteResult;
  /** sidebar → background: POST /v1/search. */
  searchProfiles(data: { q: string }): SearchProfilesResult;
  /** sidebar → background: link an identifier to a profile, then refresh its badges in every tab. */
  linkIdentity(data: LinkIdentityMessage): LinkIdentityResult;
  /** popup → background: my open follow-ups, overdue first. */
  getMyTasks(): MyTasksResult;
  /** sidebar → background: the tenant's playbook (last good one cached), or null for the built-in default. */
  getPlaybook(): Playbook | null;
  /** background → content: look these identities up again and redraw their badges. */
  refreshIdentity(data: RefreshIdentityMessage): void;
  /** popup → content: the identities badged on this page. */
  getPageIdentities(): PageIdentity[];
  /** background → content: the keyboard shortcut (`commands`) toggles the sidebar. */
  toggleSidebar(): void;
  /** options → background: enabled sites, the admin's offered sites, privacy mode. */
  listSites(): SitesView;
  /** options/popup → background, after the page got the origin granted: register the content script there. */
  enableSite(data: EnableSiteMessage): SiteChangeResult;
  /** options/popup → background: unregister and give the host permission back. */
  disableSite(data: DisableSiteMessage): SiteChangeResult;
  /** popup → background: does Known run on this address, and why. */
  siteStatus(data: SiteStatusMessage): SiteStatus;
  /** options → background: badges show only the tier. */
  setPrivacyMode(data: SetPrivacyModeMessage): void;
  /** background → content: open the sidebar on the tab's selection (the context menu's "Look up in Known"). */
  showSidebar(): void;
  /** popup/options/dashboard → background: GET /v1/me, so leads get the "Team dashboard" link. */
  getMyRole(): MyRoleResult;
  /** dashboard → background (lead): the attention analytics of issue 6. */
  getAttention(data: DashboardQueryMessage): DashboardResult<AttentionReport>;
  getScatter(data: DashboardQueryMessage): DashboardResult<ScatterResponse>;
  getOverdue(data: OverdueQueryMessage): DashboardResult<OverdueResponse>;
  listAgents(): DashboardResult<AgentList>;
  /** dashboard → background: PATCH /v1/tasks/{id} with a new assignee. */
  reassignTask(data: ReassignTaskMessage): DashboardResult<Task>;
  /** dashboard → background: a report as CSV text, which the page saves as a file. */
  exportCsv(data: ExportCsvMessage): DashboardResult<string>;
  getSlaSettings(): DashboardResult<SlaPolicy>;
  previewSlaSettings(data: SlaPolicy): DashboardResult<SlaPreview>;
  saveSlaSettings(data: SlaPolicy): DashboardResult<SlaPolicy>;
  getTriageSettings(): DashboardResult<TriageSettings>;
  previewTriageSettings(data: TriageSettingsUpdate): DashboardResult<TriagePreview>;
  saveTriageSettings(data: TriageSettingsUpdate): DashboardResult<TriageSettings>;
  /** dashboard → background (lead): GET /v1/playbook fresh from the backend, never the sidebar's cached copy. */
  getPlaybookForEdit(): DashboardResult<PlaybookResponse>;
  /** dashboard → background: POST /v1/playbook/preview (validated like PUT; nothing written). */
  previewPlaybook(data: PlaybookDraftMessage): DashboardResult<PlaybookPreview>;
  /** dashboard → background: PUT /v1/playbook; the saved one also replaces the sidebar's cached copy. */
  savePlaybook(data: PlaybookDraftMessage): DashboardResult<PlaybookResponse>;
  // --- On-page triage, "Who's here" (issue 6).
  /** sidebar → background: the tenant's value-band and class cut-offs (cached), or the built-in ones. */
  getTriageThresholds(): TriageThresholdsView;
  /** sidebar → background: every identity badged on the sidebar's page, highest priority first. */
  getPageTriage(): PageTriageView;
  /** sidebar → background: scroll the page to this identity and make it the tab's selection. */
  openPageIdentity(data: PageIdentityMessage): { revealed: boolean };
  /** background → content: scroll to this identity's badge; answers with the message text around it. */
  revealIdentity(data: PageIdentityMessage): RevealResult;
  /** content → sidebar (runtime broadcast): badges were added or answered; the list may be stale. */
  pageIdentitiesChanged(): void;
}

export type MessageType = keyof ProtocolMap;

/** Who may send a message (checked in check-incoming.ts against the runtime's sender information). */
export type SenderRule = 'contentScript' | 'extensionPageInTab' | 'extensionPage' | 'ownExtension';

export const messenger = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage } = messenger;
