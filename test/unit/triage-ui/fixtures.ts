import type { ProfileSummary } from '../../../lib/contract/profile.ts';
import type { TriageFacts, TriageSettings } from '../../../lib/contract/triage.ts';
import type { LookupOutcome } from '../../../lib/lookup/lookup-client.ts';
import type { PageEntry } from '../../../lib/lookup/page-triage.ts';
import { DEFAULT_TRIAGE_SETTINGS } from '../../../lib/lookup/triage-settings-cache.ts';

// Story 4 (seeds/002) as the lookup and POST /v1/triage would answer it: the quiet VIP, the influencer,
// the reconciled card holder.

export const NOW = new Date('2026-11-23T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

export const daniel: ProfileSummary = {
  id: 'prf_daniel',
  name: 'Daniel Brooks',
  tier: { program: 'Harbor Hotels', name: 'Ambassador', rank: 1 },
  value: { currency: 'USD', lifetime: 182_400, last12m: 38_900 },
  identities: [{ kind: 'handle', network: 'x', value: 'dbrooks_travels' }],
  social: [{ network: 'x', handle: 'dbrooks_travels', followers: 75 }],
  reach: { followers: 75 },
};
export const tyler: ProfileSummary = {
  id: 'prf_tyler',
  name: 'Tyler Vance',
  tier: null,
  value: null,
  identities: [{ kind: 'handle', network: 'x', value: 'tylertravelsworld' }],
  social: [{ network: 'x', handle: 'tylertravelsworld', followers: 20_400 }],
  reach: { followers: 20_400 },
};
export const jane: ProfileSummary = {
  id: 'prf_jane',
  name: 'Jane Smith',
  tier: { program: 'Harbor Hotels', name: 'Gold', rank: 2 },
  value: { currency: 'USD', lifetime: 48_000, last12m: 5_400 },
  identities: [{ kind: 'handle', network: 'x', value: 'janesmith' }],
  social: [{ network: 'x', handle: 'janesmith', followers: 30 }],
  reach: { followers: 30 },
};

export const handle = (value: string) => ({ kind: 'handle', network: 'x', value }) as const;

/** A lookup outcome without its identifier (added by `entry`); distributes over the union's members. */
type OutcomeOf<O = LookupOutcome> = O extends LookupOutcome ? Omit<O, 'identifier'> : never;

export function entry(value: string, outcome: OutcomeOf): PageEntry {
  const identifier = handle(value);
  return { key: `handle:x:${value}`, identifier, outcome: { ...outcome, identifier } as LookupOutcome };
}

export const matched = (profile: ProfileSummary) => ({ status: 'matched', profile }) as const;

export const facts: Record<string, TriageFacts> = {
  prf_daniel: {
    profileId: 'prf_daniel',
    openLoops: 0,
    oldestOpenLoopSince: null,
    negativeSentiment: true,
    lastInboundAt: hoursAgo(1),
    lastOutboundAt: null,
    waitingSince: hoursAgo(1),
  },
  prf_tyler: {
    profileId: 'prf_tyler',
    openLoops: 0,
    oldestOpenLoopSince: null,
    negativeSentiment: false,
    lastInboundAt: hoursAgo(72),
    lastOutboundAt: hoursAgo(71.8),
    waitingSince: null,
  },
};

export const SETTINGS: TriageSettings = DEFAULT_TRIAGE_SETTINGS;
