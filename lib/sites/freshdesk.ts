import { fieldAdapter } from './field-adapter.ts';
import { hostIs } from './site-adapter.ts';

// Freshdesk ticket view. No saved real page here: selectors from our knowledge of its markup, mirrored by
// test/fixtures/sites/freshdesk-ticket.html (which says so).
export const FRESHDESK_SELECTORS = {
  ticket: '.ticket-details',
  requester: '.requester-info [data-test-id="requester-email"]',
  cc: '.ticket-cc-emails .cc-email',
  conversation: '.conversation',
  author: '.conversation .user-email',
  body: '.conversation-body',
} as const;

export const freshdeskAdapter = fieldAdapter({
  id: 'freshdesk',
  matches: (url) => hostIs(url, '.freshdesk.com'),
  scope: `${FRESHDESK_SELECTORS.conversation}, ${FRESHDESK_SELECTORS.ticket}`,
  messageText: FRESHDESK_SELECTORS.body,
  fields: [
    { selector: FRESHDESK_SELECTORS.requester, role: 'requester' },
    { selector: FRESHDESK_SELECTORS.cc, role: 'cc' },
    { selector: FRESHDESK_SELECTORS.author, role: 'author' },
  ],
});
