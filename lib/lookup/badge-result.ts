import { identityKey } from '../contract/normalize.ts';
import type { ProfileSummary } from '../contract/profile.ts';
import type { SegmentThresholds } from '../contract/triage.ts';
import type { BadgeResult } from '../messaging/schemas.ts';
import { DEFAULT_THRESHOLDS } from '../triage/defaults.ts';
import { valueBand } from '../triage/value-band.ts';
import type { LookupOutcome } from './lookup-client.ts';

export interface BadgeOptions {
  /** Only the tier: no value band, no reach. */
  privacyMode: boolean;
  /**
   * The tenant's cut-offs (GET /v1/triage/settings, cached by the background), so "$$$" means the same
   * share of this tenant's customers in every shop; the built-in defaults when the backend has none.
   */
  thresholds?: Pick<SegmentThresholds, 'valueBands'>;
  /** The band cut-offs alone (older callers); `thresholds` wins when both are given. */
  valueBandThresholds?: readonly [number, number, number];
}

function matched(key: string, profile: ProfileSummary, options: BadgeOptions): BadgeResult {
  const tier = profile.tier?.name;
  const label = tier ?? 'Known';
  if (options.privacyMode) return { key, status: 'matched', label, ...(tier ? { tier } : {}) };
  const band = valueBand(
    profile.value?.last12m,
    options.thresholds ?? options.valueBandThresholds ?? DEFAULT_THRESHOLDS,
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
