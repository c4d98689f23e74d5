import type { SegmentThresholds } from '../contract/triage.ts';
import { DEFAULT_THRESHOLDS } from './defaults.ts';

// One pure function decides a customer's value band; the cut-offs come from the tenant's own distribution
// (GET /v1/triage/settings, issue 6) and default to DEFAULT_THRESHOLDS until the backend has answered.

export const VALUE_BANDS = ['$', '$$', '$$$', '$$$$'] as const;
export type ValueBand = (typeof VALUE_BANDS)[number];

/** Words for screen readers, in the same order as VALUE_BANDS. */
export const VALUE_BAND_WORDS: Record<ValueBand, string> = {
  $: 'low value',
  $$: 'medium value',
  $$$: 'high value',
  $$$$: 'top value',
};

/**
 * Lower bounds of `$$`, `$$$` and `$$$$` for the last 12 months' spend when nothing better is known:
 * the demo reads John (620) `$`, Sofia (9,850) `$$$`, the quiet VIP Daniel (38,900) `$$$$`.
 */
export const DEFAULT_VALUE_BAND_THRESHOLDS: readonly [number, number, number] = DEFAULT_THRESHOLDS.valueBands;

/**
 * The band of a last-12-months value: `$` below the first cut-off, one more `$` per cut-off reached.
 * `null` when there is no value at all (not a customer who spends, e.g. an influencer who never bought).
 * Takes the tenant's SegmentThresholds, or (older callers) the three band cut-offs alone.
 */
export function valueBand(
  last12m: number | null | undefined,
  thresholds: Pick<SegmentThresholds, 'valueBands'> | readonly [number, number, number] = DEFAULT_THRESHOLDS,
): ValueBand | null {
  if (last12m === null || last12m === undefined || !Number.isFinite(last12m)) return null;
  const cuts = 'valueBands' in thresholds ? thresholds.valueBands : thresholds;
  const reached = cuts.filter((threshold) => last12m >= threshold).length;
  return VALUE_BANDS[reached] ?? null;
}
