import type { Kysely } from 'kysely';
import type { Identifier } from '../../lib/contract/identifier.ts';
import type { LookupRequest, LookupResponse, LookupResult } from '../../lib/contract/lookup.ts';
import { identityKey, normalizeIdentifier } from '../../lib/contract/normalize.ts';
import type { ProfileSummary } from '../../lib/contract/profile.ts';
import type { Database } from '../db/types.ts';
import type { Caller } from '../http/env.ts';
import { writeAudit } from '../profiles/audit.ts';
import { followMerges } from '../profiles/follow-merges.ts';
import { loadSummaries } from '../profiles/load-profiles.ts';
import { resolveIdentifiers } from '../profiles/resolve-identifiers.ts';
import type { FoundProfiles } from './found-profiles.ts';
import { postgresFindProfiles } from './postgres-batch.ts';
import { rawHandleOf } from './raw-handle.ts';
import { sqliteFindProfiles } from './sqlite-batch.ts';

// POST /v1/lookup as one function, called by the Hono route (routes/lookup.ts) and by the fast path in front
// of it (fast-path.ts), so both answer and audit exactly alike.

/** Only the origin is kept for the audit log, whatever the client sent (a full URL can carry PII). */
function originOnly(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** The driver's direct read when this database has one (see raw-handle.ts), else undefined. */
async function directRead(
  db: Kysely<Database>,
  tenantId: string,
  identifiers: readonly Identifier[],
): Promise<FoundProfiles | undefined> {
  const raw = rawHandleOf(db);
  if (raw?.kind === 'sqlite') return sqliteFindProfiles(raw.sqlite, tenantId, identifiers);
  if (raw?.kind === 'postgres') return postgresFindProfiles(raw.pool, tenantId, identifiers);
  return undefined;
}

/** identityKey → live profile ids (sorted), and the summaries of those profiles. */
async function findLive(
  db: Kysely<Database>,
  tenantId: string,
  identifiers: readonly Identifier[],
): Promise<{ matches: Map<string, string[]>; summaries: Map<string, ProfileSummary> }> {
  const found = await directRead(db, tenantId, identifiers);
  if (!found) {
    const matches = await resolveIdentifiers(db, tenantId, identifiers);
    const summaries = await loadSummaries(db, tenantId, [...new Set([...matches.values()].flat())]);
    return { matches, summaries };
  }
  // Merged-away profiles are followed to where they went (rare: one query per merge hop, then their summaries).
  const moved =
    found.merged.size === 0 ? new Map<string, string>() : await followMerges(db, tenantId, [...found.merged]);
  const liveId = (id: string) => (found.merged.has(id) ? moved.get(id) : id);
  const matches = new Map<string, string[]>();
  for (const [key, ids] of found.hits) {
    const live = [...new Set(ids.flatMap((id) => liveId(id) ?? []))].sort();
    if (live.length > 0) matches.set(key, live);
  }
  const missing = [...new Set(moved.values())].filter((id) => !found.summaries.has(id));
  if (missing.length > 0) {
    for (const [id, summary] of await loadSummaries(db, tenantId, missing)) found.summaries.set(id, summary);
  }
  return { matches, summaries: found.summaries };
}

export async function runLookup(
  db: Kysely<Database>,
  caller: Caller,
  body: LookupRequest,
  requestId: string,
): Promise<LookupResponse> {
  const identifiers = body.identifiers.map(normalizeIdentifier);
  const { matches, summaries } = await findLive(db, caller.tenantId, identifiers);
  const profileIds = [...new Set([...matches.values()].flat())];

  const results = identifiers.map((identifier): LookupResult => {
    const ids = matches.get(identityKey(identifier)) ?? [];
    const profiles = ids.flatMap((id) => summaries.get(id) ?? []);
    if (profiles.length === 0) return { identifier, status: 'not_found' };
    const [only] = profiles;
    if (profiles.length === 1 && only) return { identifier, status: 'matched', profile: only };
    return { identifier, status: 'ambiguous', candidates: profiles };
  });

  await writeAudit(db, {
    tenantId: caller.tenantId,
    agentId: caller.agentId,
    action: 'lookup',
    identityKeys: identifiers.map(identityKey),
    profileIds,
    pageOrigin: originOnly(body.context?.pageOrigin),
    requestId,
  });
  return { results };
}
