import { type MessageRules, noPayload } from './check-incoming.ts';

/**
 * What the sidebar page accepts: only the note that its page's badges changed, sent by a content script (the
 * sidebar also checks it is its own tab's). No zod here: the note carries nothing.
 */
export const SIDEBAR_RULES = {
  pageIdentitiesChanged: { payload: noPayload, sender: 'contentScript' },
} satisfies MessageRules;
