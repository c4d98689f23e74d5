import type { ProfileSummary } from '../../lib/contract/profile.ts';

/** What one database read of a lookup found, before merges are followed (see run-lookup.ts). */
export interface FoundProfiles {
  /** identityKey() → ids of every profile holding that identifier (merged-away ones included). */
  hits: Map<string, string[]>;
  /** Summaries of the live profiles among the hits. */
  summaries: Map<string, ProfileSummary>;
  /** Hit profiles that were merged into another: run-lookup.ts follows them. */
  merged: Set<string>;
}
