import { sql } from 'kysely';

// Medians on both databases with one query shape: PostgreSQL has percentile_cont, SQLite has no percentile
// at all, so response times are counted per bucket in SQL and the median is read off the histogram here.
// Buckets: the exact minute under a day, the hour under 30 days, the day beyond. So a median is exact to the
// minute when it is under 24 h, and at most 59 minutes (under 30 days) or 23 h 59 min (beyond) below the true
// value, never above it. A group's histogram has at most 1,440 + 696 + (window days) rows, whatever the
// number of interactions, which keeps the answer small on a 10M-interaction tenant.

/** SQL for the bucket of `interactions.response_minutes` (null while unanswered). Integer division. */
export const responseBucketSql = (column = 'i.response_minutes') =>
  sql<
    number | null
  >`CASE WHEN ${sql.ref(column)} IS NULL THEN NULL WHEN ${sql.ref(column)} < 1440 THEN ${sql.ref(column)} WHEN ${sql.ref(column)} < 43200 THEN (${sql.ref(column)} / 60) * 60 ELSE (${sql.ref(column)} / 1440) * 1440 END`;

/** The same bucketing in JS, for medians computed from individual values. */
export function responseBucket(minutes: number): number {
  if (minutes < 1440) return minutes;
  if (minutes < 43_200) return Math.floor(minutes / 60) * 60;
  return Math.floor(minutes / 1440) * 1440;
}

export type Histogram = Map<number, number>;

export function addToHistogram(h: Histogram, bucket: number, count: number): void {
  h.set(bucket, (h.get(bucket) ?? 0) + count);
}

/**
 * The median of the values counted in `h` (the mean of the two middle ones for an even count), null when
 * empty.
 */
export function histogramMedian(h: Histogram): number | null {
  let total = 0;
  for (const n of h.values()) total += n;
  if (total === 0) return null;
  const buckets = [...h.keys()].sort((a, b) => a - b);
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const b of buckets) {
      seen += h.get(b) ?? 0;
      if (seen > rank) return b;
    }
    return buckets[buckets.length - 1] as number;
  };
  const lo = valueAt(Math.floor((total - 1) / 2));
  const hi = valueAt(Math.floor(total / 2));
  return (lo + hi) / 2;
}

export function medianOf(values: readonly number[]): number | null {
  const h: Histogram = new Map();
  for (const v of values) addToHistogram(h, responseBucket(v), 1);
  return histogramMedian(h);
}
