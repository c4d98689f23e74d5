import type { SlaPolicy } from '../contract/tasks.ts';

// The SLA form holds what the lead typed (strings); only a form that checks out becomes a SlaPolicy to preview
// or save. Every problem names its field, the way the backend's 400s do.

export interface SlaForm {
  /** Tier ranks (1 = top) and their hours, in rank order. */
  ranks: { rank: string; hours: string }[];
  otherTiersHours: string;
  untieredHours: string;
}

export type FieldErrors = Record<string, string>;

export function slaFormFrom(policy: SlaPolicy): SlaForm {
  const ranks = Object.entries(policy.hoursByTierRank)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([rank, hours]) => ({ rank, hours: String(hours) }));
  return {
    ranks,
    otherTiersHours: policy.otherTiersHours === undefined ? '' : String(policy.otherTiersHours),
    untieredHours: String(policy.untieredHours),
  };
}

/** Hours to due: positive, at most a year, in steps the backend keeps (decimals allowed: 0.5 h). */
function hours(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter a number of hours.';
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return 'Not a number.';
  if (value <= 0) return 'Must be more than 0 hours.';
  if (value > 8760) return 'At most 8,760 hours (a year).';
  return value;
}

export function checkSlaForm(
  form: SlaForm,
): { ok: true; policy: SlaPolicy } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const hoursByTierRank: Record<string, number> = {};
  const seen = new Set<number>();
  form.ranks.forEach((row, index) => {
    const rank = Number(row.rank.trim());
    if (!Number.isInteger(rank) || rank < 1)
      errors[`rank.${index}`] = 'A tier rank is a whole number from 1.';
    else if (seen.has(rank)) errors[`rank.${index}`] = `Tier rank ${rank} is listed twice.`;
    seen.add(rank);
    const value = hours(row.hours);
    if (typeof value === 'string') errors[`hours.${index}`] = value;
    else if (Number.isInteger(rank) && rank >= 1) hoursByTierRank[String(rank)] = value;
  });
  const untiered = hours(form.untieredHours);
  if (typeof untiered === 'string') errors.untieredHours = untiered;
  const other = form.otherTiersHours.trim() === '' ? undefined : hours(form.otherTiersHours);
  if (typeof other === 'string') errors.otherTiersHours = other;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    policy: {
      hoursByTierRank,
      untieredHours: untiered as number,
      ...(other === undefined ? {} : { otherTiersHours: other as number }),
    },
  };
}
