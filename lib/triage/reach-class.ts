import type { ProfileSummary } from '../contract/profile.ts';

export type ReachClass = 'quiet_vip' | 'loud_vip' | 'influencer_not_customer' | 'regular';

/**
 * Fixed cut-offs for now; issue 6 replaces them with the tenant's own percentiles, which is why they are a
 * parameter rather than constants inside the function.
 */
export interface ReachThresholds {
  /** Tier ranks at or above this (1 = top) count as top tiers. */
  topTierRank: number;
  /** Lifetime value from which a customer is high value whatever the tier (in the profile's currency). */
  highValue: number;
  /** Lifetime value under which a customer has bought (almost) nothing. */
  lowValue: number;
  /** Followers summed over networks from which an account is "loud". */
  bigReach: number;
}

export const DEFAULT_REACH_THRESHOLDS: ReachThresholds = {
  topTierRank: 2,
  highValue: 10_000,
  lowValue: 500,
  bigReach: 5_000,
};

/** Value against reach: the quiet VIP with 75 followers must not rank below a loud account that never bought. */
export function reachClass(
  profile: Pick<ProfileSummary, 'tier' | 'value' | 'reach'>,
  thresholds: ReachThresholds = DEFAULT_REACH_THRESHOLDS,
): ReachClass {
  const lifetime = profile.value?.lifetime ?? 0;
  const valuable =
    (profile.tier !== null && profile.tier.rank <= thresholds.topTierRank) ||
    lifetime >= thresholds.highValue;
  const loud = profile.reach.followers >= thresholds.bigReach;
  if (valuable) return loud ? 'loud_vip' : 'quiet_vip';
  if (loud && lifetime < thresholds.lowValue) return 'influencer_not_customer';
  return 'regular';
}
