import { describe, expect, it } from 'vitest';
import { filtersToHash, filtersToQuery, parseFiltersHash } from '../../../lib/dashboard/filters.ts';

const now = new Date('2026-11-23T12:00:00Z');

describe('dashboard filters in the URL hash', () => {
  it('round-trips every filter', () => {
    const filters = {
      period: 'custom',
      from: '2026-10-01',
      to: '2026-10-31',
      channel: 'twitter',
      team: 'Social',
    } as const;
    expect(parseFiltersHash(filtersToHash(filters))).toEqual(filters);
    expect(parseFiltersHash('#period=7d&team=Care')).toEqual({ period: '7d', team: 'Care' });
  });

  it('falls back to the defaults for values a hand-edited hash got wrong', () => {
    expect(parseFiltersHash('#period=9y&channel=fax&from=yesterday')).toEqual({ period: '30d' });
    expect(parseFiltersHash('')).toEqual({ period: '30d' });
    // Dates only count for a custom period.
    expect(parseFiltersHash('#period=7d&from=2026-01-01')).toEqual({ period: '7d' });
  });
});

describe('filters → backend query', () => {
  it('asks for the last N days up to now, with the scope filters', () => {
    const result = filtersToQuery({ period: '30d', channel: 'email', team: 'Care' }, now);
    expect(result).toEqual({
      ok: true,
      query: {
        from: '2026-10-24T12:00:00.000Z',
        to: '2026-11-23T12:00:00.000Z',
        channel: 'email',
        team: 'Care',
      },
    });
  });

  it('includes the custom end day (the backend`s `to` is exclusive)', () => {
    const result = filtersToQuery({ period: 'custom', from: '2026-10-01', to: '2026-10-31' }, now);
    if (!result.ok) throw new Error(result.message);
    expect(
      new Date(result.query.to).getTime() - new Date(result.query.from).getTime(),
    ).toBeGreaterThanOrEqual(30 * 86_400_000);
    expect(new Date(result.query.to).getDate()).toBe(1); // local midnight of 1 November
  });

  it('names the field of a range that cannot be asked for', () => {
    expect(filtersToQuery({ period: 'custom', to: '2026-10-31' }, now)).toMatchObject({
      ok: false,
      field: 'from',
    });
    expect(filtersToQuery({ period: 'custom', from: '2026-10-31', to: '2026-10-01' }, now)).toMatchObject({
      ok: false,
      field: 'to',
      message: 'The end date is before the start date.',
    });
    expect(filtersToQuery({ period: 'custom', from: '2024-01-01', to: '2026-01-01' }, now)).toMatchObject({
      ok: false,
      field: 'to',
    });
    expect(filtersToQuery({ period: 'custom', from: '2026-02-30', to: '2026-03-01' }, now)).toMatchObject({
      ok: false,
      field: 'from',
    });
  });
});
