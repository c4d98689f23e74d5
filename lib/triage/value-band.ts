// One pure function decides a customer's value band, so that issue 6 can swap the fixed thresholds below for
// the tenant's own percentiles without touching the badge, the sidebar or the background.

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
 * Lower bounds of `$$`, `$$$` and `$$$$` in the profile's currency, for the last 12 months' spend.
 * Placeholders until tenant percentiles exist (issue 6): the demo reads John (620) `$`, Sofia (9,850) `$$$`, the quiet VIP Daniel (38,900) `$$$$`.
 */
export const DEFAULT_VALUE_BAND_THRESHOLDS: readonly [number, number, number] = [1_000, 5_000, 20_000];

/**
 * The band of a last-12-months value: `$` below the first threshold, one more `$` per threshold reached.
 * `null` when there is no value at all (not a customer who spends, e.g. an influencer who never bought).
 */
export function valueBand(
  last12m: number | null | undefined,
  thresholds: readonly [number, number, number] = DEFAULT_VALUE_BAND_THRESHOLDS,
): ValueBand | null {
  if (last12m === null || last12m === undefined || !Number.isFinite(last12m)) return null;
  const reached = thresholds.filter((threshold) => last12m >= threshold).length;
  return VALUE_BANDS[reached] ?? null;
}
