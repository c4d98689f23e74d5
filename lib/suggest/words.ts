import type { Channel } from '../contract/history.ts';

// English words for channels, used in suggestion text ("follow up by e-mail"). i18n: a playbook's locale
// changes dates and money through Intl; these few words are the part a translation would add.
export const CHANNEL_WORDS: Record<Channel, string> = {
  store: 'the store',
  web: 'the website',
  app: 'the app',
  phone: 'phone',
  email: 'e-mail',
  survey: 'the survey',
  chat: 'chat',
  sms: 'SMS',
  twitter: 'X',
  instagram: 'Instagram',
  facebook: 'Facebook',
  other: 'another channel',
};

export function channelWord(channel: string): string {
  return (CHANNEL_WORDS as Record<string, string>)[channel] ?? channel;
}
