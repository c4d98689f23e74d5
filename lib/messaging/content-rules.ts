import { type MessageRules, noPayload, type PayloadSchema } from './check-incoming.ts';

/** `{ keys: string[] }`, checked by hand: no zod in the script injected into every page. */
const refreshKeys: PayloadSchema = {
  safeParse: (value) => {
    const keys = (value as { keys?: unknown } | null)?.keys;
    return Array.isArray(keys) &&
      keys.length <= 100 &&
      keys.every((key) => typeof key === 'string' && key.length < 400)
      ? { success: true, data: { keys } }
      : {
          success: false,
          error: { issues: [{ path: ['keys'], message: 'expected up to 100 identity keys' }] },
        };
  },
};

/** `{ key: string }`, one identity key, checked by hand for the same reason. */
const oneKey: PayloadSchema = {
  safeParse: (value) => {
    const key = (value as { key?: unknown } | null)?.key;
    return typeof key === 'string' && key.length > 2 && key.length <= 400
      ? { success: true, data: { key } }
      : { success: false, error: { issues: [{ path: ['key'], message: 'expected one identity key' }] } };
  },
};

/**
 * What the content script accepts. Kept apart from the background's rules (and their zod schemas) so
 * that the script injected into every matching page stays small.
 */
export const CONTENT_RULES = {
  hideSidebar: { payload: noPayload, sender: 'ownExtension' },
  refreshIdentity: { payload: refreshKeys, sender: 'ownExtension' },
  getPageIdentities: { payload: noPayload, sender: 'ownExtension' },
  toggleSidebar: { payload: noPayload, sender: 'ownExtension' },
  showSidebar: { payload: noPayload, sender: 'ownExtension' },
  revealIdentity: { payload: oneKey, sender: 'ownExtension' },
} satisfies MessageRules;
