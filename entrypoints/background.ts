import { defineBackground } from 'wxt/utils/define-background';
import { startLookupMenu } from '../lib/context-menu/lookup-menu.ts';
import { startBackgroundService } from '../lib/lookup/background-service.ts';
import { serveDetectionPatterns } from '../lib/lookup/detection-patterns.ts';
import { startSiteHandlers } from '../lib/permissions/site-handlers.ts';

export default defineBackground(() => {
  startBackgroundService();
  serveDetectionPatterns();
  // The context menu follows the enabled sites, so "Look up in Known" shows wherever the content script runs.
  const menu = startLookupMenu();
  startSiteHandlers({
    onSitesChanged: (sites) => void menu.setExtraPatterns(sites.flatMap((site) => site.matches)),
  });
});
