import { render } from 'preact';
import '../../components/page.css';
import { type OptionsApi, OptionsApp } from '../../components/options/OptionsApp.tsx';
import { sendMessage } from '../../lib/messaging/protocol.ts';

const api: OptionsApi = {
  getSettings: () => sendMessage('getSettings'),
  saveSettings: (input) => sendMessage('saveSettings', input),
  testConnection: () => sendMessage('testConnection'),
};

const app = document.getElementById('app');
if (app) render(<OptionsApp api={api} />, app);
