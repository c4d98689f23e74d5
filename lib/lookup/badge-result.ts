import { identityKey } from '../contract/normalize.ts';
import type { ProfileSummary } from '../contract/profile.ts';
import type { BadgeResult } from '../messaging/schemas.ts';
import { DEFAULT_VALUE_BAND_THRESHOLDS, valueBand } from '../triage/value-band.ts';
import type { LookupOutcome } from './lookup-client.ts';

export interface BadgeOptions {
  /** Only the tier: no value band, no reach. */
  privacyMode: boolean;
  valueBandThresholds?: readonly [number, number, number];
}

function matched(key: string, profile: ProfileSummary, options: BadgeOptions): BadgeResult {
  const tier = profile.tier?.name;
  const label = tier ?? 'Known';
  if (options.privacyMode) return { key, status: 'matched', label, ...(tier ? { tier } : {}) };
  const band = valueBand(
    profile.value?.last12m,
    options.valueBandThresholds ?? DEFAULT_VALUE_BAND_THRESHOLDS,
  );
  return {
    key,
    status: 'matched',
    label,
    ...(tier ? { tier } : {}),
    ...(band ? { valueBand: band } : {}),
    reach: profile.reach.followers,
  };
}

/**
 * Reduces a lookup outcome to what a badge may show in the page: tier, a value band and a follower count,
 * and nothing else about the person (no name, spend or history: the page's own scripts can see the content
 * script's DOM and messages' effects).
 */
export function toBadgeResult(
  outcome: LookupOutcome,
  options: BadgeOptions = { privacyMode: false },
): BadgeResult {
  const key = identityKey(outcome.identifier);
  switch (outcome.status) {
    case 'matched':
      return matched(key, outcome.profile, options);
    case 'ambiguous':
      // Several profiles claim this identifier: the agent must pick in the sidebar, so show it as known.
      return { key, status: 'matched', label: `${outcome.candidates.length} profiles` };
    case 'unknown':
      return { key, status: 'unknown' };
    case 'error':
      return { key, status: 'error', error: outcome.error };
  }
}
