import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { BUILT_IN_MATCHES } from './lib/sites/built-in-matches.ts';

// Chrome accepts only origin-wide patterns (path `/*`) in web_accessible_resources, so the path-scoped
// demo matches (`http://127.0.0.1/demo/*`) widen to their origin here. The content script stays path-scoped.
const warMatches = [
  ...new Set(BUILT_IN_MATCHES.map((pattern) => pattern.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*'))),
];

export default defineConfig({
  // Explicit imports everywhere: code reads the same in the editor, in tsc and in tests.
  imports: false,
  // KNOWN_OUT_DIR lets parallel builds (several e2e runs at once) keep out of each other's way.
  outDir: process.env.KNOWN_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Known',
    description:
      'Recognise your customers on the page: tier, value, reach and history, from your profile backend.',
    // No host permission for the backend: it answers CORS for extension origins (DESIGN.md "Permissions").
    permissions: ['storage'],
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    // The sidebar page is framed by the content script, so only the pages it runs on may load it.
    // WXT rewrites this into MV2's flat list for Firefox.
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: warMatches }],
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
