import type { ProfileSummary } from '../contract/profile.ts';
import type { ReachClassName, SegmentThresholds } from '../contract/triage.ts';
import { DEFAULT_THRESHOLDS } from './defaults.ts';

export type ReachClass = ReachClassName;

/**
 * The cut-offs a class needs: a subset of the tenant's SegmentThresholds (GET /v1/triage/settings), so either
 * can be passed. The backend mirrors this function in SQL (server/triage/class-sql.ts); keep them in step.
 */
export type ReachThresholds = Pick<SegmentThresholds, 'topTierRank' | 'highValue' | 'lowValue' | 'bigReach'>;

/** @deprecated use DEFAULT_THRESHOLDS from ./defaults.ts; kept so older imports compile. */
export const DEFAULT_REACH_THRESHOLDS: ReachThresholds = DEFAULT_THRESHOLDS;

/** Value against reach: the quiet VIP with 75 followers must not rank below a loud account that never bought. */
export function reachClass(
  profile: Pick<ProfileSummary, 'tier' | 'value' | 'reach'>,
  thresholds: ReachThresholds = DEFAULT_THRESHOLDS,
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
