// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { SiteDefinition } from '../../../lib/contract/sites.ts';
import { adapterFromDefinition, adapterFromDefinitions } from '../../../lib/sites/from-definition.ts';
import { badged } from './support.ts';

// An invented helpdesk an admin describes with selectors only; the page is synthetic, its people invented.
const acme = SiteDefinition.parse({
  id: 'acme-helpdesk',
  name: 'Acme Helpdesk',
  urlPatterns: ['https://help.acme.test/tickets/*', 'https://*.acme-support.test/*'],
  selectors: {
    message: '.msg',
    author: '.msg .from',
    requester: '.ticket-head .requester',
    handle: '.msg .twitter',
  },
});

const PAGE = `
  <div class="ticket-head"><span class="requester" title="Rae Quill &lt;rae.quill@example.com&gt;">Rae Quill</span></div>
  <div class="msg">
    <span class="from"><a href="mailto:rae.quill@example.com">Rae</a></span>
    <p class="body">My order is late, my partner @tom_partner says hi. Card SK-204816.</p>
  </div>
  <div class="msg">
    <span class="from">@lena_writes</span><span class="twitter">lena_writes</span>
    <p class="body">Same problem, write to lena@example.org</p>
  </div>
  <div class="msg"><span class="from">Agent Smith</span><p class="body">We are on it.</p></div>`;

describe('adapterFromDefinition', () => {
  beforeEach(() => {
    document.body.innerHTML = PAGE;
  });

  it('matches the URLs of its patterns only', () => {
    const adapter = adapterFromDefinition(acme);
    expect(adapter.id).toBe('admin:acme-helpdesk');
    expect(adapter.matches(new URL('https://help.acme.test/tickets/42'))).toBe(true);
    expect(adapter.matches(new URL('https://eu.acme-support.test/x'))).toBe(true);
    expect(adapter.matches(new URL('https://help.acme.test/admin'))).toBe(false);
    expect(adapter.matches(new URL('https://evil.test/tickets/42'))).toBe(false);
    expect(adapterFromDefinitions([acme], 'https://help.acme.test/tickets/1')?.id).toBe(
      'admin:acme-helpdesk',
    );
    expect(adapterFromDefinitions([acme], 'https://other.test/')).toBeNull();
    expect(adapterFromDefinitions([acme], 'not a url')).toBeNull();
  });

  it('reads requester and authors from the selectors, and the rest from the messages’ text', () => {
    const lines = badged(adapterFromDefinition(acme)).map((b) => b.line);
    expect(lines).toEqual([
      'author email:rae.quill@example.com',
      'author handle:x:lena_writes',
      'requester email:rae.quill@example.com',
      // Right to left inside one text node (the scanner splits text from its end).
      'text loyalty:SK204816',
      'text handle:x:tom_partner',
      'text email:lena@example.org',
    ]);
  });

  it('gives each candidate its message as scope and text', () => {
    const [first] = badged(adapterFromDefinition(acme));
    expect((first?.candidate.scope as Element).className).toBe('msg');
    expect(first?.candidate.messageText()).toContain('My order is late');
  });

  it('a selector the browser cannot parse costs that rule only, never the scan', () => {
    const broken = adapterFromDefinition({
      ...acme,
      selectors: { ...acme.selectors, author: '.msg >>> .from', message: '::nope(' },
    });
    const lines = badged(broken).map((b) => b.line);
    expect(lines).toContain('requester email:rae.quill@example.com');
    expect(lines).toContain('text email:lena@example.org');
    expect(lines.some((line) => line.startsWith('author email'))).toBe(false);
  });
});
