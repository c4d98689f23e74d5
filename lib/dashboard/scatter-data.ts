import type { ResponseSpeed, ScatterPoint } from '../contract/analytics.ts';

export const RESPONSE_SPEEDS: readonly ResponseSpeed[] = ['fast', 'slow', 'unanswered'];

/**
 * uPlot's aligned data for a scatter: one shared x array (followers, ascending, as uPlot requires) and one y
 * series per response speed, holding the point's value where the point has that speed and null elsewhere
 * (null is "no point here"). A log axis cannot show 0 followers, so they sit at 1 (the axis's first tick).
 *
 * Customers often share their figures exactly (75 followers, the same tier spend), and a slow answer drawn at
 * the same spot as an unanswered one would vanish under it. Each point is nudged by a small, fixed amount
 * derived from its profile id (jitter: up to ±25 % of followers and of value; both axes are
 * logarithmic-like, so the cloud looks the same size everywhere), so overlapping
 * customers show as a cloud. The table and the tooltip give the exact figures.
 */
export interface ScatterData {
  points: ScatterPoint[];
  xs: number[];
  ys: Record<ResponseSpeed, (number | null)[]>;
}

export const plottedFollowers = (followers: number) => Math.max(1, followers);

/** Two numbers in [-1, 1) from a string, the same every time (FNV-1a, split in halves). */
function offsets(id: string): [number, number] {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  // murmur3's finaliser: ids that differ in their last character must still land far apart.
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  hash ^= hash >>> 16;
  return [((hash >>> 16) & 0xffff) / 0x8000 - 1, (hash & 0xffff) / 0x8000 - 1];
}

export function toScatterData(points: readonly ScatterPoint[]): ScatterData {
  const placed = points.map((point) => {
    const [dx, dy] = offsets(point.profileId);
    return {
      point,
      x: plottedFollowers(point.followers) * 1.25 ** dx,
      y: point.valueLast12m * 1.2 ** dy,
    };
  });
  placed.sort((a, b) => a.x - b.x);
  const ys = Object.fromEntries(RESPONSE_SPEEDS.map((speed) => [speed, [] as (number | null)[]])) as Record<
    ResponseSpeed,
    (number | null)[]
  >;
  for (const { point, y } of placed) {
    for (const speed of RESPONSE_SPEEDS) ys[speed].push(point.response === speed ? y : null);
  }
  return { points: placed.map((p) => p.point), xs: placed.map((p) => p.x), ys };
}

/** How many points each speed has (the legend's counts). */
export function countBySpeed(points: readonly ScatterPoint[]): Record<ResponseSpeed, number> {
  const counts: Record<ResponseSpeed, number> = { fast: 0, slow: 0, unanswered: 0 };
  for (const point of points) counts[point.response]++;
  return counts;
}
