import { createHash } from 'node:crypto';
import type { ImportRow } from '../../lib/contract/import-row.ts';
import {
  identityKey,
  normalizeHandle,
  normalizeIdentifier,
  normalizeNumber,
} from '../../lib/contract/normalize.ts';
import { withAnswers } from '../analytics/answer-columns.ts';
import type {
  CasesTable,
  IdentitiesTable,
  InteractionsTable,
  ItemsTable,
  ProfilesTable,
  SocialAccountsTable,
} from '../db/types.ts';

// An import row becomes database rows whose ids are derived from their content (SHA-256), never random: the
// same row imported twice, or imported again after a crash half-way, produces exactly the same rows.

type Part = string | number | boolean | null | undefined;

const sha = (...parts: readonly Part[]) =>
  createHash('sha256')
    .update(parts.map((p) => String(p ?? '')).join('\u0000'), 'utf8')
    .digest('hex');

export const stableId = (prefix: string, ...parts: readonly Part[]) =>
  `${prefix}_${sha(...parts).slice(0, 24)}`;

/** The profile id a new external id gets, unless the caller names one (the seed keeps `prf_sofia_reyes`). */
export const profileIdFor = (tenantId: string, externalId: string) => stableId('prf', tenantId, externalId);

/** The fingerprint stored on the profile: equal fingerprints mean the re-import has nothing to write. */
export const rowHash = (row: ImportRow) => sha(JSON.stringify(row));

/** Times are stored as UTC ISO strings so that text order is time order on both dialects. */
const utc = (iso: string) => new Date(iso).toISOString();

type Row<T> = Omit<T, 'created_at' | 'updated_at'>;

export interface RowRecords {
  // social_followers is left out: triggers on social_accounts keep it (migration 0008).
  profile: Omit<Row<ProfilesTable>, 'social_followers'>;
  identities: Omit<IdentitiesTable, 'created_at' | 'linked_at'>[];
  social: Row<SocialAccountsTable>[];
  cases: Row<CasesTable>[];
  interactions: Omit<InteractionsTable, 'created_at'>[];
  items: ItemsTable[];
}

function uniqueBy<T>(rows: T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const k = key(row);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function rowRecords(tenantId: string, profileId: string, row: ImportRow, hash: string): RowRecords {
  const loyalty = row.loyalty ?? null;
  const value = row.value ?? null;
  const ext = row.externalId;

  const identities = uniqueBy(row.identities.map(normalizeIdentifier), identityKey).map((id) => ({
    id: stableId('idn', tenantId, identityKey(id)),
    tenant_id: tenantId,
    profile_id: profileId,
    kind: id.kind,
    network: id.kind === 'handle' ? id.network : '',
    value: id.value,
    source: 'import',
    verified: 1,
    linked_by: null,
    evidence: null,
    confidence: 1,
  }));

  const social = uniqueBy(
    (row.social ?? []).map((s) => ({ ...s, handle: normalizeHandle(s.handle) })),
    (s) => `${s.network}:${s.handle}`,
  ).map((s) => ({
    id: stableId('soc', tenantId, profileId, s.network, s.handle),
    tenant_id: tenantId,
    profile_id: profileId,
    network: s.network,
    handle: s.handle,
    followers: s.followers,
  }));

  const cases = uniqueBy(row.cases ?? [], (c) => c.id).map((c) => ({
    id: stableId('cas', tenantId, c.id),
    tenant_id: tenantId,
    profile_id: profileId,
    external_id: c.id,
    status: c.status,
    subject: c.subject,
    opened_at: utc(c.openedAt),
    channels: JSON.stringify(c.channels),
    promised_by: c.promisedBy ? utc(c.promisedBy) : null,
  }));

  // Answer columns (migration 0005) from the row's own timeline; a profile that already exists is refreshed
  // from the database after the write, since interactions agents logged on it stay (import-rows.ts).
  const interactions = withAnswers(
    uniqueBy(
      (row.interactions ?? []).map((i) => ({
        id: stableId('int', tenantId, ext, utc(i.at), i.channel, i.direction, i.summary, i.caseId),
        tenant_id: tenantId,
        profile_id: profileId,
        at: utc(i.at),
        channel: i.channel,
        direction: i.direction,
        summary: i.summary,
        case_id: i.caseId ?? null,
        sentiment: i.sentiment ?? null,
        contact_requested: i.contactRequested ? 1 : 0,
        agent: i.agent ?? null,
        type: 'imported',
      })),
      (i) => i.id,
    ),
  );

  const items = uniqueBy(
    [...(row.recent ?? []), ...(row.upcoming ?? [])].map((item) => ({
      id: stableId('itm', tenantId, ext, item.kind, item.ref, utc(item.at)),
      tenant_id: tenantId,
      profile_id: profileId,
      kind: item.kind,
      ref: item.ref,
      at: utc(item.at),
      summary: item.summary,
      status: item.status,
      ref_key: item.kind === 'order' ? normalizeNumber(item.ref) : null,
    })),
    (i) => i.id,
  );

  return {
    profile: {
      id: profileId,
      tenant_id: tenantId,
      external_id: ext,
      name: row.name,
      loyalty_program: loyalty?.program ?? null,
      loyalty_tier: loyalty?.tier ?? null,
      loyalty_tier_rank: loyalty?.tierRank ?? null,
      loyalty_points: loyalty ? (loyalty.points ?? 0) : null,
      loyalty_member_since: loyalty?.memberSince ?? null,
      loyalty_tier_expires_at: loyalty?.tierExpiresAt ?? null,
      value_currency: value?.currency ?? null,
      value_lifetime: value?.lifetime ?? null,
      value_last12m: value?.last12m ?? null,
      value_orders_count: value?.ordersCount ?? null,
      value_last_order_at: value?.lastOrderAt ? utc(value.lastOrderAt) : null,
      pref_channel: row.preferences?.channel ?? null,
      pref_language: row.preferences?.language ?? null,
      pref_notes: JSON.stringify(row.preferences?.notes ?? []),
      merged_into: null,
      import_hash: hash,
    },
    identities,
    social,
    cases,
    interactions,
    items,
  };
}
