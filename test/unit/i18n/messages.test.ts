import { describe, expect, it } from 'vitest';
import { t } from '../../../lib/i18n/t.ts';
import en from '../../../public/_locales/en/messages.json';

describe('UI strings', () => {
  it('use names browser.i18n accepts, each with a message', () => {
    for (const [key, value] of Object.entries(en)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(value.message.length).toBeGreaterThan(0);
    }
  });

  it('fall back to English with substitutions where the i18n API is missing', () => {
    expect(t('loopAge', '3 weeks')).toBe('3 weeks old');
    expect(t('queuedCount', 2)).toBe("2 follow-up(s) queued until Known's backend is reachable");
  });
});
