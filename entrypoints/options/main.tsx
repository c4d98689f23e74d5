import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../components/page.css';
import { type OptionsApi, OptionsApp } from '../../components/options/OptionsApp.tsx';
import { sendMessage } from '../../lib/messaging/protocol.ts';
import { requestSiteAccess } from '../../lib/permissions/request-site-access.ts';

const api: OptionsApi = {
  getSettings: () => sendMessage('getSettings'),
  saveSettings: (input) => sendMessage('saveSettings', input),
  testConnection: () => sendMessage('testConnection'),
  sites: {
    listSites: () => sendMessage('listSites'),
    requestAccess: requestSiteAccess,
    enableSite: (input) => sendMessage('enableSite', input),
    disableSite: (input) => sendMessage('disableSite', input),
    setPrivacyMode: (input) => sendMessage('setPrivacyMode', input),
  },
  shortcut: {
    async currentShortcut() {
      const commands = await browser.commands.getAll();
      return commands.find((command) => command.name === 'toggle-sidebar')?.shortcut || null;
    },
    // Chrome's editor; Firefox has its own under about:addons (the link then fails quietly).
    openShortcutSettings: () =>
      void browser.tabs.create({ url: 'chrome://extensions/shortcuts' }).catch(() => undefined),
  },
  dashboard: {
    getMyRole: () => sendMessage('getMyRole'),
    openDashboard: () => void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') }),
  },
};

const app = document.getElementById('app');
if (app) render(<OptionsApp api={api} />, app);
