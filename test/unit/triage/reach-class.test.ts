import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../../lib/triage/defaults.ts';
import { reachClass } from '../../../lib/triage/reach-class.ts';

const profile = (rank: number | null, lifetime: number | null, followers: number) => ({
  tier: rank === null ? null : { program: 'Harbor Hotels', name: `Rank ${rank}`, rank },
  value: lifetime === null ? null : { currency: 'USD', lifetime, last12m: 0 },
  reach: { followers },
});

describe('value against reach', () => {
  it('classes the story personas as DESIGN.md tells them', () => {
    expect(reachClass(profile(1, 182_400, 75))).toBe('quiet_vip'); // Daniel
    expect(reachClass(profile(2, 48_200, 412))).toBe('quiet_vip'); // Sofia
    expect(reachClass(profile(null, null, 20_400))).toBe('influencer_not_customer'); // Tyler
    expect(reachClass(profile(3, 1_840, 120))).toBe('regular'); // John
  });

  it('calls a valuable customer with a big audience a loud VIP', () => {
    expect(reachClass(profile(1, 90_000, 25_000))).toBe('loud_vip');
    // High value without a top tier is still valuable.
    expect(reachClass(profile(null, 50_000, 9_000))).toBe('loud_vip');
  });

  it('does not call a big account that buys an influencer', () => {
    expect(reachClass(profile(4, 2_000, 20_000))).toBe('regular');
  });

  it('takes the thresholds as a parameter', () => {
    const strict = { topTierRank: 1, highValue: 1_000_000, lowValue: 500, bigReach: 100 };
    expect(reachClass(profile(2, 48_200, 412), strict)).toBe('regular');
    // The whole SegmentThresholds served by the backend fits too.
    const tenant = { ...DEFAULT_THRESHOLDS, bigReach: 50 };
    expect(reachClass(profile(1, 182_400, 75), tenant)).toBe('loud_vip');
  });
});
