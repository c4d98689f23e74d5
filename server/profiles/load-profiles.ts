import type { Kysely } from 'kysely';
import { type Identifier, SOCIAL_NETWORKS, type SocialNetwork } from '../../lib/contract/identifier.ts';
import type {
  IdentityRecord,
  ProfileDetail,
  ProfileSummary,
  SocialAccount,
} from '../../lib/contract/profile.ts';
import { runCompiled } from '../db/compiled-query.ts';
import type { Database, IdentityRow, ProfileRow, SocialAccountRow } from '../db/types.ts';

// Profiles are read in three indexed queries whatever their number (rows, identities, social accounts),
// never one query per profile. Merged profiles are never summarised: callers resolve ids with
// follow-merges.ts first (a lookup) or answer where the profile went (a profile read).

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const isNetwork = (n: string): n is SocialNetwork => (SOCIAL_NETWORKS as readonly string[]).includes(n);

/** The columns a summary reads: the lookup fast path (lookup-fast/*-lookup.ts) selects exactly these. */
export type SummaryFields = Pick<
  ProfileRow,
  | 'id'
  | 'name'
  | 'loyalty_program'
  | 'loyalty_tier'
  | 'loyalty_tier_rank'
  | 'value_currency'
  | 'value_lifetime'
  | 'value_last12m'
>;
export type SummaryIdentity = Pick<IdentityRow, 'kind' | 'network' | 'value'>;
export type SummarySocial = Pick<SocialAccountRow, 'network' | 'handle' | 'followers'>;

function toIdentifier(row: SummaryIdentity): Identifier | undefined {
  if (row.kind === 'handle') {
    return isNetwork(row.network) ? { kind: 'handle', network: row.network, value: row.value } : undefined;
  }
  return { kind: row.kind, value: row.value };
}

function toSocial(row: SummarySocial): SocialAccount | undefined {
  return isNetwork(row.network)
    ? { network: row.network, handle: row.handle, followers: row.followers }
    : undefined;
}

// Sorted here, not in SQL: an ORDER BY over (kind, network, value) led SQLite's planner to walk the lookup
// index across the whole tenant instead of seeking (tenant_id, profile_id), and JS order is the same on both
// dialects whatever their collation.
const byIdentity = (a: SummaryIdentity, b: SummaryIdentity) =>
  compare(a.kind, b.kind) || compare(a.network, b.network) || compare(a.value, b.value);
const bySocial = (a: SummarySocial, b: SummarySocial) =>
  b.followers - a.followers || compare(a.network, b.network) || compare(a.handle, b.handle);

/** One profile's summary; sorts `identities` and `social` in place. */
export function toSummary(
  row: SummaryFields,
  identities: SummaryIdentity[],
  social: SummarySocial[],
): ProfileSummary {
  identities.sort(byIdentity);
  social.sort(bySocial);
  const accounts = social.map(toSocial).filter((s): s is SocialAccount => s !== undefined);
  return {
    id: row.id,
    name: row.name,
    tier:
      row.loyalty_program && row.loyalty_tier && row.loyalty_tier_rank !== null
        ? { program: row.loyalty_program, name: row.loyalty_tier, rank: row.loyalty_tier_rank }
        : null,
    value:
      row.value_currency && row.value_lifetime !== null && row.value_last12m !== null
        ? { currency: row.value_currency, lifetime: row.value_lifetime, last12m: row.value_last12m }
        : null,
    identities: identities.map(toIdentifier).filter((i): i is Identifier => i !== undefined),
    social: accounts,
    reach: { followers: accounts.reduce((sum, s) => sum + s.followers, 0) },
  };
}

function toIdentityRecord(row: IdentityRow): IdentityRecord | undefined {
  const identifier = toIdentifier(row);
  return identifier
    ? {
        identifier,
        source: row.source,
        verified: row.verified === 1,
        linkedBy: row.linked_by,
        linkedAt: row.linked_at ?? row.created_at,
        evidence: row.evidence,
      }
    : undefined;
}

/** The profile's own fields; the history (timeline, loops, items, tasks) is added by profile-detail.ts. */
export function toDetail(
  row: ProfileRow,
  identities: IdentityRow[],
  social: SocialAccountRow[],
): ProfileDetail {
  return {
    ...toSummary(row, identities, social),
    externalId: row.external_id,
    loyalty:
      row.loyalty_program && row.loyalty_tier && row.loyalty_tier_rank !== null
        ? {
            program: row.loyalty_program,
            tier: row.loyalty_tier,
            tierRank: row.loyalty_tier_rank,
            points: row.loyalty_points ?? 0,
            memberSince: row.loyalty_member_since,
            tierExpiresAt: row.loyalty_tier_expires_at,
          }
        : null,
    ordersCount: row.value_orders_count,
    lastOrderAt: row.value_last_order_at,
    preferences: {
      channel: row.pref_channel,
      language: row.pref_language,
      notes: parseNotes(row.pref_notes),
    },
    identityRecords: identities.map(toIdentityRecord).filter((r): r is IdentityRecord => r !== undefined),
  };
}

function parseNotes(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

function groupBy<T extends { profile_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.profile_id);
    if (list) list.push(row);
    else out.set(row.profile_id, [row]);
  }
  return out;
}

async function loadRows(db: Kysely<Database>, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return { profiles: [], identities: new Map(), social: new Map() };
  const params = [tenantId, ...ids];
  const [profiles, identities, social] = await Promise.all([
    runCompiled(db, `profiles:${ids.length}`, params, () =>
      db.selectFrom('profiles').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids),
    ),
    runCompiled(db, `profile-identities:${ids.length}`, params, () =>
      db
        .selectFrom('identities')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('profile_id', 'in', ids),
    ),
    runCompiled(db, `profile-social:${ids.length}`, params, () =>
      db
        .selectFrom('social_accounts')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('profile_id', 'in', ids),
    ),
  ]);
  identities.sort(byIdentity);
  social.sort(bySocial);
  return { profiles, identities: groupBy(identities), social: groupBy(social) };
}

export async function loadSummaries(
  db: Kysely<Database>,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, ProfileSummary>> {
  const { profiles, identities, social } = await loadRows(db, tenantId, ids);
  return new Map(
    profiles.map((p) => [p.id, toSummary(p, identities.get(p.id) ?? [], social.get(p.id) ?? [])] as const),
  );
}

/** The row and its own fields, or what the id was merged into, or undefined when there is no such profile. */
export async function loadProfileFields(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<{ profile: ProfileDetail; row: ProfileRow } | { mergedInto: string } | undefined> {
  const { profiles, identities, social } = await loadRows(db, tenantId, [id]);
  const row = profiles[0];
  if (!row) return undefined;
  if (row.merged_into) return { mergedInto: row.merged_into };
  return { profile: toDetail(row, identities.get(row.id) ?? [], social.get(row.id) ?? []), row };
}
