import type { Kysely } from 'kysely';
import type { Database } from '../../../server/db/types.ts';

const TABLES = ['profiles', 'identities', 'social_accounts', 'cases', 'interactions', 'items'] as const;

/** When a row was written, not what it says: differs between two otherwise equal imports. */
const WRITE_TIMES = new Set(['created_at', 'updated_at', 'linked_at']);

/**
 * Every row of the profile and history tables, sorted, as JSON strings. `withWriteTimes: false` drops the
 * columns that record when a row was written, to compare two imports done at different moments.
 */
export async function dumpProfiles(
  db: Kysely<Database>,
  { withWriteTimes = true } = {},
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    out[table] = rows
      .map((r) => JSON.stringify(Object.entries(r).filter(([k]) => withWriteTimes || !WRITE_TIMES.has(k))))
      .sort();
  }
  return out;
}
