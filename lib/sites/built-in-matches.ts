// Where the content script runs out of the box. Every other site is an optional host permission
// requested at runtime for that one origin (see DESIGN.md "Permissions"); never <all_urls>.
export const BUILT_IN_MATCHES = [
  'https://x.com/*',
  'https://twitter.com/*',
  'https://mail.google.com/*',
  'https://*.zendesk.com/*',
  'https://*.freshdesk.com/*',
  'https://secure.helpscout.net/*',
  'https://app.intercom.com/*',
  'https://app.frontapp.com/*',
  'https://www.instagram.com/*',
  // The demo pages that `npm start` serves from the reference backend. Path-scoped to /demo/, and
  // match patterns ignore the port, so this covers KNOWN_PORT too.
  'http://127.0.0.1/demo/*',
  'http://localhost/demo/*',
];
