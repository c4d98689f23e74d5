import type { Kysely } from 'kysely';
import { IDENTIFIER_KINDS, type Identifier } from '../../lib/contract/identifier.ts';
import { identityKey } from '../../lib/contract/normalize.ts';
import type { Database } from '../db/types.ts';
import { followMerges } from './follow-merges.ts';

/**
 * Maps normalised identifiers (by `identityKey`) to every LIVE profile they belong to: merged profiles are
 * followed to where they went, so a lookup never answers with one.
 *
 * An identifier is stored on at most one profile (the unique (tenant, kind, network, value) index), so
 * e-mails, handles and cards resolve to at most one profile. Order numbers are also found on profiles' order
 * items (items.ref_key): a group or household order can sit on two customers, and then the order number is
 * `ambiguous` and the lookup answers both candidates rather than guess. Queries: one per identifier kind
 * present (≤ 4) plus one for order items, each on an index, plus one per merge hop.
 */
export async function resolveIdentifiers(
  db: Kysely<Database>,
  tenantId: string,
  identifiers: readonly Identifier[],
): Promise<Map<string, string[]>> {
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
  const orderValues = [...new Set(searchable.filter((i) => i.kind === 'order').map((i) => i.value))];
  const orderItems =
    orderValues.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('items')
          .select(['ref_key', 'profile_id'])
          .where('tenant_id', '=', tenantId)
          .where('ref_key', 'in', orderValues)
          .execute();

  const found = new Map<string, Set<string>>();
  const add = (key: string, profileId: string) => {
    if (!wanted.has(key)) return;
    const set = found.get(key);
    if (set) set.add(profileId);
    else found.set(key, new Set([profileId]));
  };
  const [identityRows, itemRows] = await Promise.all([Promise.all(queries), orderItems]);
  for (const rows of identityRows) {
    // network IN × value IN is a superset of the pairs asked for (x:jane, instagram:bob also finds x:bob).
    for (const r of rows)
      add(r.kind === 'handle' ? `handle:${r.network}:${r.value}` : `${r.kind}:${r.value}`, r.profile_id);
  }
  for (const r of itemRows) if (r.ref_key) add(`order:${r.ref_key}`, r.profile_id);

  const live = await followMerges(db, tenantId, [...new Set([...found.values()].flatMap((s) => [...s]))]);
  const out = new Map<string, string[]>();
  for (const [key, ids] of found) {
    const liveIds = [...new Set([...ids].flatMap((id) => live.get(id) ?? []))].sort();
    if (liveIds.length > 0) out.set(key, liveIds);
  }
  return out;
}
