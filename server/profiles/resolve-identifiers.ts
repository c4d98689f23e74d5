import type { Kysely } from 'kysely';
import { IDENTIFIER_KINDS, type Identifier } from '../../lib/contract/identifier.ts';
import { identityKey } from '../../lib/contract/normalize.ts';
import { runCompiled } from '../db/compiled-query.ts';
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
 * present (≤ 4) plus one for order items, each on an index and joined to the profile's `merged_into`, so a
 * batch that found no merged profile needs no further query; otherwise one per merge hop.
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
    return runCompiled(
      db,
      `identities:${networks.length}:${values.length}`,
      [tenantId, kind, ...networks, ...values],
      () =>
        db
          .selectFrom('identities as i')
          .innerJoin('profiles as p', (j) =>
            j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.id', '=', 'i.profile_id'),
          )
          .select(['i.kind', 'i.network', 'i.value', 'i.profile_id', 'p.merged_into'])
          .where('i.tenant_id', '=', tenantId)
          .where('i.kind', '=', kind)
          .where('i.network', 'in', networks)
          .where('i.value', 'in', values),
    );
  });
  const orderValues = [...new Set(searchable.filter((i) => i.kind === 'order').map((i) => i.value))];
  const orderItems =
    orderValues.length === 0
      ? Promise.resolve([])
      : runCompiled(db, `items:${orderValues.length}`, [tenantId, ...orderValues], () =>
          db
            .selectFrom('items as t')
            .innerJoin('profiles as p', (j) =>
              j.onRef('p.tenant_id', '=', 't.tenant_id').onRef('p.id', '=', 't.profile_id'),
            )
            .select(['t.ref_key', 't.profile_id', 'p.merged_into'])
            .where('t.tenant_id', '=', tenantId)
            .where('t.ref_key', 'in', orderValues),
        );

  const found = new Map<string, Set<string>>();
  const merged = new Set<string>();
  const add = (key: string, profileId: string, mergedInto: string | null) => {
    if (!wanted.has(key)) return;
    if (mergedInto) merged.add(profileId);
    const set = found.get(key);
    if (set) set.add(profileId);
    else found.set(key, new Set([profileId]));
  };
  const [identityRows, itemRows] = await Promise.all([Promise.all(queries), orderItems]);
  for (const rows of identityRows) {
    // network IN × value IN is a superset of the pairs asked for (x:jane, instagram:bob also finds x:bob).
    for (const r of rows)
      add(
        r.kind === 'handle' ? `handle:${r.network}:${r.value}` : `${r.kind}:${r.value}`,
        r.profile_id,
        r.merged_into,
      );
  }
  for (const r of itemRows) if (r.ref_key) add(`order:${r.ref_key}`, r.profile_id, r.merged_into);

  // Only profiles that were merged away need following; the others are live as found.
  const moved = merged.size === 0 ? new Map<string, string>() : await followMerges(db, tenantId, [...merged]);
  const liveId = (id: string) => (merged.has(id) ? moved.get(id) : id);
  const out = new Map<string, string[]>();
  for (const [key, ids] of found) {
    const liveIds = [...new Set([...ids].flatMap((id) => liveId(id) ?? []))].sort();
    if (liveIds.length > 0) out.set(key, liveIds);
  }
  return out;
}
