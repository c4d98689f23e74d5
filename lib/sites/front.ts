import { fieldAdapter } from './field-adapter.ts';
import { hostIs } from './site-adapter.ts';

// Front. No saved real page here: selectors from our knowledge of its markup, mirrored by
// test/fixtures/sites/front-message.html (which says so).
export const FRONT_SELECTORS = {
  message: '[data-testid="message"]',
  sender: '[data-testid="message-header-sender"]',
  recipient: '[data-testid="message-header-recipient"]',
  cc: '[data-testid="message-header-cc"]',
  body: '[data-testid="message-body"]',
} as const;

export const frontAdapter = fieldAdapter({
  id: 'front',
  matches: (url) => hostIs(url, 'app.frontapp.com'),
  scope: FRONT_SELECTORS.message,
  messageText: FRONT_SELECTORS.body,
  fields: [
    { selector: FRONT_SELECTORS.sender, role: 'sender' },
    { selector: FRONT_SELECTORS.recipient, role: 'recipient' },
    { selector: FRONT_SELECTORS.cc, role: 'cc' },
  ],
});
