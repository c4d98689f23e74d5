import type pg from 'pg';
import type { Identifier } from '../../lib/contract/identifier.ts';
import { identityKey } from '../../lib/contract/normalize.ts';
import type { ProfileSummary } from '../../lib/contract/profile.ts';
import {
  type SummaryFields,
  type SummaryIdentity,
  type SummarySocial,
  toSummary,
} from '../profiles/load-profiles.ts';
import type { FoundProfiles } from './found-profiles.ts';
import { hotPoolOf } from './raw-handle.ts';

// The lookup's reads on PostgreSQL as ONE round trip, written as SQL on pg directly rather than through
// Kysely: this is the one hot path, and each round trip (client encode, network, parse) cost more than the
// index reads themselves; Kysely can neither name a prepared statement nor send arrays for a batch of any
// size as one fixed statement. The identifiers travel as three parallel arrays (unnest), so the SQL text is
// the same for every batch and pg prepares it once per connection under its name; the server answers one
// row holding the hits and the found profiles with their identities and social accounts as JSON. Every part
// is an index seek (identities_key, items_ref_key, profiles_tenant_id, identities_profile,
// social_accounts_profile). The Kysely version of the same reads is profiles/resolve-identifiers.ts +
// load-profiles.ts; lookup-fast.test.ts checks both agree.

const LOOKUP_SQL = `
with wanted as (
  select * from unnest($2::text[], $3::text[], $4::text[]) as w(kind, network, value)
), hits as (
  select w.kind, w.network, w.value, i.profile_id
    from wanted w
    join identities i on i.tenant_id = $1 and i.kind = w.kind and i.network = w.network and i.value = w.value
  union all
  select 'order', '', t.ref_key, t.profile_id from items t where t.tenant_id = $1 and t.ref_key = any($5::text[])
), found as (
  select * from profiles p where p.tenant_id = $1 and p.id in (select profile_id from hits)
)
select
  (select json_agg(json_build_array(h.kind, h.network, h.value, h.profile_id)) from hits h) as hits,
  (select json_agg(json_build_array(
      f.id, f.name, f.loyalty_program, f.loyalty_tier, f.loyalty_tier_rank, f.value_currency, f.value_lifetime,
      f.value_last12m, f.merged_into,
      (select json_agg(json_build_array(x.kind, x.network, x.value))
         from identities x where x.tenant_id = $1 and x.profile_id = f.id),
      (select json_agg(json_build_array(s.network, s.handle, s.followers))
         from social_accounts s where s.tenant_id = $1 and s.profile_id = f.id)
    )) from found f) as profiles`;

type ProfileJson = [
  string,
  string,
  string | null,
  string | null,
  number | null,
  string | null,
  number | null,
  number | null,
  string | null,
  [string, string, string][] | null,
  [string, string, number][] | null,
];

/** One read for these identifiers; lookups call it through postgres-batch.ts, which shares it between them. */
export async function postgresReadProfiles(
  pool: pg.Pool,
  tenantId: string,
  identifiers: readonly Identifier[],
): Promise<FoundProfiles> {
  const kinds: string[] = [];
  const networks: string[] = [];
  const values: string[] = [];
  const orders: string[] = [];
  for (const id of identifiers) {
    // PostgreSQL text cannot hold NUL, so no stored identifier has one; asking would only make it raise.
    if (id.value.includes('\u0000')) continue;
    kinds.push(id.kind);
    networks.push(id.kind === 'handle' ? id.network : '');
    values.push(id.value);
    if (id.kind === 'order') orders.push(id.value);
  }
  const hits = new Map<string, string[]>();
  const summaries = new Map<string, ProfileSummary>();
  const merged = new Set<string>();
  if (kinds.length === 0) return { hits, summaries, merged };

  const result = await hotPoolOf(pool).query<{
    hits: [string, string, string, string][] | null;
    profiles: ProfileJson[] | null;
  }>({ name: 'known_lookup_v1', text: LOOKUP_SQL, values: [tenantId, kinds, networks, values, orders] });
  const row = result.rows[0];
  for (const [kind, network, value, profileId] of row?.hits ?? []) {
    const key = identityKey({ kind, network, value } as Identifier);
    const list = hits.get(key);
    if (list) list.push(profileId);
    else hits.set(key, [profileId]);
  }
  for (const p of row?.profiles ?? []) {
    if (p[8] !== null) {
      merged.add(p[0]);
      continue;
    }
    const fields: SummaryFields = {
      id: p[0],
      name: p[1],
      loyalty_program: p[2],
      loyalty_tier: p[3],
      loyalty_tier_rank: p[4],
      value_currency: p[5],
      value_lifetime: p[6],
      value_last12m: p[7],
    };
    const identities = (p[9] ?? []).map(
      (r): SummaryIdentity => ({ kind: r[0] as SummaryIdentity['kind'], network: r[1], value: r[2] }),
    );
    const social = (p[10] ?? []).map(
      (r): SummarySocial => ({ network: r[0], handle: r[1], followers: r[2] }),
    );
    summaries.set(p[0], toSummary(fields, identities, social));
  }
  return { hits, summaries, merged };
}
