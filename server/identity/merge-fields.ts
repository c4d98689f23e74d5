import type { ProfileRow } from '../db/types.ts';

// What a merge does to the target's own fields. The rules follow what CRMs with loyalty and commerce data do
// when two records turn out to be one customer (e.g. Shopify combining customers, HubSpot keeping the primary
// record's values and filling its blanks from the other):
//
// - Name and external id: the target keeps its own (it is the record the agent chose to keep).
// - Loyalty is one membership and moves as a whole block (programme, tier, rank, points, member since,
//   expiry), never field by field, so a tier never sits beside another programme's points. The source's block
//   replaces the target's when the target has none, or when the source's tier is strictly better (a lower
//   rank; a block without a rank is the worst). A tie keeps the target's. Points are not added up: two cards of
//   one programme are refused as a merge conflict, so the two blocks are either one membership seen twice or
//   two programmes whose points cannot be added.
// - Value: the merge moves the source's orders onto the target, so, in the same currency, lifetime, last 12
//   months and order count are summed (a missing figure counts as none) and the last order is the later one.
//   When the target has no value block it takes the source's; in different currencies the target keeps its own
//   (there are no exchange rates here, and a converted figure would be invented).
// - Preferences: channel and language are the target's where set, else the source's; notes are the target's
//   followed by the source's that it lacks.
//
// The target's values before and after are recorded in the merge's `moved.fields`; an undo puts back the
// "before" value of every field that still holds the merge's "after" value (one changed since, e.g. by an
// import, is left as it is, as an identifier unlinked since is not moved back).

export const MERGED_FIELDS = [
  'loyalty_program',
  'loyalty_tier',
  'loyalty_tier_rank',
  'loyalty_points',
  'loyalty_member_since',
  'loyalty_tier_expires_at',
  'value_currency',
  'value_lifetime',
  'value_last12m',
  'value_orders_count',
  'value_last_order_at',
  'pref_channel',
  'pref_language',
  'pref_notes',
] as const;

export type MergedField = (typeof MERGED_FIELDS)[number];
export type MergedValues = Partial<Pick<ProfileRow, MergedField>>;

/** The target's fields that change, before and after; empty when the merge changes none. */
export interface FieldChange {
  before: MergedValues;
  after: MergedValues;
}

const LOYALTY = [
  'loyalty_program',
  'loyalty_tier',
  'loyalty_tier_rank',
  'loyalty_points',
  'loyalty_member_since',
  'loyalty_tier_expires_at',
] as const satisfies readonly MergedField[];

const VALUE = [
  'value_currency',
  'value_lifetime',
  'value_last12m',
  'value_orders_count',
  'value_last_order_at',
] as const satisfies readonly MergedField[];

type Fields = Pick<ProfileRow, MergedField>;

const hasAny = (p: Fields, keys: readonly MergedField[]) => keys.some((k) => p[k] !== null);

function notes(text: string): string[] {
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

const sum = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** The target's merged fields after taking the source in (pure: the caller writes them). */
export function mergedFields(target: Fields, source: Fields): Fields {
  const out: Fields = { ...pick(target) };

  const rank = (p: Fields) => p.loyalty_tier_rank ?? Number.POSITIVE_INFINITY;
  if (hasAny(source, LOYALTY) && (!hasAny(target, LOYALTY) || rank(source) < rank(target))) {
    for (const k of LOYALTY) (out as Record<string, unknown>)[k] = source[k];
  }

  if (hasAny(source, VALUE)) {
    if (!hasAny(target, VALUE)) {
      for (const k of VALUE) (out as Record<string, unknown>)[k] = source[k];
    } else if (target.value_currency !== null && target.value_currency === source.value_currency) {
      out.value_lifetime = sum(target.value_lifetime, source.value_lifetime);
      out.value_last12m = sum(target.value_last12m, source.value_last12m);
      out.value_orders_count = sum(target.value_orders_count, source.value_orders_count);
      out.value_last_order_at = later(target.value_last_order_at, source.value_last_order_at);
    }
  }

  out.pref_channel = target.pref_channel ?? source.pref_channel;
  out.pref_language = target.pref_language ?? source.pref_language;
  const targetNotes = notes(target.pref_notes);
  const added = notes(source.pref_notes).filter((n) => !targetNotes.includes(n));
  if (added.length > 0) out.pref_notes = JSON.stringify([...targetNotes, ...added]);
  return out;
}

export function pick(p: Fields): Fields {
  const out = {} as Record<MergedField, unknown>;
  for (const k of MERGED_FIELDS) out[k] = p[k];
  return out as Fields;
}

/** Only the fields that differ, before and after. */
export function fieldChange(before: Fields, after: Fields): FieldChange {
  const change: FieldChange = { before: {}, after: {} };
  for (const k of MERGED_FIELDS) {
    if (before[k] !== after[k]) {
      (change.before as Record<string, unknown>)[k] = before[k];
      (change.after as Record<string, unknown>)[k] = after[k];
    }
  }
  return change;
}

/** Reads `moved.fields` back from a merge row; anything unreadable is no change (older merges have none). */
export function parseFieldChange(movedText: string): FieldChange {
  const empty: FieldChange = { before: {}, after: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(movedText);
  } catch {
    return empty;
  }
  const fields = (parsed as { fields?: unknown } | null)?.fields as
    | { before?: Record<string, unknown>; after?: Record<string, unknown> }
    | undefined;
  if (!fields || typeof fields !== 'object') return empty;
  for (const k of MERGED_FIELDS) {
    for (const side of ['before', 'after'] as const) {
      const v = fields[side]?.[k];
      if (v === undefined) continue;
      if (v === null || typeof v === 'string' || typeof v === 'number') {
        (empty[side] as Record<string, unknown>)[k] = v;
      }
    }
  }
  return empty;
}

/** What an undo writes to the target: the "before" value of each field that still holds the "after" value. */
export function undoneFields(current: Fields, change: FieldChange): MergedValues {
  const restore: Record<string, unknown> = {};
  for (const k of MERGED_FIELDS) {
    if (!(k in change.before) || !(k in change.after)) continue;
    if (current[k] === change.after[k]) restore[k] = change.before[k];
  }
  return restore as MergedValues;
}
