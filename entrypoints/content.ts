import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../lib/inpage/start-content.ts';
import { BUILT_IN_MATCHES } from '../lib/sites/built-in-matches.ts';

export default defineContentScript({
  matches: BUILT_IN_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    startContent(ctx);
  },
});
