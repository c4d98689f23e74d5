import { describe, expect, it } from 'vitest';
import {
  isBuiltInSite,
  originPatternFor,
  patternMatches,
  permissionPatternFor,
} from '../../../lib/permissions/site-patterns.ts';

describe('site patterns', () => {
  it('turns a page address into its origin-wide pattern, port dropped', () => {
    expect(originPatternFor('https://help.acme-support.test/tickets/42?x=1')).toEqual({
      ok: true,
      origin: 'https://help.acme-support.test',
      pattern: 'https://help.acme-support.test/*',
    });
    expect(originPatternFor('http://localhost:8080/x')).toMatchObject({ pattern: 'http://localhost/*' });
    for (const bad of ['chrome://extensions', 'file:///etc/passwd', 'not a url', 'about:blank']) {
      expect(originPatternFor(bad).ok, bad).toBe(false);
    }
  });

  it('asks permissions per host, whatever path a definition names', () => {
    expect(permissionPatternFor('https://*.acme.test/tickets/*')).toBe('https://*.acme.test/*');
  });

  it('matches like the browser does for the patterns we use', () => {
    expect(patternMatches('https://*.zendesk.com/*', 'https://acme.zendesk.com/agent/tickets/1')).toBe(true);
    expect(patternMatches('https://*.zendesk.com/*', 'https://zendesk.com/')).toBe(true);
    expect(patternMatches('https://*.zendesk.com/*', 'https://evilzendesk.com/')).toBe(false);
    expect(patternMatches('http://127.0.0.1/demo/*', 'http://127.0.0.1:8787/demo/social.html')).toBe(true);
    expect(patternMatches('http://127.0.0.1/demo/*', 'http://127.0.0.1:8787/v1/me')).toBe(false);
    expect(patternMatches('https://x.com/*', 'http://x.com/')).toBe(false);
  });

  it('knows the built-in sites', () => {
    expect(isBuiltInSite('https://x.com/home')).toBe(true);
    expect(isBuiltInSite('https://mail.google.com/mail/u/0/')).toBe(true);
    expect(isBuiltInSite('https://help.acme-support.test/')).toBe(false);
  });
});
