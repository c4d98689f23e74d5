import type { PriorityWeights, SegmentPercentiles, TriageSettingsUpdate } from '../contract/triage.ts';

// The triage settings form: percentiles of the tenant's own distribution that become the class cut-offs, and
// the priority weights. Strings in, a TriageSettingsUpdate out only when every field checks out.

export const PERCENTILE_FIELDS = [
  { key: 'valueBands.0', label: '$$ band opens at percentile' },
  { key: 'valueBands.1', label: '$$$ band opens at percentile' },
  { key: 'valueBands.2', label: '$$$$ band opens at percentile' },
  { key: 'highValue', label: 'High value from lifetime percentile' },
  { key: 'lowValue', label: 'Low value under lifetime percentile' },
  { key: 'bigReach', label: 'Big reach from followers percentile' },
] as const;

export const WEIGHT_FIELDS: readonly { key: keyof PriorityWeights; label: string }[] = [
  { key: 'tier', label: 'Tier (top tier gets all of it)' },
  { key: 'last12m', label: 'Last 12 months spend' },
  { key: 'lifetime', label: 'Lifetime value' },
  { key: 'openLoop', label: 'Per open loop' },
  { key: 'loopAgePerDay', label: 'Per day the oldest loop waited' },
  { key: 'loopAgeCapDays', label: 'Loop age counted up to (days)' },
  { key: 'negativeSentiment', label: 'Negative latest message' },
  { key: 'reachBonusMax', label: 'Most that reach can add' },
];

export type TriageForm = Record<string, string>;
export type FieldErrors = Record<string, string>;

export function triageFormFrom(settings: TriageSettingsUpdate): TriageForm {
  const p = settings.percentiles;
  const form: TriageForm = {
    'valueBands.0': String(p.valueBands[0]),
    'valueBands.1': String(p.valueBands[1]),
    'valueBands.2': String(p.valueBands[2]),
    highValue: String(p.highValue),
    lowValue: String(p.lowValue),
    bigReach: String(p.bigReach),
  };
  for (const { key } of WEIGHT_FIELDS) form[`weights.${key}`] = String(settings.weights[key]);
  return form;
}

function number(text: string | undefined): number | null {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

export function checkTriageForm(
  form: TriageForm,
): { ok: true; update: TriageSettingsUpdate } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const percentile = (key: string) => {
    const value = number(form[key]);
    if (value === null) errors[key] = 'Enter a number.';
    else if (value <= 0 || value >= 100) errors[key] = 'A percentile is between 0 and 100 (exclusive).';
    return value ?? 0;
  };
  const bands = [percentile('valueBands.0'), percentile('valueBands.1'), percentile('valueBands.2')] as [
    number,
    number,
    number,
  ];
  if (!errors['valueBands.1'] && bands[1] <= bands[0]) errors['valueBands.1'] = 'Must be above the $$ band.';
  if (!errors['valueBands.2'] && bands[2] <= bands[1]) errors['valueBands.2'] = 'Must be above the $$$ band.';
  const percentiles: SegmentPercentiles = {
    valueBands: bands,
    highValue: percentile('highValue'),
    lowValue: percentile('lowValue'),
    bigReach: percentile('bigReach'),
  };
  if (!errors.lowValue && !errors.highValue && percentiles.lowValue >= percentiles.highValue)
    errors.lowValue = 'Must be below the high-value percentile.';
  const weights = {} as PriorityWeights;
  for (const { key } of WEIGHT_FIELDS) {
    const value = number(form[`weights.${key}`]);
    if (value === null) errors[`weights.${key}`] = 'Enter a number.';
    else if (value < 0) errors[`weights.${key}`] = 'Cannot be negative.';
    weights[key] = value ?? 0;
  }
  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, update: { percentiles, weights } };
}
