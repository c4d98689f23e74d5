import type { SegmentPercentiles, SegmentThresholds } from '../contract/triage.ts';
import { DEFAULT_THRESHOLDS } from './defaults.ts';

/**
 * The p-th percentile (0 < p < 100) of an ascending list, interpolated linearly between the two nearest ranks
 * (the "type 7" definition of R, NumPy and spreadsheets; PostgreSQL's percentile_cont). `null` for an empty list.
 * The backend computes the same definition in SQL (server/triage/distribution.ts), so both agree on a sample.
 */
export function percentile(sortedAscending: readonly number[], p: number): number | null {
  const n = sortedAscending.length;
  if (n === 0) return null;
  const { index, fraction } = percentileRank(n, p);
  const below = sortedAscending[index] as number;
  const above = sortedAscending[Math.min(n - 1, index + 1)] as number;
  return below + fraction * (above - below);
}

/**
 * Where the p-th percentile of n ascending values sits: between the value at 0-based `index` and the next,
 * `fraction` of the way. The backend reads just those two values with LIMIT 2 OFFSET index.
 */
export function percentileRank(n: number, p: number): { index: number; fraction: number } {
  const h = (Math.max(0, n - 1) * Math.min(100, Math.max(0, p))) / 100;
  const index = Math.floor(h);
  return { index, fraction: h - index };
}

/** The three sorted samples the cut-offs come from, each over the tenant's live profiles that have one. */
export interface DistributionSamples {
  /** Last-12-months spend of profiles with a value. */
  last12m: readonly number[];
  /** Lifetime value of profiles with a value. */
  lifetime: readonly number[];
  /** Followers summed per profile, of profiles with at least one social account. */
  followers: readonly number[];
}

/**
 * Turns percentiles into cut-offs in the tenant's units. A sample that is empty falls back to `fallback` for
 * the cut-offs it feeds. Band cut-offs are made non-decreasing (equal values in a skewed sample may tie them).
 */
export function thresholdsFrom(
  samples: DistributionSamples,
  percentiles: SegmentPercentiles,
  topTierRank: number,
  fallback: SegmentThresholds = DEFAULT_THRESHOLDS,
): SegmentThresholds {
  const at = (sample: readonly number[], p: number, otherwise: number) => percentile(sample, p) ?? otherwise;
  const [b1, b2, b3] = percentiles.valueBands;
  const first = at(samples.last12m, b1, fallback.valueBands[0]);
  const second = Math.max(first, at(samples.last12m, b2, fallback.valueBands[1]));
  const third = Math.max(second, at(samples.last12m, b3, fallback.valueBands[2]));
  return {
    valueBands: [first, second, third],
    highValue: at(samples.lifetime, percentiles.highValue, fallback.highValue),
    lowValue: at(samples.lifetime, percentiles.lowValue, fallback.lowValue),
    bigReach: at(samples.followers, percentiles.bigReach, fallback.bigReach),
    topTierRank,
  };
}
