import { describe, expect, it } from 'vitest';
import { PLACEHOLDERS, Playbook, type PlaybookInput, VERTICALS } from '../../../lib/contract/playbook.ts';
import { playbookIssues } from '../../../lib/suggest/playbook-issues.ts';
import { defaultPlaybookFor, demoPlaybook } from '../../../lib/suggest/playbooks/index.ts';

const issuesOf = (input: unknown) => {
  const parsed = Playbook.safeParse(input);
  if (parsed.success) throw new Error('expected the playbook to be refused');
  return playbookIssues(parsed.error.issues);
};

/** A valid playbook to break one field at a time. */
const base = (): PlaybookInput => structuredClone(defaultPlaybookFor('airline')) as PlaybookInput;

describe('shipped playbooks', () => {
  it.each(VERTICALS)('the %s playbook validates against the contract', (vertical) => {
    const playbook = defaultPlaybookFor(vertical);
    expect(Playbook.safeParse(playbook).success).toBe(true);
    expect(playbook.vertical).toBe(vertical);
    expect(playbook.rules.length).toBeGreaterThan(vertical === 'generic' ? 5 : 10);
  });

  it('the demo playbook validates, maps every demo program to its vertical and round-trips through JSON', () => {
    const demo = demoPlaybook();
    expect(Playbook.parse(JSON.parse(JSON.stringify(demo)))).toEqual(demo);
    expect(demo.programs).toEqual({
      Skyward: 'airline',
      'Harbor Hotels': 'hotel',
      'DeskPro Rewards': 'retail',
      'Slice Club': 'food_delivery',
    });
    // Vertical rules are limited to their vertical; generic ones apply to all.
    expect(demo.rules.find((r) => r.id === 'airline.lost-bag-confirm')?.when.verticals).toEqual(['airline']);
    expect(demo.rules.find((r) => r.id === 'generic.broken-promise')?.when.verticals).toBeUndefined();
  });

  it('every question declares what it asks for, so it can be suppressed', () => {
    for (const rule of demoPlaybook().rules.filter((r) => r.kind === 'question')) {
      if (rule.id === 'airline.bag-details') continue; // asks for tag numbers: no profile holds them
      expect(rule.asks, rule.id).toBeDefined();
    }
  });
});

describe('refused playbooks name the bad field', () => {
  it('an unknown placeholder', () => {
    const p = base();
    (p.rules[3] as { text: unknown }).text = 'Is this about {recent.flight.number}?';
    expect(issuesOf(p)).toEqual([
      {
        path: 'rules[3].text',
        message: 'unknown placeholder {recent.flight.number}; see PLACEHOLDERS in lib/contract/playbook.ts',
      },
    ]);
  });

  it('an unknown placeholder inside a list of alternatives, and in a reason', () => {
    const p = base();
    (p.rules[0] as { text: unknown }).text = ['fine {name}', 'bad {tierName}'];
    (p.rules[1] as { reasons: unknown }).reasons = ['{oops}'];
    expect(issuesOf(p).map((i) => i.path)).toEqual(['rules[0].text[1]', 'rules[1].reasons[0]']);
  });

  it('an intent no one defined', () => {
    const p = base();
    p.rules[2] = {
      ...(p.rules[2] as PlaybookInput['rules'][number]),
      when: { intents: { any: ['lost_bags'] } },
    };
    expect(issuesOf(p)).toEqual([
      { path: 'rules[2].when.intents.any[0]', message: 'unknown intent "lost_bags"' },
    ]);
  });

  it('a misspelt condition (objects are strict, so it cannot silently match everyone)', () => {
    const p = base();
    p.offers[1] = {
      ...(p.offers[1] as PlaybookInput['offers'][number]),
      when: { tierRankAtMst: 1 } as never,
    };
    expect(issuesOf(p)).toEqual([{ path: 'offers[1].when.tierRankAtMst', message: 'unknown field' }]);
  });

  it('wrong types, bad enums, duplicate ids, a bad version', () => {
    const p = base() as Record<string, unknown> & PlaybookInput;
    p.version = 2 as 1;
    p.vertical = 'bank' as 'airline';
    (p.rules[0] as { score: unknown }).score = 'high';
    (p.rules[1] as { kind: unknown }).kind = 'ask';
    (p.intents[1] as { id: string }).id = (p.intents[0] as { id: string }).id;
    const paths = issuesOf(p).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['version', 'vertical', 'rules[0].score', 'rules[1].kind']));
    // Cross-references are checked once the shape is right.
    const q = base();
    (q.intents[1] as { id: string }).id = (q.intents[0] as { id: string }).id;
    expect(issuesOf(q)[0]).toEqual({ path: 'intents[1].id', message: `duplicate id "${q.intents[0]?.id}"` });
  });

  it('a body that is not a playbook at all', () => {
    expect(issuesOf([])[0]?.path).toBe('playbook');
    expect(issuesOf({})[0]).toEqual({ path: 'version', message: 'expected 1' });
  });

  it('the placeholder list covers every placeholder the shipped playbooks use', () => {
    const used = JSON.stringify(demoPlaybook()).match(/\{[a-zA-Z.]+\}/g) ?? [];
    for (const u of used) expect(PLACEHOLDERS).toContain(u.slice(1, -1));
  });
});
