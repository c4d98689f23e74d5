import { describe, expect, it } from 'vitest';
import { checkBackendUrl } from '../../../lib/settings/backend-url.ts';

describe('checkBackendUrl', () => {
  it('accepts http and https and trims a trailing slash', () => {
    expect(checkBackendUrl(' http://127.0.0.1:8787/ ')).toEqual({ ok: true, url: 'http://127.0.0.1:8787' });
    expect(checkBackendUrl('https://known.example.com')).toEqual({
      ok: true,
      url: 'https://known.example.com',
    });
  });

  it('rejects other schemes and non-URLs with a message saying what to type', () => {
    for (const value of ['ftp://example.com', 'javascript:alert(1)', '127.0.0.1:8787', '', 'http//x']) {
      const checked = checkBackendUrl(value);
      expect(checked.ok, value).toBe(false);
      if (!checked.ok) expect(checked.message).toMatch(/http:\/\/ or https:\/\//);
    }
  });
});
