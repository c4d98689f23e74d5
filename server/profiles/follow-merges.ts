import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

/** Merges can chain (A into B, later B into C); a longer chain than this is treated as broken data. */
const MAX_HOPS = 8;

/**
 * Maps each profile id to the live profile it now is: itself, or where its merges led. One query per hop of
 * the longest chain in the batch, so a batch where nothing was merged costs exactly one query.
 * Ids that do not exist are absent from the result.
 */
export async function followMerges(
  db: Kysely<Database>,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const live = new Map<string, string>();
  /** original id → the id currently being followed */
  let pending = new Map(ids.map((id) => [id, id]));
  for (let hop = 0; hop <= MAX_HOPS && pending.size > 0; hop++) {
    const rows = await db
      .selectFrom('profiles')
      .select(['id', 'merged_into'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...new Set(pending.values())])
      .execute();
    const mergedInto = new Map(rows.map((r) => [r.id, r.merged_into]));
    const next = new Map<string, string>();
    for (const [original, current] of pending) {
      if (!mergedInto.has(current)) continue;
      const target = mergedInto.get(current);
      if (target) next.set(original, target);
      else live.set(original, current);
    }
    pending = next;
  }
  return live;
}
