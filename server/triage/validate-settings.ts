import type { TriageSettingsUpdate } from '../../lib/contract/triage.ts';
import { ApiError } from '../http/errors.ts';

// What the schema cannot say about a lead's triage settings, each refusal naming the field.

export function checkTriageSettings(update: TriageSettingsUpdate): void {
  const [a, b, c] = update.percentiles.valueBands;
  if (!(a < b && b < c)) {
    throw new ApiError(
      400,
      'invalid_body',
      `percentiles.valueBands: must be strictly ascending (the $$, $$$ and $$$$ bands open in that order), got [${a}, ${b}, ${c}]`,
    );
  }
  if (!(update.percentiles.lowValue < update.percentiles.highValue)) {
    throw new ApiError(
      400,
      'invalid_body',
      `percentiles.lowValue: must be below percentiles.highValue (${update.percentiles.highValue}), got ${update.percentiles.lowValue}`,
    );
  }
  // The promise of issue 6: reach is a tie-breaker. Every top-tier customer earns `tier` points, so a bonus
  // below it can never lift someone who never bought above them (lib/triage/priority.ts, property-tested).
  if (!(update.weights.reachBonusMax < update.weights.tier)) {
    throw new ApiError(
      400,
      'invalid_body',
      `weights.reachBonusMax: must be below weights.tier (${update.weights.tier}) so reach stays a tie-breaker, got ${update.weights.reachBonusMax}`,
    );
  }
}
