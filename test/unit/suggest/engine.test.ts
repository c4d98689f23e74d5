import { describe, expect, it } from 'vitest';
import type { ProfileDetail } from '../../../lib/contract/profile.ts';
import { MAX_SUGGESTIONS, type SuggestResult, suggest } from '../../../lib/suggest/engine.ts';
import { defaultPlaybookFor, demoPlaybook } from '../../../lib/suggest/playbooks/index.ts';
import { age, relativeTime } from '../../../lib/suggest/relative-time.ts';
import { NOW, storyProfiles, summaryOnly } from './fixtures.ts';

const profiles = storyProfiles(NOW);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const run = (profile: ProfileDetail, messageText: string, playbook = demoPlaybook(), now = NOW) =>
  suggest({ playbook, profile, messageText, now });
const ids = (r: SuggestResult) => r.suggestions.map((s) => s.id);

describe('never asks for what the profile holds', () => {
  it('asks which flight only when no recent flight is on file', () => {
    const noFlight: ProfileDetail = { ...profiles.sofia, recent: [], upcoming: [] };
    const asked = run(noFlight, 'my bags never arrived');
    expect(ids(asked)).toContain('airline.ask-flight');
    expect(ids(asked)).not.toContain('airline.lost-bag-confirm');

    const held = run(profiles.sofia, 'my bags never arrived');
    expect(ids(held)).not.toContain('airline.ask-flight');
    expect(ids(held)[0]).toBe('airline.lost-bag-confirm');
  });

  it('treats a flight from two weeks ago as not held (the customer may mean another one)', () => {
    const old: ProfileDetail = {
      ...profiles.sofia,
      recent: [
        {
          kind: 'flight',
          ref: 'XX123',
          at: new Date(NOW.getTime() - 14 * DAY).toISOString(),
          summary: 'AMS → SEA',
          status: 'landed',
        },
      ],
      upcoming: [],
    };
    expect(ids(run(old, 'my bags never arrived'))).toContain('airline.ask-flight');
  });

  it('asks for the e-mail only of someone without one', () => {
    expect(ids(run(profiles.tyler, 'hi'))).toContain('generic.ask-email');
    for (const profile of Object.values(profiles)) {
      if (profile.identities.some((i) => i.kind === 'email')) {
        for (const text of ['', 'hi', 'refund please', 'my bags']) {
          expect(ids(run(profile, text))).not.toContain('generic.ask-email');
        }
      }
    }
  });
});

describe('intents', () => {
  const intentIds = (text: string, profile = profiles.sofia) => run(profile, text).intents.map((i) => i.id);

  it('match on word boundaries, ignoring case and diacritics', () => {
    expect(intentIds('BAGGAGE gone')).toContain('lost_bag');
    expect(intentIds('mi maleta no llegó')).toContain('lost_bag');
    expect(intentIds('Mon bagage est perdu. Je veux un remboursement')).toEqual(
      expect.arrayContaining(['lost_bag', 'refund']),
    );
    expect(intentIds('Gepäck fehlt')).toContain('lost_bag');
    // "cabbage" contains "bag" but not at a word start.
    expect(intentIds('the cabbage soup was cold')).not.toContain('lost_bag');
  });

  it('light negation: "not late" does not fire late', () => {
    expect(intentIds('the pizza was late', profiles.john)).toContain('late_order');
    expect(intentIds('the pizza was not late', profiles.john)).not.toContain('late_order');
    expect(intentIds("wasn't late at all", profiles.john)).not.toContain('late_order');
    expect(intentIds('not late but cold', profiles.john)).toContain('late_order');
  });

  it('belong to the profile’s vertical in a playbook spanning several', () => {
    // "late" is a food-delivery word for John and an airline word for Sofia.
    expect(intentIds('late again', profiles.john)).toContain('late_order');
    expect(intentIds('late again', profiles.john)).not.toContain('flight_delay');
    expect(intentIds('late again', profiles.sofia)).toContain('flight_delay');
    expect(intentIds('late again', profiles.sofia)).not.toContain('late_order');
  });

  it('report the words that matched', () => {
    const lost = run(profiles.sofia, 'Bags, bags and more BAGS; the luggage never arrived').intents.find(
      (i) => i.id === 'lost_bag',
    );
    expect(lost?.matched).toEqual(['bags', 'luggage', 'never arrived']);
  });
});

describe('robustness', () => {
  it('copes with a profile that has no history fields (an older backend)', () => {
    for (const profile of Object.values(profiles)) {
      const result = run(summaryOnly(profile), 'my bags never arrived, refund, cancel, late');
      expect(result.suggestions.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
    }
    // Without the flight on file, the engine asks for it.
    expect(ids(run(summaryOnly(profiles.sofia), 'my bags never arrived'))).toContain('airline.ask-flight');
  });

  it('hostile text and profile fields: no crash, no markup, no bidi tricks, bounded size', () => {
    const hostile = `<script>alert(1)</script><img src=x onerror=alert(1)>\u202Egnp.exe\u202C bags ${'𝔘'.repeat(5000)}`;
    const evil: ProfileDetail = {
      ...profiles.sofia,
      name: `<b onmouseover=x>${'A'.repeat(10_000)}</b>\u202E`,
      preferences: { channel: '<i>email</i>', language: 'en', notes: ['<svg onload=alert(1)>rebook'] },
      recent: [
        {
          kind: 'flight',
          ref: '<a href=javascript:x>XX123</a>',
          at: new Date(NOW.getTime() - DAY).toISOString(),
          summary: 'AMS → SEA <iframe>',
          status: 'landed',
        },
      ],
      cases: [
        {
          id: 'C-1',
          status: 'open',
          subject: `\u0000\u2066${'<x>'.repeat(3000)}`,
          openedAt: NOW.toISOString(),
          channels: ['app', 'web', 'phone'],
          promisedBy: null,
        },
      ],
    };
    const started = performance.now();
    const result = run(evil, hostile + 'x'.repeat(10_000));
    expect(performance.now() - started).toBeLessThan(250);
    const strings = [
      ...result.suggestions.flatMap((s) => [s.text, ...s.reasons]),
      ...result.offers.flatMap((o) => [o.label, o.description, ...o.reasons]),
      ...result.intents.flatMap((i) => [i.label, ...i.matched]),
    ];
    expect(result.suggestions.length).toBeGreaterThan(0);
    for (const s of strings) {
      expect(s).not.toMatch(/[<>]/);
      expect(s).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
      expect(s.length).toBeLessThan(1000);
    }
  });

  it('at most three suggestions, deterministic for the same input (seeded random inputs)', () => {
    // A small seeded generator: the same cases every run, so a failure is reproducible.
    let seed = 0x5eed;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const words = [
      'bags',
      'late',
      'cold',
      'not',
      'refund',
      'cancel',
      'rude',
      'again',
      'thanks',
      'rebooking',
      'room',
      'wrong',
      'order',
      'missed',
      'connection',
      'never',
      'arrived',
      'use',
      'the',
      'form',
      'still',
      '<b>',
    ];
    const people = Object.values(profiles);
    for (let n = 0; n < 300; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 12) },
        () => words[Math.floor(random() * words.length)],
      ).join(' ');
      const profile = people[Math.floor(random() * people.length)] as ProfileDetail;
      const a = run(profile, text);
      const b = run(structuredClone(profile), text);
      expect(a.suggestions.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
      expect(b).toEqual(a);
      const scores = a.suggestions.map((s) => s.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
    }
  });

  it('works with every shipped single-vertical playbook', () => {
    for (const vertical of ['airline', 'hotel', 'retail', 'food_delivery', 'generic'] as const) {
      const result = run(profiles.john, 'third time late and cold', defaultPlaybookFor(vertical));
      // The survey loop is a generic rule: every playbook ranks it first.
      expect(result.suggestions[0]?.id).toBe('generic.contact-request-apology');
    }
  });
});

describe('relative time from now', () => {
  it('reads like a person', () => {
    const ago = (ms: number) => relativeTime(new Date(NOW.getTime() - ms), NOW);
    expect(ago(DAY)).toBe('yesterday');
    expect(ago(3 * HOUR)).toBe('3 hours ago');
    expect(ago(21 * DAY)).toBe('3 weeks ago');
    expect(ago(60 * DAY)).toBe('2 months ago');
    expect(ago(-9 * DAY)).toBe('in 9 days');
    expect(age(new Date(NOW.getTime() - 64 * DAY), NOW)).toBe('2 months');
    expect(relativeTime(new Date(NOW.getTime() - DAY), NOW, 'es')).toBe('ayer');
  });
});
