import { describe, expect, it } from 'vitest';
import { checkSlaForm, slaFormFrom } from '../../../lib/dashboard/sla-form.ts';
import { checkTriageForm, triageFormFrom } from '../../../lib/dashboard/triage-form.ts';

describe('the SLA form', () => {
  const policy = { hoursByTierRank: { '2': 8, '1': 2 }, untieredHours: 72, otherTiersHours: 48 };

  it('gives back the policy it was filled from, ranks in order', () => {
    const form = slaFormFrom(policy);
    expect(form.ranks.map((r) => r.rank)).toEqual(['1', '2']);
    expect(checkSlaForm(form)).toEqual({ ok: true, policy });
  });

  it('names every bad field', () => {
    const form = slaFormFrom(policy);
    form.ranks[0] = { rank: '1', hours: '0' };
    form.ranks[1] = { rank: '1', hours: 'soon' };
    form.untieredHours = '';
    form.otherTiersHours = '9000';
    const checked = checkSlaForm(form);
    expect(checked).toEqual({
      ok: false,
      errors: {
        'hours.0': 'Must be more than 0 hours.',
        'rank.1': 'Tier rank 1 is listed twice.',
        'hours.1': 'Not a number.',
        untieredHours: 'Enter a number of hours.',
        otherTiersHours: 'At most 8,760 hours (a year).',
      },
    });
  });
});

describe('the triage form', () => {
  const update = {
    percentiles: {
      valueBands: [50, 75, 90] as [number, number, number],
      highValue: 90,
      lowValue: 20,
      bigReach: 95,
    },
    weights: {
      tier: 40,
      last12m: 25,
      lifetime: 15,
      openLoop: 10,
      loopAgePerDay: 1,
      loopAgeCapDays: 30,
      negativeSentiment: 10,
      reachBonusMax: 5,
    },
  };

  it('round-trips', () => {
    expect(checkTriageForm(triageFormFrom(update))).toEqual({ ok: true, update });
  });

  it('refuses percentiles out of range or out of order and negative weights, by field', () => {
    const form = triageFormFrom(update);
    form['valueBands.1'] = '40';
    form.bigReach = '100';
    form.lowValue = '95';
    form['weights.reachBonusMax'] = '-1';
    form['weights.tier'] = 'x';
    const checked = checkTriageForm(form);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(
      ['bigReach', 'lowValue', 'valueBands.1', 'weights.reachBonusMax', 'weights.tier'].sort(),
    );
  });
});
