import type { Channel } from '../../lib/contract/history.ts';

const CHANNEL_LABELS: Record<Channel, string> = {
  store: 'Store',
  web: 'Web',
  app: 'App',
  phone: 'Phone',
  email: 'E-mail',
  survey: 'Survey',
  chat: 'Chat',
  sms: 'SMS',
  twitter: 'X',
  instagram: 'Instagram',
  facebook: 'Facebook',
  other: 'Other',
};

export const channelLabel = (channel: string): string =>
  (CHANNEL_LABELS as Record<string, string>)[channel] ?? channel;
