import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { MAX_SEARCH_RESULTS } from '../../lib/contract/identity.ts';
import { normalizeEmail, normalizeHandle, normalizeNumber } from '../../lib/contract/normalize.ts';
import type { ProfileSummary } from '../../lib/contract/profile.ts';
import type { Database } from '../db/types.ts';
import { loadSummaries } from '../profiles/load-profiles.ts';

// For the agent's "link this handle to…" flow: the agent types what the customer told them — a name, an
// e-mail, a card or an order number. Identifiers match exactly after normalisation (served by the lookup
// index); names match case-insensitively as a prefix, then anywhere. The name match is served by a trigram
// index (migration 0007: pg_trgm on PostgreSQL, FTS5 trigram on SQLite); a query under three characters has
// no trigram and scans the tenant's profiles, as does PostgreSQL without pg_trgm.

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
  const byName = await namesContaining(db, tenantId, lowered);

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

const NAME_CANDIDATES = 200;

export async function namesContaining(
  db: Kysely<Database>,
  tenantId: string,
  lowered: string,
): Promise<{ id: string; name: string }[]> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter) && [...lowered].length >= 3) {
    // FTS5's trigram tokenizer matches a quoted phrase as a substring, case-insensitively; the quotes
    // (doubled inside) make every character literal, so nothing the agent types is query syntax.
    const phrase = `"${lowered.replaceAll('"', '""')}"`;
    const { rows } = await sql<{ id: string; name: string }>`
      select p.id, p.name from profiles_name_fts f join profiles p on p.rowid = f.rowid
      where profiles_name_fts match ${phrase} and p.tenant_id = ${tenantId} and p.merged_into is null
      order by p.name, p.id limit ${NAME_CANDIDATES}`.execute(db);
    return rows;
  }
  // Without a whole trigram in the pattern, pg_trgm's GIN index can only read all its entries, which is
  // slower than the scan (bench/search.ts: 533 vs 237 ms on 100k profiles): such a query scans.
  return namesByLike(db, tenantId, lowered, [...lowered].length < 3);
}

/**
 * PostgreSQL's planner serves this LIKE from the pg_trgm GIN index on lower(name) when the pattern has
 * trigrams; SQLite comes here only for one- or two-character queries (and bench/search.ts for the "before").
 */
export function namesByLike(
  db: Kysely<Database>,
  tenantId: string,
  lowered: string,
  avoidIndex = false,
): Promise<{ id: string; name: string }[]> {
  const pattern = `%${escapeLike(lowered)}%`;
  // `lower(name) || ''` is not the indexed expression, so the planner cannot pick the trigram index.
  const subject = avoidIndex ? sql`(lower(name) || '')` : sql`lower(name)`;
  return db
    .selectFrom('profiles')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('merged_into', 'is', null)
    .where(sql<boolean>`${subject} like ${pattern} escape '\\'`)
    .orderBy('name')
    .orderBy('id')
    .limit(NAME_CANDIDATES)
    .execute();
}
