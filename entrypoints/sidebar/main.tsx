import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../components/page.css';
import { SidebarApp } from '../../components/sidebar/SidebarApp.tsx';
import { createSidebarStore } from '../../components/sidebar/sidebar-store.ts';
import { sendMessage } from '../../lib/messaging/protocol.ts';
import { createReceiver } from '../../lib/messaging/receive.ts';
import { SIDEBAR_RULES } from '../../lib/messaging/sidebar-rules.ts';

const useSidebar = createSidebarStore({
  getSelection: () => sendMessage('getSelection'),
  close: () => sendMessage('closeSidebar'),
  getPlaybook: () => sendMessage('getPlaybook'),
  createFollowUp: (data) => sendMessage('createFollowUp', data),
  logInteraction: (data) => sendMessage('logInteraction', data),
  searchProfiles: (data) => sendMessage('searchProfiles', data),
  linkIdentity: (data) => sendMessage('linkIdentity', data),
  getTriageThresholds: () => sendMessage('getTriageThresholds'),
  getPageTriage: () => sendMessage('getPageTriage'),
  openPageIdentity: (data) => sendMessage('openPageIdentity', data),
  onPageChanged: (listener) =>
    createReceiver(SIDEBAR_RULES)('pageIdentitiesChanged', ({ tabId }) => {
      if (tabId !== undefined) listener(tabId);
    }),
});

const app = document.getElementById('app');
if (app) {
  render(
    <SidebarApp useSidebar={useSidebar} onOpenOptions={() => void browser.runtime.openOptionsPage()} />,
    app,
  );
}
