import { fieldAdapter } from './field-adapter.ts';
import { hostIs } from './site-adapter.ts';

// Zendesk agent workspace. No saved real page is available here: these selectors are the workspace's
// `data-test-id` hooks as we know them, and test/fixtures/sites/zendesk-ticket.html is written to that
// knowledge (it says so). Check them against the live product when one is at hand.
export const ZENDESK_SELECTORS = {
  ticket: '[data-test-id="ticket-main"]',
  requester: '[data-test-id="ticket-system-field-requester-select"]',
  cc: '[data-test-id="ticket-fields-collaborators"] [data-test-id="ticket-fields-collaborator"]',
  comment: '[data-test-id="omni-log-comment-item"]',
  commentAuthor: '[data-test-id="omni-log-item-sender"]',
  commentBody: '[data-test-id="omni-log-message-content"]',
} as const;

export const zendeskAdapter = fieldAdapter({
  id: 'zendesk',
  matches: (url) => hostIs(url, '.zendesk.com'),
  scope: `${ZENDESK_SELECTORS.comment}, ${ZENDESK_SELECTORS.ticket}`,
  messageText: ZENDESK_SELECTORS.commentBody,
  fields: [
    { selector: ZENDESK_SELECTORS.requester, role: 'requester' },
    { selector: ZENDESK_SELECTORS.cc, role: 'cc' },
    { selector: ZENDESK_SELECTORS.commentAuthor, role: 'author' },
  ],
});
