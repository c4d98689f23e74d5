import { fieldAdapter } from './field-adapter.ts';
import { hostIs } from './site-adapter.ts';

// Intercom inbox. No saved real page here: selectors from our knowledge of its markup, mirrored by
// test/fixtures/sites/intercom-inbox.html (which says so).
export const INTERCOM_SELECTORS = {
  part: '[data-testid="conversation-part"]',
  userEmail: '[data-testid="user-details"] [data-testid="user-email"]',
  author: '[data-testid="conversation-part"] [data-testid="part-author"]',
  body: '[data-testid="part-body"]',
} as const;

export const intercomAdapter = fieldAdapter({
  id: 'intercom',
  matches: (url) => hostIs(url, 'app.intercom.com'),
  scope: INTERCOM_SELECTORS.part,
  messageText: INTERCOM_SELECTORS.body,
  fields: [
    { selector: INTERCOM_SELECTORS.userEmail, role: 'requester' },
    { selector: INTERCOM_SELECTORS.author, role: 'author' },
  ],
});
