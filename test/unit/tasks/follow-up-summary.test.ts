import { describe, expect, it } from 'vitest';
import { channelForPage } from '../../../lib/tasks/channel-for-page.ts';
import { followUpSummary } from '../../../lib/tasks/follow-up-summary.ts';

describe('the follow-up prefill', () => {
  it('quotes the customer, shortened, and adds the next step', () => {
    const summary = followUpSummary({
      name: 'Sofia  Reyes',
      messageText: `Bags never arrived.\n${'x'.repeat(500)}`,
      suggestion: 'Is this about XX123 from Amsterdam?',
    });
    expect(summary).toMatch(
      /^Follow up with Sofia Reyes: they wrote: "Bags never arrived\. x+…"\. Next: Is this about XX123/,
    );
    expect(summary.length).toBeLessThan(800);
  });

  it('reads the channel from the page', () => {
    expect(channelForPage('https://x.com/sofiaflies/status/1')).toBe('twitter');
    expect(channelForPage('https://mail.google.com/mail/u/0/#inbox/1')).toBe('email');
    expect(channelForPage('https://acme.zendesk.com/agent/tickets/5')).toBe('web');
    expect(channelForPage('not a url')).toBe('other');
    expect(channelForPage(undefined)).toBe('other');
  });
});
