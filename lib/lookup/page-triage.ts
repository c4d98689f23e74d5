import { Identifier } from '../contract/identifier.ts';
import { identityKey, normalizeIdentifier } from '../contract/normalize.ts';
import type { TriageFacts, TriageSettings } from '../contract/triage.ts';
import type { Failure } from '../messaging/schemas.ts';
import { PageIdentityList, type PageTriageView, type TriageRow } from '../messaging/triage-schemas.ts';
import { priorityScore, rankByPriority } from '../triage/priority.ts';
import { reachClass } from '../triage/reach-class.ts';
import { valueBand } from '../triage/value-band.ts';
import type { ApiResult } from './backend-api.ts';
import type { LookupOutcome } from './lookup-client.ts';
import type { SettingsSource } from './triage-settings-cache.ts';

// "Who's here" (issue 6), background side: the identities the tab's content script badged, looked up (from
// the lookup cache, mostly), their open loops and waiting times from POST /v1/triage, ranked by priority.
// The sidebar only renders the rows; the token and the backend stay here.

/** `POST /v1/triage` takes this many profile ids per request (lib/contract/triage.ts). */
export const TRIAGE_BATCH = 100;

/** The identifier a badge's `data-known-identity` stands for, or null when it is not one we would have made. */
export function identifierFromKey(key: string): Identifier | null {
  const [kind, ...rest] = key.split(':');
  const candidate =
    kind === 'handle'
      ? { kind, network: rest[0], value: rest.slice(1).join(':') }
      : { kind, value: rest.join(':') };
  const parsed = Identifier.safeParse(candidate);
  if (!parsed.success) return null;
  // Only the canonical spelling: a page cannot smuggle in another identifier under a look-alike key.
  return identityKey(normalizeIdentifier(parsed.data)) === key ? parsed.data : null;
}

export interface PageEntry {
  key: string;
  identifier: Identifier;
  outcome: LookupOutcome;
}

type MatchedRow = Extract<TriageRow, { status: 'matched' }>;

function matchedRow(
  entry: PageEntry & { outcome: Extract<LookupOutcome, { status: 'matched' }> },
  facts: TriageFacts | null,
  settings: TriageSettings,
  now: Date,
): MatchedRow {
  const { profile } = entry.outcome;
  const priority = priorityScore({ profile, facts }, settings, now);
  return {
    status: 'matched',
    key: entry.key,
    identifier: entry.identifier,
    profileId: profile.id,
    name: profile.name,
    tier: profile.tier?.name ?? null,
    valueBand: valueBand(profile.value?.last12m, settings.thresholds),
    reachClass: reachClass(profile, settings.thresholds),
    followers: profile.reach.followers,
    openLoops: facts?.openLoops ?? null,
    waitingSince: facts?.waitingSince ?? null,
    lastOutboundAt: facts?.lastOutboundAt ?? null,
    score: priority.score,
    reasons: priority.reasons,
  };
}

// Below the ranked customers: several profiles to pick from, then what could not be looked up, then the
// identities nobody knows (the list is for who matters; strangers are last).
const TAIL_ORDER = { ambiguous: 0, error: 1, unknown: 2 } as const;

/** One row per identity on the page: matched ones by priority, highest first, then the rest. */
export function rankPageEntries(
  entries: readonly PageEntry[],
  facts: ReadonlyMap<string, TriageFacts> | null,
  settings: TriageSettings,
  now: Date,
): TriageRow[] {
  const matched: MatchedRow[] = [];
  const tail: Exclude<TriageRow, MatchedRow>[] = [];
  for (const entry of entries) {
    const { key, identifier, outcome } = entry;
    switch (outcome.status) {
      case 'matched':
        matched.push(
          matchedRow({ ...entry, outcome }, facts?.get(outcome.profile.id) ?? null, settings, now),
        );
        break;
      case 'ambiguous':
        tail.push({ status: 'ambiguous', key, identifier, candidates: outcome.candidates.length });
        break;
      case 'unknown':
        tail.push({ status: 'unknown', key, identifier });
        break;
      case 'error':
        tail.push({ status: 'error', key, identifier, error: outcome.error });
        break;
    }
  }
  // Stable sort keeps page order within each group of the tail.
  tail.sort((a, b) => TAIL_ORDER[a.status] - TAIL_ORDER[b.status]);
  return [...rankByPriority(matched), ...tail];
}

export interface PageTriageDeps {
  tabId: number;
  /** The tab's page origin, for the audit log of lookups and facts. */
  pageOrigin: string;
  /** Asks the tab's content script (top frame) for its badged identities; the answer is not trusted. */
  askPage(): Promise<unknown>;
  lookup(identifiers: Identifier[], pageOrigin: string): Promise<LookupOutcome[]>;
  facts(profileIds: string[], pageOrigin: string): Promise<ApiResult<{ items: TriageFacts[] }>>;
  settings(): Promise<{ settings: TriageSettings; source: SettingsSource }>;
  now(): Date;
}

const pageUnreachable: Failure = {
  code: 'extension_error',
  message: 'Known is not running on this page yet. Reload the page and open the list again.',
};

/** Everything the sidebar's "Who's here" list shows for one tab. Never throws. */
export async function collectPageTriage(deps: PageTriageDeps): Promise<PageTriageView> {
  let answer: unknown;
  try {
    answer = await deps.askPage();
  } catch {
    return { ok: false, error: pageUnreachable };
  }
  const listed = PageIdentityList.safeParse(answer);
  if (!listed.success) {
    return { ok: false, error: { code: 'extension_error', message: 'The page answered with a bad list.' } };
  }
  const found: { key: string; identifier: Identifier }[] = [];
  for (const { key } of listed.data) {
    const identifier = identifierFromKey(key);
    if (identifier && !found.some((f) => f.key === key)) found.push({ key, identifier });
  }

  const [outcomes, current] = await Promise.all([
    found.length > 0
      ? deps.lookup(
          found.map((f) => f.identifier),
          deps.pageOrigin,
        )
      : Promise.resolve([]),
    deps.settings(),
  ]);
  const entries = found.flatMap((f, i) => {
    const outcome = outcomes[i];
    return outcome ? [{ ...f, outcome }] : [];
  });

  const profileIds = [
    ...new Set(entries.flatMap((e) => (e.outcome.status === 'matched' ? [e.outcome.profile.id] : []))),
  ];
  let facts: Map<string, TriageFacts> | null = null;
  let factsError: Failure | undefined;
  if (profileIds.length > 0) {
    const batches: string[][] = [];
    for (let i = 0; i < profileIds.length; i += TRIAGE_BATCH)
      batches.push(profileIds.slice(i, i + TRIAGE_BATCH));
    const answers = await Promise.all(batches.map((ids) => deps.facts(ids, deps.pageOrigin)));
    facts = new Map();
    for (const answered of answers) {
      if (!answered.ok) {
        // Without facts the list still ranks, by the profiles alone, and says why waiting times are missing.
        factsError = answered.error;
        continue;
      }
      for (const item of answered.value.items) facts.set(item.profileId, item);
    }
  }

  return {
    ok: true,
    tabId: deps.tabId,
    rows: rankPageEntries(entries, facts, current.settings, deps.now()),
    settingsSource: current.source,
    ...(factsError ? { factsError } : {}),
  };
}
