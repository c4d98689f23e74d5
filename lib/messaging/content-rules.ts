import { type MessageRules, noPayload } from './check-incoming.ts';

/**
 * What the content script accepts. Kept apart from the background's rules (and their zod schemas) so
 * that the script injected into every matching page stays small.
 */
export const CONTENT_RULES = {
  hideSidebar: { payload: noPayload, sender: 'ownExtension' },
} satisfies MessageRules;
