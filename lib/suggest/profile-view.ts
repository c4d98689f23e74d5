import type { Case, Item, OpenLoop } from '../contract/history.ts';
import type { AskableFact, Playbook, Vertical } from '../contract/playbook.ts';
import type { ProfileDetail } from '../contract/profile.ts';

// What the rules look at, computed once per evaluation from the ProfileDetail. Every history field of the
// profile is optional (an older backend answers without them), so absence always reads as "nothing known".

const HOUR = 3_600_000;
/** How close an item must be for the profile to "hold" it: the flight she just landed on, the order on its way. */
const HELD_WITHIN_HOURS = 72;

export interface ProfileView {
  profile: ProfileDetail;
  now: Date;
  vertical: Vertical;
  /** 1 is the top tier; null without a tier. */
  rank: number | null;
  isCustomer: boolean;
  followers: number;
  /** Newest past item of each kind. */
  recent: Map<Item['kind'], Item>;
  /** Soonest future item of each kind. */
  upcoming: Map<Item['kind'], Item>;
  openLoops: readonly OpenLoop[];
  openCases: readonly Case[];
  /** What a question may not ask for, because the profile already holds it. */
  facts: ReadonlySet<AskableFact>;
}

const time = (iso: string) => Date.parse(iso);

function newestByKind(items: readonly Item[], pick: (a: Item, b: Item) => boolean): Map<Item['kind'], Item> {
  const byKind = new Map<Item['kind'], Item>();
  for (const item of items) {
    const held = byKind.get(item.kind);
    if (!held || pick(item, held)) byKind.set(item.kind, item);
  }
  return byKind;
}

export function hoursBetween(iso: string, now: Date): number {
  return Math.abs(time(iso) - now.getTime()) / HOUR;
}

export function verticalOf(playbook: Playbook, profile: ProfileDetail): Vertical {
  const program = profile.loyalty?.program ?? profile.tier?.program;
  const mapped = program === undefined ? undefined : playbook.programs?.[program];
  return mapped ?? playbook.vertical;
}

export function viewProfile(playbook: Playbook, profile: ProfileDetail, now: Date): ProfileView {
  const recent = newestByKind(profile.recent ?? [], (a, b) => time(a.at) > time(b.at));
  const upcoming = newestByKind(profile.upcoming ?? [], (a, b) => time(a.at) < time(b.at));
  const rank = profile.tier?.rank ?? profile.loyalty?.tierRank ?? null;
  const value = profile.value;

  const facts = new Set<AskableFact>();
  for (const id of profile.identities) {
    if (id.kind === 'email') facts.add('email');
    if (id.kind === 'loyalty') facts.add('loyalty');
    if (id.kind === 'order') facts.add('order');
  }
  if (profile.loyalty || profile.tier) facts.add('loyalty');
  const near = (item: Item | undefined) =>
    item !== undefined && hoursBetween(item.at, now) <= HELD_WITHIN_HOURS;
  for (const kind of ['flight', 'order', 'stay', 'booking'] as const) {
    if (near(recent.get(kind)) || near(upcoming.get(kind))) facts.add(kind);
  }
  if (profile.preferences.channel) facts.add('channel');
  if (profile.preferences.language) facts.add('language');

  return {
    profile,
    now,
    vertical: verticalOf(playbook, profile),
    rank,
    isCustomer: rank !== null || (value !== null && (value.lifetime > 0 || value.last12m > 0)),
    followers: profile.reach.followers,
    recent,
    upcoming,
    openLoops: profile.openLoops ?? [],
    openCases: (profile.cases ?? []).filter((c) => c.status === 'open' || c.status === 'pending'),
    facts,
  };
}
