import { type Kysely, sql } from 'kysely';
import { MAX_SEARCH_RESULTS } from '../../lib/contract/identity.ts';
import { normalizeEmail, normalizeHandle, normalizeNumber } from '../../lib/contract/normalize.ts';
import type { ProfileSummary } from '../../lib/contract/profile.ts';
import type { Database } from '../db/types.ts';
import { loadSummaries } from '../profiles/load-profiles.ts';

// For the agent's "link this handle to…" flow: the agent types what the customer told them — a name, an
// e-mail, a card or an order number. Identifiers match exactly after normalisation (served by the lookup
// index); names match case-insensitively as a prefix, then anywhere. The name match scans the tenant's
// profiles: fine for an interactive search on up to a few hundred thousand profiles; beyond that a
// trigram index (pg_trgm) or FTS5 table would be the next step.

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export async function searchProfiles(
  db: Kysely<Database>,
  tenantId: string,
  q: string,
): Promise<ProfileSummary[]> {
  const text = q.normalize('NFKC').trim();
  const email = normalizeEmail(text);
  const number = normalizeNumber(text);
  const handle = normalizeHandle(text);

  const byIdentifier = await db
    .selectFrom('identities as i')
    .innerJoin('profiles as p', (j) =>
      j.onRef('p.id', '=', 'i.profile_id').onRef('p.tenant_id', '=', 'i.tenant_id'),
    )
    .select(['p.id', 'p.name'])
    .where('i.tenant_id', '=', tenantId)
    .where('p.merged_into', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('i.kind', '=', 'email'), eb('i.network', '=', ''), eb('i.value', '=', email)]),
        eb.and([
          eb('i.kind', 'in', ['loyalty', 'order']),
          eb('i.network', '=', ''),
          eb('i.value', '=', number),
        ]),
        eb.and([eb('i.kind', '=', 'handle'), eb('i.value', '=', handle)]),
      ]),
    )
    .limit(MAX_SEARCH_RESULTS)
    .execute();

  const lowered = text.toLowerCase();
  const pattern = `%${escapeLike(lowered)}%`;
  const byName = await db
    .selectFrom('profiles')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('merged_into', 'is', null)
    .where(sql<boolean>`lower(name) like ${pattern} escape '\\'`)
    .orderBy('name')
    .orderBy('id')
    .limit(200)
    .execute();

  const rank = (name: string) => (name.toLowerCase().startsWith(lowered) ? 0 : 1);
  byName.sort((a, b) => rank(a.name) - rank(b.name));
  const ids: string[] = [];
  for (const row of [...byIdentifier, ...byName]) {
    if (!ids.includes(row.id)) ids.push(row.id);
    if (ids.length === MAX_SEARCH_RESULTS) break;
  }
  const summaries = await loadSummaries(db, tenantId, ids);
  return ids.map((id) => summaries.get(id)).filter((s): s is ProfileSummary => s !== undefined);
}
