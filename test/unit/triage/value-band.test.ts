import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../../lib/triage/defaults.ts';
import { valueBand } from '../../../lib/triage/value-band.ts';

describe('valueBand', () => {
  it('adds one $ per threshold reached, thresholds inclusive', () => {
    const thresholds = [100, 500, 2000] as const;
    expect(valueBand(0, thresholds)).toBe('$');
    expect(valueBand(99.99, thresholds)).toBe('$');
    expect(valueBand(100, thresholds)).toBe('$$');
    expect(valueBand(1999, thresholds)).toBe('$$$');
    expect(valueBand(2000, thresholds)).toBe('$$$$');
    expect(valueBand(1e9, thresholds)).toBe('$$$$');
  });

  it('takes the tenant SegmentThresholds from GET /v1/triage/settings', () => {
    const tenant = { ...DEFAULT_THRESHOLDS, valueBands: [50, 300, 4000] as [number, number, number] };
    expect(valueBand(49, tenant)).toBe('$');
    expect(valueBand(620, tenant)).toBe('$$$'); // John is a $$$ customer of a small pizzeria
    expect(valueBand(4000, tenant)).toBe('$$$$');
  });

  it('has no band without a value (an account that never bought)', () => {
    expect(valueBand(null)).toBeNull();
    expect(valueBand(undefined)).toBeNull();
    expect(valueBand(Number.NaN)).toBeNull();
  });

  it('bands the demo personas by their last 12 months with the default thresholds', () => {
    expect(valueBand(620)).toBe('$'); // John
    expect(valueBand(2100)).toBe('$$'); // Mary
    expect(valueBand(9850)).toBe('$$$'); // Sofia
    expect(valueBand(38_900)).toBe('$$$$'); // Daniel, the quiet VIP
  });
});
