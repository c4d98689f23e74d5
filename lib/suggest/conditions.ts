import type { Case, OpenLoop } from '../contract/history.ts';
import type { Condition } from '../contract/playbook.ts';
import { hoursBetween, type ProfileView } from './profile-view.ts';
import { compilePhrases, findPhrases, foldWords, type PhraseIndex } from './text-match.ts';

// A condition holds when every field present holds. Evaluating it also binds what the rule is about (which
// open loop, which case, which preference note), so the rule's text speaks of the same thing that made it fire.

export interface Bound {
  openLoop?: OpenLoop | undefined;
  case?: Case | undefined;
  matchedNote?: string | undefined;
}

type ItemCondition = NonNullable<Condition['hasRecentItem']>;

const NO_NEGATIONS: ReadonlySet<string> = new Set();
// Conditions are objects inside a parsed playbook, itself cached: compiled note phrases live as long as it does.
const noteIndexes = new WeakMap<readonly string[], PhraseIndex>();

function noteMatching(phrases: readonly string[], notes: readonly string[]): string | undefined {
  let index = noteIndexes.get(phrases);
  if (!index) {
    index = compilePhrases([phrases]);
    noteIndexes.set(phrases, index);
  }
  const compiled = index;
  return notes.find((note) => findPhrases(foldWords(note), compiled, NO_NEGATIONS).length > 0);
}

function itemHolds(
  cond: ItemCondition,
  items: ProfileView['recent'],
  view: ProfileView,
  direction: 'past' | 'future',
): boolean {
  const item = items.get(cond.kind);
  if (!item) return false;
  const ms = Date.parse(item.at) - view.now.getTime();
  if (Number.isNaN(ms) || (direction === 'past' ? ms > 0 : ms < 0)) return false;
  if (cond.withinHours !== undefined && hoursBetween(item.at, view.now) > cond.withinHours) return false;
  if (cond.status && !cond.status.some((s) => s.toLowerCase() === item.status.toLowerCase())) return false;
  return true;
}

function intentsHold(cond: NonNullable<Condition['intents']>, detected: ReadonlySet<string>): boolean {
  if (cond.any && cond.any.length > 0 && !cond.any.some((id) => detected.has(id))) return false;
  if (cond.all && !cond.all.every((id) => detected.has(id))) return false;
  if (cond.none?.some((id) => detected.has(id))) return false;
  return true;
}

/** The bindings when `cond` holds for this profile and these detected intents, else null. */
export function evaluate(cond: Condition, view: ProfileView, detected: ReadonlySet<string>): Bound | null {
  if (cond.intents && !intentsHold(cond.intents, detected)) return null;
  if (cond.verticals && !cond.verticals.includes(view.vertical)) return null;
  if (cond.isCustomer !== undefined && cond.isCustomer !== view.isCustomer) return null;
  if (cond.tierRankAtMost !== undefined && (view.rank === null || view.rank > cond.tierRankAtMost))
    return null;
  if (cond.tierRankAtLeast !== undefined && (view.rank === null || view.rank < cond.tierRankAtLeast))
    return null;
  if (cond.hasRecentItem && !itemHolds(cond.hasRecentItem, view.recent, view, 'past')) return null;
  if (cond.hasUpcomingItem && !itemHolds(cond.hasUpcomingItem, view.upcoming, view, 'future')) return null;
  const value = view.profile.value;
  if (cond.valueLast12mAtLeast !== undefined && (!value || value.last12m < cond.valueLast12mAtLeast))
    return null;
  if (cond.valueLifetimeAtLeast !== undefined && (!value || value.lifetime < cond.valueLifetimeAtLeast))
    return null;
  if (cond.followersAtLeast !== undefined && view.followers < cond.followersAtLeast) return null;
  if (cond.followersAtMost !== undefined && view.followers > cond.followersAtMost) return null;
  const channel = view.profile.preferences.channel;
  if (
    cond.preferredChannel &&
    (!channel || !(cond.preferredChannel as readonly string[]).includes(channel))
  ) {
    return null;
  }

  const bound: Bound = {};
  const loopWanted = cond.hasOpenLoop;
  // Loops come most urgent first (the contract's order), so the first that fits is the one to speak about.
  bound.openLoop = view.openLoops.find(
    (loop) =>
      !loopWanted ||
      ((loopWanted.kind === undefined || loop.kind === loopWanted.kind) &&
        (loopWanted.overdue === undefined || loop.overdue === loopWanted.overdue)),
  );
  if (loopWanted && !bound.openLoop) return null;

  const caseWanted = cond.hasOpenCase;
  const minChannels = caseWanted?.minChannels ?? 0;
  const loopCaseId = bound.openLoop?.caseId;
  const loopCase = loopCaseId ? view.profile.cases?.find((c) => c.id === loopCaseId) : undefined;
  bound.case =
    loopCase && loopCase.channels.length >= minChannels
      ? loopCase
      : view.openCases.find((c) => c.channels.length >= minChannels);
  if (caseWanted && !bound.case) return null;

  if (cond.notesMention) {
    bound.matchedNote = noteMatching(cond.notesMention, view.profile.preferences.notes);
    if (!bound.matchedNote) return null;
  }
  return bound;
}
