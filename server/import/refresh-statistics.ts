import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../db/types.ts';

// PostgreSQL plans the importer's reads (which identities, cases and external ids already exist) from table
// statistics. A tenant's first big import grows those tables from nothing faster than autovacuum re-analyses
// them (and a server may run without autovacuum: this machine's does), and with statistics that still say
// "empty", PostgreSQL filtered identities by value instead of seeking them — each batch read every identity
// of its kind, and a 1M-row import slowed to 254 rows/s after 350k rows (measured). So the importer analyses
// the tables it reads each time the rows it has written pass a power of ten (1k, 10k, 100k, 1M): a handful of
// ANALYZEs, each a sample of at most 30k rows per table. SQLite plans without statistics unless ANALYZE ran.

const TABLES = sql`profiles, identities, cases, items`;

/** Returns a function to call after each written batch with the rows written so far. */
export function statisticsRefresher(db: Kysely<Database>): (written: number) => Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let next = 1_000;
  return async (written) => {
    if (!postgres || written < next) return;
    while (next <= written) next *= 10;
    await sql`ANALYZE ${TABLES}`.execute(db);
  };
}
