import type { ProfileSummary } from '../contract/profile.ts';
import type { PriorityWeights, SegmentThresholds, TriageFacts } from '../contract/triage.ts';

// Who to answer first. Every value term (tier, spend, open loops and their age, a negative last message) is
// worth more than the whole reach term, which is bounded by `reachBonusMax`: reach only breaks ties between
// customers worth the same, it never lifts someone who never bought above a top-tier customer.

export interface PrioritySubject {
  profile: Pick<ProfileSummary, 'tier' | 'value' | 'reach'>;
  /** From `POST /v1/triage`; null while unknown (the score then rests on the profile alone). */
  facts: Pick<TriageFacts, 'openLoops' | 'oldestOpenLoopSince' | 'negativeSentiment'> | null;
}

export interface PrioritySettings {
  thresholds: SegmentThresholds;
  weights: PriorityWeights;
}

export interface PriorityParts {
  tier: number;
  last12m: number;
  lifetime: number;
  openLoops: number;
  loopAge: number;
  negativeSentiment: number;
  reach: number;
}

export interface Priority {
  score: number;
  parts: PriorityParts;
  /** Why, in the order of the parts, only for the parts that added something. Plain English, short. */
  reasons: string[];
}

const DAY = 86_400_000;
/** More loops than this add nothing: five forgotten promises already put someone at the top. */
export const MAX_COUNTED_LOOPS = 5;

/**
 * Piecewise-linear position of `x` along ascending knots `[x, y]`, 0 at or below the first, 1 at or beyond
 * the last; knots that do not move right (a tenant whose cut-offs tie) are skipped, so it stays monotonic.
 */
function along(x: number, knots: readonly (readonly [number, number])[]): number {
  let [px, py] = [0, 0];
  for (const [kx, ky] of knots) {
    if (!(kx > px)) continue;
    if (x < kx) return py + ((Math.max(x, px) - px) / (kx - px)) * (ky - py);
    [px, py] = [kx, ky];
  }
  return 1;
}

const round = (n: number) => Math.round(n * 100) / 100;
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

export function priorityScore(subject: PrioritySubject, settings: PrioritySettings, now: Date): Priority {
  const { profile, facts } = subject;
  const { thresholds: t, weights: w } = settings;
  const reasons: string[] = [];

  const rank = profile.tier?.rank ?? null;
  const tier = rank !== null && rank >= 1 ? w.tier / rank : 0;
  if (tier > 0 && profile.tier) reasons.push(`Tier ${profile.tier.name} (rank ${profile.tier.rank})`);

  // Spend counts by where it sits among the tenant's cut-offs: each band is a third of the points, the top
  // band's cut-off earns them all.
  const [b1, b2, b3] = t.valueBands;
  const spent = profile.value?.last12m ?? 0;
  const last12m =
    w.last12m *
    along(spent, [
      [b1, 1 / 3],
      [b2, 2 / 3],
      [b3, 1],
    ]);
  if (last12m > 0) reasons.push(`${compact.format(spent)} spent in the last 12 months`);

  const lifetimeValue = profile.value?.lifetime ?? 0;
  const lifetime =
    w.lifetime *
    along(lifetimeValue, [
      [t.lowValue, 0.1],
      [t.highValue, 1],
    ]);
  if (lifetime > 0) reasons.push(`${compact.format(lifetimeValue)} lifetime value`);

  const loops = Math.min(MAX_COUNTED_LOOPS, Math.max(0, facts?.openLoops ?? 0));
  const openLoops = w.openLoop * loops;
  let loopAge = 0;
  if (loops > 0) {
    const since = facts?.oldestOpenLoopSince ? Date.parse(facts.oldestOpenLoopSince) : Number.NaN;
    const days = Number.isFinite(since) ? Math.max(0, (now.getTime() - since) / DAY) : 0;
    loopAge = w.loopAgePerDay * Math.min(w.loopAgeCapDays, days);
    const count = facts?.openLoops ?? loops;
    reasons.push(
      `${count} open loop${count === 1 ? '' : 's'}${days >= 1 ? `, oldest ${Math.floor(days)} days` : ''}`,
    );
  }

  const negativeSentiment = facts?.negativeSentiment ? w.negativeSentiment : 0;
  if (facts?.negativeSentiment) reasons.push('Latest message was negative');

  // Log scale: going from 100 to 1,000 followers counts like 1,000 to 10,000; the tenant's "big reach"
  // cut-off earns the whole (small) bonus.
  const followers = Math.max(0, profile.reach.followers);
  const reach =
    w.reachBonusMax *
    (followers <= 0 ? 0 : Math.min(1, Math.log1p(followers) / Math.log1p(Math.max(1, t.bigReach))));
  if (followers > 0) reasons.push(`${compact.format(followers)} followers (tie-breaker)`);

  const parts: PriorityParts = {
    tier: round(tier),
    last12m: round(last12m),
    lifetime: round(lifetime),
    openLoops: round(openLoops),
    loopAge: round(loopAge),
    negativeSentiment: round(negativeSentiment),
    reach: round(reach),
  };
  // Unrounded: ranking compares scores, and rounding could erase the margin by which any tier beats the whole
  // (smaller) reach bonus. Only the parts, which are shown, are rounded.
  const score = tier + last12m + lifetime + openLoops + loopAge + negativeSentiment + reach;
  return { score, parts, reasons };
}

export interface Rankable {
  score: number;
  followers: number;
  name: string;
}

/**
 * Highest score first; ties by reach (the bigger audience first), then by name, then as given (stable), so
 * the list does not reshuffle when nothing changed.
 */
export function rankByPriority<T extends Rankable>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        b.item.score - a.item.score ||
        b.item.followers - a.item.followers ||
        a.item.name.localeCompare(b.item.name) ||
        a.index - b.index,
    )
    .map(({ item }) => item);
}
