import { defineExtensionMessaging } from '@webext-core/messaging';
import type {
  BadgeResult,
  ConnectionResult,
  LookupMessage,
  SaveSettingsMessage,
  SaveSettingsResult,
  SelectIdentityMessage,
  SelectionView,
  SettingsView,
} from './schemas.ts';

// Types only here: pages that just send (sidebar, options) must not bundle the schemas. The receiving
// side's rules, with the schemas, are in background-rules.ts and content-rules.ts.
/** Every message between the extension's contexts, with its direction. One map, typed end to end. */
export interface ProtocolMap {
  /** content → background */
  lookup(data: LookupMessage): BadgeResult[];
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
}

export type MessageType = keyof ProtocolMap;

/** Who may send a message (checked in check-incoming.ts against the runtime's sender information). */
export type SenderRule = 'contentScript' | 'extensionPageInTab' | 'extensionPage' | 'ownExtension';

export const messenger = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage } = messenger;
