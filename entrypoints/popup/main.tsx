import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../components/page.css';
import { DashboardLink } from '../../components/dashboard/DashboardLink.tsx';
import { type PopupApi, PopupApp } from '../../components/popup/PopupApp.tsx';
import { SiteToggle } from '../../components/popup/SiteToggle.tsx';
import { sendMessage } from '../../lib/messaging/protocol.ts';
import { requestSiteAccess } from '../../lib/permissions/request-site-access.ts';

const activeTab = async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0];

const api: PopupApi = {
  getMyTasks: () => sendMessage('getMyTasks'),
  async getPageIdentities() {
    const tab = await activeTab();
    if (tab?.id === undefined) throw new Error('no active tab');
    return sendMessage('getPageIdentities', undefined, { tabId: tab.id, frameId: 0 });
  },
  openOptions: () => void browser.runtime.openOptionsPage(),
  openUrl: (url) => void browser.tabs.create({ url }),
};

const siteToggleApi = {
  currentAddress: async () => (await activeTab())?.url,
  siteStatus: (input: { address: string }) => sendMessage('siteStatus', input),
  requestAccess: requestSiteAccess,
  enableSite: (input: Parameters<typeof sendMessage<'enableSite'>>[1]) => sendMessage('enableSite', input),
  disableSite: (input: { id: string }) => sendMessage('disableSite', input),
};

const app = document.getElementById('app');
const dashboardLinkApi = {
  getMyRole: () => sendMessage('getMyRole'),
  openDashboard: () => void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') }),
};

if (app)
  render(
    <PopupApp
      api={api}
      siteToggle={<SiteToggle api={siteToggleApi} />}
      dashboardLink={<DashboardLink api={dashboardLinkApi} />}
    />,
    app,
  );
