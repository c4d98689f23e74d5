import type { Case, Interaction, OpenLoop } from '../../../lib/contract/history.ts';
import type { ImportRow } from '../../../lib/contract/import-row.ts';
import { normalizeIdentifier } from '../../../lib/contract/normalize.ts';
import { ProfileDetail } from '../../../lib/contract/profile.ts';
import { STORY_PROFILE_IDS, storyProfiles as storyRows } from '../../../server/seed/story-profiles.ts';

// The story personas as the backend's GET /v1/profiles/{id} answers them (ProfileDetail with history), built
// from the demo seed's own import rows (server/seed/story-profiles.ts, the five stories of DESIGN.md) dated
// relative to `now`, so the suggestion tests and the demo never tell two different stories. Open loops are
// derived the way the contract describes them: a contact request with no reply after it, an open case past
// its promised date, and any other open case.

const HOUR = 3_600_000;

export const NOW = new Date('2026-11-21T10:00:00Z');

function openLoops(cases: Case[], interactions: Interaction[], now: Date): OpenLoop[] {
  const loops: OpenLoop[] = [];
  const covered = new Set<string>();
  for (const i of interactions) {
    if (!i.contactRequested) continue;
    const answered = interactions.some((o) => o.direction === 'outbound' && o.at > i.at);
    if (answered) continue;
    const dueAt = new Date(Date.parse(i.at) + 48 * HOUR).toISOString();
    loops.push({
      kind: 'contact_request',
      summary: i.summary,
      since: i.at,
      channel: i.channel,
      caseId: i.caseId,
      dueAt,
      overdue: Date.parse(dueAt) < now.getTime(),
    });
    if (i.caseId) covered.add(i.caseId);
  }
  for (const c of cases) {
    if (c.status !== 'open' && c.status !== 'pending') continue;
    if (c.promisedBy && Date.parse(c.promisedBy) < now.getTime()) {
      loops.push({
        kind: 'broken_promise',
        summary: c.subject,
        since: c.promisedBy,
        channel: c.channels.at(-1) ?? null,
        caseId: c.id,
        dueAt: c.promisedBy,
        overdue: true,
      });
    } else if (!covered.has(c.id)) {
      loops.push({
        kind: 'open_case',
        summary: c.subject,
        since: c.openedAt,
        channel: c.channels.at(-1) ?? null,
        caseId: c.id,
        dueAt: null,
        overdue: false,
      });
    }
  }
  // The contract's order: overdue before due, then oldest first.
  return loops.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.since.localeCompare(b.since));
}

function detail(row: ImportRow, now: Date): ProfileDetail {
  const id = STORY_PROFILE_IDS[row.externalId];
  if (!id) throw new Error(`story row ${row.externalId} has no persona id`);
  const cases: Case[] = (row.cases ?? []).map((c) => ({ ...c, promisedBy: c.promisedBy ?? null }));
  const interactions: Interaction[] = (row.interactions ?? [])
    .map((i, n) => ({
      id: `${id}_i${n}`,
      ...i,
      caseId: i.caseId ?? null,
      sentiment: i.sentiment ?? null,
      contactRequested: i.contactRequested ?? false,
      agent: i.agent ?? null,
    }))
    .sort((a, b) => b.at.localeCompare(a.at));
  const social = row.social ?? [];
  const loyalty = row.loyalty ?? null;
  const value = row.value ?? null;
  return ProfileDetail.parse({
    id,
    name: row.name,
    tier: loyalty ? { program: loyalty.program, name: loyalty.tier, rank: loyalty.tierRank } : null,
    value: value ? { currency: value.currency, lifetime: value.lifetime, last12m: value.last12m } : null,
    // As stored: the backend answers with identifiers normalised (cards without dashes, handles without @).
    identities: row.identities.map(normalizeIdentifier),
    social,
    reach: { followers: social.reduce((sum, s) => sum + s.followers, 0) },
    externalId: row.externalId,
    loyalty: loyalty
      ? {
          program: loyalty.program,
          tier: loyalty.tier,
          tierRank: loyalty.tierRank,
          points: loyalty.points ?? 0,
          memberSince: loyalty.memberSince ?? null,
        }
      : null,
    preferences: {
      channel: row.preferences?.channel ?? null,
      language: row.preferences?.language ?? null,
      notes: row.preferences?.notes ?? [],
    },
    ordersCount: value?.ordersCount ?? null,
    lastOrderAt: null,
    openLoops: openLoops(cases, interactions, now),
    cases,
    interactions,
    interactionsCursor: null,
    recent: row.recent ?? [],
    upcoming: row.upcoming ?? [],
    tasks: [],
  });
}

const PERSONAS = {
  sofia: 'prf_sofia_reyes',
  john: 'prf_john_carter',
  mary: 'prf_mary_okafor',
  daniel: 'prf_daniel_brooks',
  tyler: 'prf_tyler_vance',
  jane: 'prf_jane_smith',
  priya: 'prf_priya_nair',
} as const;

export function storyProfiles(now: Date = NOW): Record<keyof typeof PERSONAS, ProfileDetail> {
  const byId = new Map(storyRows(now).map((row) => [STORY_PROFILE_IDS[row.externalId], detail(row, now)]));
  const out = {} as Record<keyof typeof PERSONAS, ProfileDetail>;
  for (const [key, id] of Object.entries(PERSONAS) as [keyof typeof PERSONAS, string][]) {
    const profile = byId.get(id);
    if (!profile) throw new Error(`the seed has no story profile ${id}`);
    out[key] = profile;
  }
  return out;
}

/** Only what a lookup answers (no history fields): the engine must cope with an older backend. */
export function summaryOnly(profile: ProfileDetail): ProfileDetail {
  const {
    openLoops,
    cases,
    interactions,
    interactionsCursor,
    recent,
    upcoming,
    tasks,
    identityRecords,
    ...rest
  } = profile;
  return rest;
}
