import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { OPTIONAL_SITE_ORIGINS } from './lib/permissions/site-patterns.ts';
import { BUILT_IN_MATCHES } from './lib/sites/built-in-matches.ts';

// Chrome accepts only origin-wide patterns (path `/*`) in web_accessible_resources, so the path-scoped
// demo matches (`http://127.0.0.1/demo/*`) widen to their origin here. The content script stays path-scoped.
const warMatches = [
  ...new Set(BUILT_IN_MATCHES.map((pattern) => pattern.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*'))),
];

// End-to-end tests only: Playwright cannot answer the browser's permission prompt, so the sites e2e builds
// (into its own output dir) with its test origin already granted. Never set for a release build.
const testGrantedOrigins = (process.env.KNOWN_TEST_GRANTED_ORIGINS ?? '').split(',').filter(Boolean);

export default defineConfig({
  // Explicit imports everywhere: code reads the same in the editor, in tsc and in tests.
  imports: false,
  // KNOWN_OUT_DIR lets parallel builds (several e2e runs at once) keep out of each other's way.
  outDir: process.env.KNOWN_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Known',
    description:
      'Recognise your customers on the page: tier, value, reach and history, from your profile backend.',
    // No host permission for the backend: it answers CORS for extension origins (DESIGN.md "Permissions").
    // `alarms`: the outbox of follow-ups made offline is retried every minute, and the toolbar badge of
    // overdue follow-ups refreshed, even while no page is open.
    // `scripting`: the content script is registered at runtime for sites the agent enables (lib/permissions).
    // `contextMenus`: "Look up in Known" on selected text. `activeTab`: the popup can read the current tab's
    // address to offer "Enable Known on this site" without any host permission.
    permissions: ['storage', 'alarms', 'scripting', 'contextMenus', 'activeTab'],
    // Any other site is asked for at runtime, one origin at a time, and given back when disabled: OPTIONAL
    // only, never granted up front. WXT drops optional_host_permissions for MV2 instead of converting it, so
    // Firefox MV2 gets the same origins in optional_permissions.
    ...(manifestVersion === 3
      ? { optional_host_permissions: [...OPTIONAL_SITE_ORIGINS] }
      : { optional_permissions: [...OPTIONAL_SITE_ORIGINS] }),
    ...(testGrantedOrigins.length > 0 && { host_permissions: testGrantedOrigins }),
    default_locale: 'en',
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Show or hide the Known sidebar',
      },
    },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    // The sidebar page is framed by the content script on the built-in sites and on sites the agent enables
    // at runtime (which a manifest cannot list, hence the optional origins too). Framing it elsewhere shows
    // nothing: the background answers a sidebar only while its tab is on the origin the selection was made on
    // (lib/lookup/tab-selection.ts). WXT rewrites this into MV2's flat list for Firefox.
    web_accessible_resources: [
      { resources: ['sidebar.html'], matches: [...warMatches, ...OPTIONAL_SITE_ORIGINS] },
    ],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'known@known.example',
          // 140 is the first Firefox that understands data_collection_permissions (and an ESR).
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
