import { fieldAdapter } from './field-adapter.ts';
import { hostIs } from './site-adapter.ts';

// Help Scout conversation view. No saved real page here: selectors from our knowledge of its markup,
// mirrored by test/fixtures/sites/helpscout-conversation.html (which says so).
export const HELPSCOUT_SELECTORS = {
  thread: '.c-thread-item',
  customerEmail: '.c-customer-profile [data-cy="customer-email"]',
  cc: '.c-conversation-cc .c-email-chip',
  author: '.c-thread-item [data-cy="thread-author-email"]',
  body: '.c-thread-item__body',
} as const;

export const helpscoutAdapter = fieldAdapter({
  id: 'helpscout',
  matches: (url) => hostIs(url, 'secure.helpscout.net'),
  scope: HELPSCOUT_SELECTORS.thread,
  messageText: HELPSCOUT_SELECTORS.body,
  fields: [
    { selector: HELPSCOUT_SELECTORS.customerEmail, role: 'requester' },
    { selector: HELPSCOUT_SELECTORS.cc, role: 'cc' },
    { selector: HELPSCOUT_SELECTORS.author, role: 'author' },
  ],
});
