import type { MessageRules } from './check-incoming.ts';
import { LookupMessage, NoPayload, SaveSettingsMessage, SelectIdentityMessage } from './schemas.ts';

/** What the background accepts, from whom, with which payload schema. */
export const BACKGROUND_RULES = {
  lookup: { payload: LookupMessage, sender: 'contentScript' },
  selectIdentity: { payload: SelectIdentityMessage, sender: 'contentScript' },
  getSelection: { payload: NoPayload, sender: 'extensionPageInTab' },
  closeSidebar: { payload: NoPayload, sender: 'extensionPageInTab' },
  getSettings: { payload: NoPayload, sender: 'extensionPage' },
  saveSettings: { payload: SaveSettingsMessage, sender: 'extensionPage' },
  testConnection: { payload: NoPayload, sender: 'extensionPage' },
} satisfies MessageRules;
