import type { Kysely } from 'kysely';
import { IDENTIFIER_KINDS, type Identifier } from '../../lib/contract/identifier.ts';
import { identityKey } from '../../lib/contract/normalize.ts';
import type { Database } from '../db/types.ts';

/**
 * Maps normalised identifiers to the profile each belongs to, keyed by `identityKey`. One query per identifier
 * kind present in the batch (at most four), each served by the unique (tenant, kind, network, value) index.
 */
export async function resolveIdentifiers(
  db: Kysely<Database>,
  tenantId: string,
  identifiers: readonly Identifier[],
): Promise<Map<string, string>> {
  // PostgreSQL text cannot hold NUL, so no stored identifier contains one; asking would only make it raise.
  const searchable = identifiers.filter((i) => !i.value.includes('\u0000'));
  const wanted = new Set(searchable.map(identityKey));
  const queries = IDENTIFIER_KINDS.map(async (kind) => {
    const ofKind = searchable.filter((i) => i.kind === kind);
    if (ofKind.length === 0) return [];
    const networks = [...new Set(ofKind.map((i) => (i.kind === 'handle' ? i.network : '')))];
    const values = [...new Set(ofKind.map((i) => i.value))];
    return db
      .selectFrom('identities')
      .select(['kind', 'network', 'value', 'profile_id'])
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', kind)
      .where('network', 'in', networks)
      .where('value', 'in', values)
      .execute();
  });
  const found = new Map<string, string>();
  for (const rows of await Promise.all(queries)) {
    for (const row of rows) {
      // network IN × value IN is a superset of the pairs asked for (x:jane, instagram:bob also finds x:bob).
      const key = row.kind === 'handle' ? `handle:${row.network}:${row.value}` : `${row.kind}:${row.value}`;
      if (wanted.has(key)) found.set(key, row.profile_id);
    }
  }
  return found;
}
