import type { Case, Item, OpenLoop } from '../contract/history.ts';
import { PLACEHOLDER_PATTERN, type Playbook } from '../contract/playbook.ts';
import { plain, plainFragment, plainValue } from './plain-text.ts';
import type { ProfileView } from './profile-view.ts';
import { age, relativeTime } from './relative-time.ts';
import { channelWord } from './words.ts';

// The values behind the placeholders of lib/contract/playbook.ts PLACEHOLDERS. Profile-wide ones are computed
// once per evaluation; the open loop, case, intent and note a rule is about are bound per rule. A placeholder
// with no value makes its template unresolvable, which is how "Is this about {recent.flight.ref}?" never shows
// for a customer without a flight.

export interface Values {
  get(name: string): string | undefined;
}

/**
 * Values computed on first use: wording dates, money and lists through Intl is the costly part of an evaluation,
 * and most placeholders are never used by the rules that fire for one profile.
 */
class LazyValues implements Values {
  private readonly thunks = new Map<string, () => string>();
  private readonly done = new Map<string, string>();
  set(name: string, thunk: () => string): void {
    this.thunks.set(name, thunk);
  }
  get(name: string): string | undefined {
    const known = this.done.get(name);
    if (known !== undefined) return known;
    const thunk = this.thunks.get(name);
    if (!thunk) return undefined;
    const value = thunk();
    this.done.set(name, value);
    return value;
  }
}

/** "AMS → SEA", "AMS-SEA", "AMS to SEA", and with place names: "Amsterdam (AMS) → Seattle (SEA)". */
const ROUTE = /^\s*(?:[^()→]*\()?([A-Z]{3})\)?\s*(?:→|->|–|-|to)\s*(?:[^()→]*\()?([A-Z]{3})\b/;

const moneyFormats = new Map<string, Intl.NumberFormat>();
function money(amount: number, currency: string, locale: string): string {
  const key = `${locale}\u0000${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
    } catch {
      // A malformed currency code must not break suggestions; the amount still reads.
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    }
    moneyFormats.set(key, f);
  }
  return f.format(amount);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function count(n: number, locale: string): string {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    numberFormats.set(locale, f);
  }
  return f.format(n);
}

const listFormats = new Map<string, Intl.ListFormat>();
function list(items: string[], locale: string): string {
  let f = listFormats.get(locale);
  if (!f) {
    f = new Intl.ListFormat(locale, { type: 'conjunction' });
    listFormats.set(locale, f);
  }
  return f.format(items);
}

function putItem(out: LazyValues, prefix: string, item: Item, view: ProfileView, playbook: Playbook) {
  const locale = playbook.locale ?? 'en';
  out.set(`${prefix}.ref`, () => plainValue(item.ref));
  out.set(`${prefix}.summary`, () => plainValue(item.summary));
  out.set(`${prefix}.status`, () => plainValue(item.status));
  out.set(`${prefix}.when`, () => relativeTime(new Date(item.at), view.now, locale));
  const route = ROUTE.exec(item.summary);
  if (route) {
    const [, from = '', to = ''] = route;
    out.set(`${prefix}.originCode`, () => from);
    out.set(`${prefix}.origin`, () => plainValue(playbook.places?.[from] ?? from));
    out.set(`${prefix}.destinationCode`, () => to);
    out.set(`${prefix}.destination`, () => plainValue(playbook.places?.[to] ?? to));
  }
}

export function profileValues(view: ProfileView, playbook: Playbook): Values {
  const locale = playbook.locale ?? 'en';
  const { profile } = view;
  const out = new LazyValues();
  const name = plainValue(profile.name);
  if (name) {
    out.set('name', () => name);
    out.set('firstName', () => name.split(' ')[0] ?? name);
  }
  const tierName = profile.tier?.name ?? profile.loyalty?.tier;
  if (tierName) out.set('tier', () => plainValue(tierName));
  const program = profile.tier?.program ?? profile.loyalty?.program;
  if (program) out.set('program', () => plainValue(program));
  const loyalty = profile.loyalty;
  if (loyalty) out.set('points', () => count(loyalty.points, locale));
  const since = profile.loyalty?.memberSince?.slice(0, 4);
  if (since && /^\d{4}$/.test(since)) out.set('memberSince.year', () => since);
  const value = profile.value;
  if (value) {
    out.set('value.lifetime', () => money(value.lifetime, value.currency, locale));
    out.set('value.last12m', () => money(value.last12m, value.currency, locale));
  }
  out.set('followers', () => count(view.followers, locale));
  const { channel, language, notes } = profile.preferences;
  if (channel) out.set('preferences.channel', () => plainValue(channelWord(channel)));
  if (language) out.set('preferences.language', () => plainValue(language));
  if (notes.length > 0) out.set('preferences.notes', () => plainValue(notes.map(plain).join('; ')));
  for (const [kind, item] of view.recent) putItem(out, `recent.${kind}`, item, view, playbook);
  for (const [kind, item] of view.upcoming) putItem(out, `upcoming.${kind}`, item, view, playbook);
  return out;
}

export interface RuleBindings {
  openLoop?: OpenLoop | undefined;
  case?: Case | undefined;
  intent?: { label: string; matched: readonly string[] } | undefined;
  matchedNote?: string | undefined;
}

const NONE: Values = new LazyValues();

/**
 * The values of what a rule is bound to. Most rules of one evaluation bind the same loop, case and intent, so
 * each part is computed once per evaluation and kept in `memo` by identity (dates and lists are costly to word).
 */
export function bindingValues(
  bindings: RuleBindings,
  view: ProfileView,
  playbook: Playbook,
  memo: Map<object | string, Values>,
): Values[] {
  const locale = playbook.locale ?? 'en';
  const once = (key: object | string | undefined, build: () => Values): Values => {
    if (key === undefined) return NONE;
    let values = memo.get(key);
    if (!values) {
      values = build();
      memo.set(key, values);
    }
    return values;
  };
  const loop = bindings.openLoop;
  const c = bindings.case;
  const intent = bindings.intent;
  const note = bindings.matchedNote;
  return [
    once(loop, () => {
      const out = new LazyValues();
      if (!loop) return out;
      out.set('openLoop.summary', () => plainValue(loop.summary));
      out.set('openLoop.age', () => age(new Date(loop.since), view.now, locale));
      out.set('openLoop.ago', () => relativeTime(new Date(loop.since), view.now, locale));
      const channel = loop.channel;
      if (channel) out.set('openLoop.channel', () => channelWord(channel));
      return out;
    }),
    once(c, () => {
      const out = new LazyValues();
      if (!c) return out;
      out.set('case.ref', () => plainValue(c.id));
      out.set('case.subject', () => plainValue(c.subject));
      out.set('case.age', () => age(new Date(c.openedAt), view.now, locale));
      if (c.channels.length > 0) {
        out.set('case.channels', () => list(c.channels.map(channelWord), locale));
        out.set('case.channelCount', () => String(c.channels.length));
        out.set('case.lastChannel', () => channelWord(c.channels[c.channels.length - 1] as string));
      }
      return out;
    }),
    once(intent, () => {
      const out = new LazyValues();
      if (!intent) return out;
      out.set('intent.label', () => plainValue(intent.label));
      out.set('intent.matched', () => plainValue(intent.matched.join(', ')));
      return out;
    }),
    once(
      note === undefined ? undefined : `note\u0000${note}`,
      () => new Map([['preferences.matchedNote', plainValue(note ?? '')]]),
    ),
  ];
}

/** A template split once into literal text and placeholder names: literals[0] name[0] literals[1] … */
export interface CompiledTemplate {
  literals: readonly string[];
  names: readonly string[];
}

/** Made plain once here (a lead's playbook may hold markup or bidi controls); values are plain already. */
export function compileTemplate(template: string): CompiledTemplate {
  const literals: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER_PATTERN)) {
    literals.push(plainFragment(template.slice(last, match.index)));
    names.push(match[1] ?? '');
    last = match.index + match[0].length;
  }
  literals.push(plainFragment(template.slice(last)));
  return { literals, names };
}

/** The template with every placeholder filled, or null when one has no value. */
export function fill(template: CompiledTemplate, values: readonly Values[]): string | null {
  let text = template.literals[0] ?? '';
  for (let i = 0; i < template.names.length; i++) {
    const name = template.names[i] as string;
    let found: string | undefined;
    for (const v of values) {
      found = v.get(name);
      if (found !== undefined) break;
    }
    if (found === undefined) return null;
    text += found + (template.literals[i + 1] ?? '');
  }
  return text.trim();
}
