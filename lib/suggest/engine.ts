import type { Condition, OfferRule, Playbook, Rule } from '../contract/playbook.ts';
import type { ProfileDetail } from '../contract/profile.ts';
import { evaluate } from './conditions.ts';
import {
  bindingValues,
  type CompiledTemplate,
  compileTemplate,
  fill,
  profileValues,
  type Values,
} from './placeholders.ts';
import { plain } from './plain-text.ts';
import { type ProfileView, viewProfile } from './profile-view.ts';
import { compilePhrases, findPhrases, foldWords, type PhraseIndex } from './text-match.ts';

// The suggestion engine: pure, synchronous, no clock and no I/O, so the sidebar can run it on every render and
// tests can pin `now`. The message text never leaves the browser; it is only read here.

export type SuggestResult = {
  intents: { id: string; label: string; matched: string[] /* words that matched */ }[];
  suggestions: Suggestion[]; // up to 3, best first
  offers: Offer[]; // what the agent may offer without escalation, best first
};
export type Suggestion = {
  /** The playbook rule's id, stable, for feedback logging. */
  id: string;
  kind: 'confirm' | 'question' | 'action';
  /** Ready to paste into a reply, placeholders filled. Plain text. */
  text: string;
  /** Shown to the agent: ["Gold member", "landed yesterday on XX123 from AMS", "mentions 'bags'"]. */
  reasons: string[];
  score: number;
};
export type Offer = { id: string; label: string; description: string; reasons: string[] };

export const MAX_SUGGESTIONS = 3;
export const MAX_OFFERS = 4;

/** Used when a playbook names none: English words that flip the meaning of the next one or two words. */
export const DEFAULT_NEGATIONS = [
  'not',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'dont',
  'doesnt',
  'didnt',
  'hardly',
  'without',
];

const DEFAULT_WEIGHTS = {
  tierRank: { '1': 15, '2': 10, '3': 5 } as Record<string, number>,
  openLoopOverdue: 30,
  openLoopPerWeek: 2,
  openLoopMax: 20,
  intentMatch: 10,
};

interface Compiled {
  index: PhraseIndex;
  negations: ReadonlySet<string>;
  weights: typeof DEFAULT_WEIGHTS;
  /** Each rule's and offer's templates, made plain once (a lead's playbook may hold markup or bidi controls). */
  rules: Map<Rule, { texts: readonly CompiledTemplate[]; reasons: readonly CompiledTemplate[] }>;
  offers: Map<
    OfferRule,
    { label: CompiledTemplate; description: CompiledTemplate; reasons: readonly CompiledTemplate[] }
  >;
}

// A playbook is parsed once and then evaluated many times: its phrase index is built on first use and kept
// for as long as the playbook object lives.
const compiledPlaybooks = new WeakMap<Playbook, Compiled>();

function compile(playbook: Playbook): Compiled {
  let compiled = compiledPlaybooks.get(playbook);
  if (!compiled) {
    const w = playbook.weights ?? {};
    compiled = {
      index: compilePhrases(playbook.intents.map((i) => i.phrases)),
      negations: new Set((playbook.negations ?? DEFAULT_NEGATIONS).flatMap((n) => foldWords(n))),
      weights: {
        tierRank: w.tierRank ?? DEFAULT_WEIGHTS.tierRank,
        openLoopOverdue: w.openLoopOverdue ?? DEFAULT_WEIGHTS.openLoopOverdue,
        openLoopPerWeek: w.openLoopPerWeek ?? DEFAULT_WEIGHTS.openLoopPerWeek,
        openLoopMax: w.openLoopMax ?? DEFAULT_WEIGHTS.openLoopMax,
        intentMatch: w.intentMatch ?? DEFAULT_WEIGHTS.intentMatch,
      },
      rules: new Map(
        playbook.rules.map((r) => [
          r,
          {
            texts: (typeof r.text === 'string' ? [r.text] : r.text).map(compileTemplate),
            reasons: (r.reasons ?? []).map(compileTemplate),
          },
        ]),
      ),
      offers: new Map(
        playbook.offers.map((o) => [
          o,
          {
            label: compileTemplate(o.label),
            description: compileTemplate(o.description),
            reasons: (o.reasons ?? []).map(compileTemplate),
          },
        ]),
      ),
    };
    compiledPlaybooks.set(playbook, compiled);
  }
  return compiled;
}

function detectIntents(playbook: Playbook, compiled: Compiled, view: ProfileView, messageText: string) {
  const words = foldWords(messageText);
  const matched = new Map<number, string[]>();
  for (const hit of findPhrases(words, compiled.index, compiled.negations)) {
    if (hit.negated) continue;
    const list = matched.get(hit.owner) ?? [];
    if (!list.includes(hit.text)) list.push(hit.text);
    matched.set(hit.owner, list);
  }
  const intents: SuggestResult['intents'] = [];
  playbook.intents.forEach((intent, i) => {
    const words = matched.get(i);
    if (!words) return;
    if (intent.verticals && !intent.verticals.includes(view.vertical)) return;
    intents.push({ id: intent.id, label: plain(intent.label), matched: words });
  });
  return intents;
}

const ruleIntentIds = (cond: Condition) => [...(cond.intents?.all ?? []), ...(cond.intents?.any ?? [])];

const WEEK = 7 * 24 * 3_600_000;

export function suggest(input: {
  playbook: Playbook;
  profile: ProfileDetail;
  messageText: string;
  now: Date;
}): SuggestResult {
  const { playbook, profile, now } = input;
  const compiled = compile(playbook);
  const view = viewProfile(playbook, profile, now);
  const intents = detectIntents(playbook, compiled, view, input.messageText);
  const detected = new Map(intents.map((i) => [i.id, i]));
  const detectedIds = new Set(detected.keys());
  const base = profileValues(view, playbook);
  const memo = new Map<object | string, Values>();
  const applies = (cond: Condition) => !cond.verticals || cond.verticals.includes(view.vertical);

  const candidates: Suggestion[] = [];
  for (const rule of playbook.rules) {
    if (!applies(rule.when)) continue;
    // Never ask for what the profile holds: the confirm rule that states it does the job instead.
    if (rule.asks?.some((fact) => view.facts.has(fact))) continue;
    const bound = evaluate(rule.when, view, detectedIds);
    if (!bound) continue;
    const intentIds = ruleIntentIds(rule.when).filter((id) => detectedIds.has(id));
    const firstIntent = intentIds[0] === undefined ? undefined : detected.get(intentIds[0]);
    const values = [...bindingValues({ ...bound, intent: firstIntent }, view, playbook, memo), base];
    const templates = compiled.rules.get(rule);
    let text: string | null = null;
    for (const template of templates?.texts ?? []) {
      text = fill(template, values);
      if (text) break;
    }
    if (!text || !templates) continue;
    const reasons = templates.reasons.flatMap((r) => fill(r, values) ?? []).filter((r) => r !== '');

    const w = compiled.weights;
    let score = rule.score + w.intentMatch * new Set(intentIds).size;
    const tierConditioned = rule.when.tierRankAtMost !== undefined || rule.when.tierRankAtLeast !== undefined;
    if (tierConditioned && view.rank !== null) score += w.tierRank[String(view.rank)] ?? 0;
    if (rule.when.hasOpenLoop && bound.openLoop) {
      const weeks = (now.getTime() - Date.parse(bound.openLoop.since)) / WEEK;
      score +=
        (bound.openLoop.overdue ? w.openLoopOverdue : 0) +
        Math.min(w.openLoopMax, Math.max(0, weeks) * w.openLoopPerWeek);
    }
    candidates.push({ id: rule.id, kind: rule.kind, text, reasons, score: Math.round(score * 100) / 100 });
  }

  // Best first; ties by id so the same input always gives the same order. Two rules that render the same
  // sentence show once.
  candidates.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seen = new Set<string>();
  const suggestions = candidates
    .filter((s) => !seen.has(s.text) && seen.add(s.text))
    .slice(0, MAX_SUGGESTIONS);

  const offers: (Offer & { rank: number })[] = [];
  for (const offer of playbook.offers) {
    if (!applies(offer.when)) continue;
    const bound = evaluate(offer.when, view, detectedIds);
    if (!bound) continue;
    const intentIds = ruleIntentIds(offer.when).filter((id) => detectedIds.has(id));
    const firstIntent = intentIds[0] === undefined ? undefined : detected.get(intentIds[0]);
    const values = [...bindingValues({ ...bound, intent: firstIntent }, view, playbook, memo), base];
    const templates = compiled.offers.get(offer);
    if (!templates) continue;
    const label = fill(templates.label, values);
    const description = fill(templates.description, values);
    if (!label || !description) continue;
    const reasons = templates.reasons.flatMap((r) => fill(r, values) ?? []).filter((r) => r !== '');
    const rank = offer.priority + compiled.weights.intentMatch * new Set(intentIds).size;
    offers.push({ id: offer.id, label, description, reasons, rank });
  }
  offers.sort((a, b) => b.rank - a.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  return {
    intents,
    suggestions,
    offers: offers.slice(0, MAX_OFFERS).map(({ rank: _rank, ...offer }) => offer),
  };
}
