import { describe, expect, it } from 'vitest';
import { suggest } from '../../../lib/suggest/engine.ts';
import { demoPlaybook } from '../../../lib/suggest/playbooks/index.ts';
import { NOW, storyProfiles } from './fixtures.ts';

// The five stories of DESIGN.md, with the demo tenant's playbook (the backend's default) and the words the
// customer actually wrote.

const profiles = storyProfiles(NOW);
const run = (who: keyof typeof profiles, messageText: string) =>
  suggest({ playbook: demoPlaybook(), profile: profiles[who], messageText, now: NOW });

const ASKS_FLIGHT = /which flight|flight number|booking reference/i;

describe('story 1 — Sofia, the lost bags', () => {
  const result = run('sofia', 'Waited for nearly two hours and bags never arrived');

  it('confirms the flight she landed on instead of asking for it', () => {
    const [first] = result.suggestions;
    expect(first?.kind).toBe('confirm');
    expect(first?.text).toBe('Is this about XX123 from Amsterdam that landed yesterday?');
    expect(first?.reasons).toContain('Gold member');
    expect(first?.reasons).toContain('landed yesterday on XX123 from AMS');
    expect(first?.reasons.some((r) => r.includes("mentions 'bags"))).toBe(true);
  });

  it('never asks which flight', () => {
    expect(result.suggestions.map((s) => s.text).join('\n')).not.toMatch(ASKS_FLIGHT);
    expect(result.suggestions.map((s) => s.id)).not.toContain('airline.ask-flight');
  });

  it('detects the lost bag, and offers a call from the baggage desk first', () => {
    expect(result.intents.find((i) => i.id === 'lost_bag')?.matched).toEqual(['bags', 'never arrived']);
    expect(result.offers[0]?.id).toBe('airline.baggage-desk-callback');
    expect(result.offers[0]?.description).toContain('XX123');
  });

  it('offers what a Gold member gets, not what a Platinum one does', () => {
    const ids = result.offers.map((o) => o.id);
    expect(ids).toContain('airline.bonus-miles-5000');
    expect(ids).not.toContain('airline.bonus-miles-10000');
    expect(ids).not.toContain('airline.priority-rebooking');
  });

  it('uses her preferred channel', () => {
    expect(result.suggestions.find((s) => s.id === 'airline.baggage-desk')?.text).toContain('by e-mail');
  });
});

describe('story 2 — John, the survey nobody answered', () => {
  const result = run('john', 'Third time late, cold, and the wrong pizza');

  it('ranks the unanswered survey first, with its age', () => {
    const [first] = result.suggestions;
    expect(first?.id).toBe('generic.contact-request-apology');
    expect(first?.text).toMatch(/nobody got in touch/);
    expect(first?.text).toContain('the survey 3 weeks ago');
    expect(first?.reasons).toContain('asked to be contacted 3 weeks ago, never answered');
  });

  it('still hears the complaint', () => {
    expect(result.intents.map((i) => i.id)).toEqual(
      expect.arrayContaining(['late_order', 'repeat_contact', 'wrong_order']),
    );
    expect(result.suggestions.map((s) => s.id)).toContain('food.repeat-late');
    expect(result.offers[0]?.id).toBe('food.manager-call');
  });

  it('ranks the survey first whatever he writes', () => {
    for (const text of ['', 'hello?', 'thanks for nothing']) {
      expect(run('john', text).suggestions[0]?.id).toBe('generic.contact-request-apology');
    }
  });
});

describe('story 3 — Mary, the channel hop that went nowhere', () => {
  const result = run('mary', '');

  it('acknowledges the e-mail follow-up that never came, with its age', () => {
    const [first] = result.suggestions;
    expect(first?.id).toBe('generic.broken-promise');
    expect(first?.text).toContain('moved your case to e-mail');
    expect(first?.text).toContain('2 months ago');
    expect(first?.reasons).toContain('promised follow-up never came: 2 months overdue');
  });

  it('reads the three channels as one case', () => {
    expect(first(result.suggestions.filter((s) => s.id === 'generic.channel-hop'))?.text).toContain(
      'the website, X, and e-mail',
    );
  });
});

describe('story 4 — Daniel, the quiet VIP, and Tyler, the influencer who never bought', () => {
  it('gives Daniel a personal recovery with the reasons why', () => {
    const result = run('daniel', 'Front desk told me to "use the form"');
    const [top] = result.suggestions;
    expect(top?.id).toBe('hotel.quiet-vip-recovery');
    expect(top?.text).toMatch(/^Daniel, you've stayed with us since 2009/);
    expect(top?.text).toContain('general manager will call you before your next stay in 5 days');
    expect(top?.reasons).toEqual(
      expect.arrayContaining(['Ambassador since 2009', 'only 75 followers: a quiet VIP']),
    );
    expect(result.offers.map((o) => o.id)).toContain('hotel.gm-call');
  });

  it('is courteous to Tyler and offers nothing that status earns', () => {
    const result = run('tyler', 'Any chance of a free suite for my 20k followers? I will post about it');
    expect(result.suggestions[0]?.id).toBe('generic.influencer-courteous');
    expect(result.suggestions[0]?.reasons).toContain('20,400 followers, no membership or purchases');
    expect(result.offers).toEqual([]);
    expect(result.suggestions.map((s) => s.text).join(' ')).not.toMatch(/upgrade|suite|bonus|manager/i);
  });
});

describe('story 5 — Priya, know me, don’t ask me twice', () => {
  const result = run('priya', 'App, web, call centre, and still no rebooking');

  it('confirms the rebooking of the connection she missed', () => {
    expect(result.suggestions[0]?.kind).toBe('confirm');
    expect(result.suggestions[0]?.text).toContain('rebooking XX790 from Minneapolis to Seattle');
  });

  it('never asks her name, number or flight again, whatever she writes', () => {
    for (const text of [
      'App, web, call centre, and still no rebooking',
      'my flight was cancelled and I want a refund',
      'bags lost again, flight delayed, I want to cancel',
      '',
    ]) {
      const { suggestions } = run('priya', text);
      expect(suggestions.filter((s) => s.kind === 'question').map((s) => s.id)).toEqual(
        expect.not.arrayContaining(['airline.ask-flight', 'generic.ask-membership', 'generic.ask-email']),
      );
      expect(suggestions.map((s) => s.text).join('\n')).not.toMatch(
        /your name|membership number|e-mail address|which flight/i,
      );
    }
  });

  it('says the hop across four channels is one story, and uses her stated preference', () => {
    const ids = result.suggestions.map((s) => s.id);
    expect(ids).toContain('generic.channel-hop');
    expect(ids).toContain('airline.rebook-preference');
    expect(result.suggestions.find((s) => s.id === 'airline.rebook-preference')?.text).toContain(
      'Prefers SkyTeam partner rebooking over refunds',
    );
  });

  it('offers what Platinum may get without escalation, best first', () => {
    expect(result.offers.map((o) => o.id)).toEqual([
      'airline.priority-rebooking',
      'airline.bonus-miles-10000',
      'airline.lounge-pass',
      'generic.personal-follow-up',
    ]);
  });
});

function first<T>(list: readonly T[]): T | undefined {
  return list[0];
}
