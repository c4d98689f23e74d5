import type { PriorityWeights, SegmentPercentiles, SegmentThresholds } from '../contract/triage.ts';

// What the extension ranks by until the backend has answered `GET /v1/triage/settings`, and what a tenant
// starts from before a lead edits anything.

/**
 * Which percentiles of the tenant's own distribution become cut-offs: the value bands split last-12-months
 * spend at the median, p80 and p95 (half the customers `$`, the top 5 % `$$$$`); the top 10 % of lifetime value
 * is "high value", the bottom quarter has bought almost nothing; the top 5 % of audiences are "loud".
 */
export const DEFAULT_PERCENTILES: SegmentPercentiles = {
  valueBands: [50, 80, 95],
  highValue: 90,
  lowValue: 25,
  bigReach: 95,
};

/**
 * Value terms add up to 100 before open loops; reach adds at most 5. `tier` (40) is kept above
 * `reachBonusMax` (5) so a top-tier customer always outranks a non-customer with the same facts, whatever
 * their audience (the settings endpoint refuses weights that break this).
 */
export const DEFAULT_WEIGHTS: PriorityWeights = {
  tier: 40,
  last12m: 35,
  lifetime: 25,
  openLoop: 12,
  loopAgePerDay: 1,
  loopAgeCapDays: 30,
  negativeSentiment: 10,
  reachBonusMax: 5,
};

/**
 * Fallback cut-offs in USD-like units, used when no backend settings are known and by the backend itself for a
 * tenant too small for percentiles to mean anything. The story personas read as DESIGN.md tells them:
 * John (620 in 12 months) `$`, Mary (2,100) `$$`, Sofia (9,850) `$$$`, Daniel the quiet VIP (38,900) `$$$$`;
 * Tyler (20,400 followers, never bought) an influencer, not a customer.
 */
export const DEFAULT_THRESHOLDS: SegmentThresholds = {
  valueBands: [1_000, 5_000, 20_000],
  highValue: 10_000,
  lowValue: 500,
  bigReach: 5_000,
  topTierRank: 2,
};
