import type { MessageRules } from './check-incoming.ts';
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
} satisfies MessageRules;
