import { describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../../lib/contract/profile.ts';
import { toBadgeResult } from '../../../lib/lookup/badge-result.ts';
import { BadgeResult } from '../../../lib/messaging/schemas.ts';

const sofia: ProfileSummary = {
  id: 'p-sofia',
  name: 'Sofia Reyes',
  tier: { program: 'Skyward', name: 'Gold', rank: 2 },
  value: { currency: 'USD', lifetime: 48_200, last12m: 9850 },
  identities: [{ kind: 'email', value: 'sofia.reyes@example.com' }],
  social: [{ network: 'x', handle: 'sofiaflies', followers: 412 }],
  reach: { followers: 412 },
};
const identifier = { kind: 'handle', network: 'x', value: 'sofiaflies' } as const;

describe('toBadgeResult', () => {
  it('gives the badge tier, value band and reach, and nothing that names the person', () => {
    const result = toBadgeResult({ status: 'matched', identifier, profile: sofia });
    expect(result).toEqual({
      key: 'handle:x:sofiaflies',
      status: 'matched',
      label: 'Gold',
      tier: 'Gold',
      valueBand: '$$$',
      reach: 412,
    });
    expect(BadgeResult.safeParse(result).success).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/Sofia|Reyes|48200|9850|example\.com|p-sofia/);
  });

  it('in privacy mode gives the tier alone', () => {
    expect(toBadgeResult({ status: 'matched', identifier, profile: sofia }, { privacyMode: true })).toEqual({
      key: 'handle:x:sofiaflies',
      status: 'matched',
      label: 'Gold',
      tier: 'Gold',
    });
  });

  it('takes the thresholds it is given (issue 6 moves them to tenant percentiles)', () => {
    const result = toBadgeResult(
      { status: 'matched', identifier, profile: sofia },
      { privacyMode: false, valueBandThresholds: [10, 20, 30] },
    );
    expect(result.status === 'matched' && result.valueBand).toBe('$$$$');
  });

  it('leaves out what the profile does not have (no tier, no value)', () => {
    const tyler = { ...sofia, tier: null, value: null, reach: { followers: 20_400 } };
    expect(toBadgeResult({ status: 'matched', identifier, profile: tyler })).toEqual({
      key: 'handle:x:sofiaflies',
      status: 'matched',
      label: 'Known',
      reach: 20_400,
    });
  });

  it('passes unknown, ambiguous and error through', () => {
    expect(toBadgeResult({ status: 'unknown', identifier })).toEqual({
      key: 'handle:x:sofiaflies',
      status: 'unknown',
    });
    expect(toBadgeResult({ status: 'ambiguous', identifier, candidates: [sofia, sofia] })).toMatchObject({
      status: 'matched',
      label: '2 profiles',
    });
    const error = { code: 'unreachable', message: 'down' } as const;
    expect(toBadgeResult({ status: 'error', identifier, error })).toEqual({
      key: 'handle:x:sofiaflies',
      status: 'error',
      error,
    });
  });
});
