import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PERCENTILES, DEFAULT_THRESHOLDS } from '../../../lib/triage/defaults.ts';
import { percentile, thresholdsFrom } from '../../../lib/triage/percentiles.ts';

describe('percentile', () => {
  it('interpolates between the nearest ranks like R type 7 / percentile_cont', () => {
    const xs = [10, 20, 30, 40, 50];
    expect(percentile(xs, 50)).toBe(30);
    expect(percentile(xs, 25)).toBe(20);
    expect(percentile(xs, 90)).toBeCloseTo(46);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('stays within the sample and never decreases with p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0.01, max: 99.99, noNaN: true }),
        fc.double({ min: 0.01, max: 99.99, noNaN: true }),
        (raw, p, q) => {
          const xs = [...raw].sort((a, b) => a - b);
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          const a = percentile(xs, lo) as number;
          const b = percentile(xs, hi) as number;
          expect(a).toBeGreaterThanOrEqual(xs[0] as number);
          expect(b).toBeLessThanOrEqual(xs.at(-1) as number);
          expect(b).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });
});

describe('thresholdsFrom', () => {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('turns percentiles into cut-offs in the tenant units', () => {
    const t = thresholdsFrom(
      {
        last12m: range(101).map((i) => (i - 1) * 100),
        lifetime: range(101).map((i) => (i - 1) * 1000),
        followers: range(101).map((i) => i - 1),
      },
      DEFAULT_PERCENTILES,
      2,
    );
    expect(t).toEqual({
      valueBands: [5000, 8000, 9500],
      highValue: 90_000,
      lowValue: 25_000,
      bigReach: 95,
      topTierRank: 2,
    });
  });

  it('falls back per sample when a sample is empty, and keeps the bands non-decreasing', () => {
    const t = thresholdsFrom({ last12m: [], lifetime: [], followers: [] }, DEFAULT_PERCENTILES, 1);
    expect(t).toEqual({ ...DEFAULT_THRESHOLDS, topTierRank: 1 });
    const skewed = thresholdsFrom(
      { last12m: [0, 0, 0, 0, 100], lifetime: [1], followers: [3] },
      { ...DEFAULT_PERCENTILES, valueBands: [10, 20, 30] },
      2,
    );
    expect(skewed.valueBands).toEqual([0, 0, 0]);
    expect(skewed.bigReach).toBe(3);
  });
});
