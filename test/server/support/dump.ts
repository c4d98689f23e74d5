import type { Kysely } from 'kysely';
import type { Database } from '../../../server/db/types.ts';

const TABLES = [
  'tenants',
  'agents',
  'api_tokens',
  'profiles',
  'identities',
  'social_accounts',
  'audit_log',
] as const;

/** Every row of every table, sorted, as one JSON string: for "nothing changed" and "never stored" checks. */
export async function dumpDatabase(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await db.selectFrom(table).selectAll().execute();
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
