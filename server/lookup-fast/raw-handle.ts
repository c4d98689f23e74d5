import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/types.ts';

/**
 * The driver handle under a Kysely instance, for the lookup hot path only (see sqlite-lookup.ts and
 * postgres-lookup.ts for why it bypasses Kysely there). db/open.ts registers it; a Kysely built any other
 * way (a test's own instance, one with plugins) has none, and the lookup then takes its Kysely path.
 */
export type RawHandle = { kind: 'sqlite'; sqlite: SQLite.Database } | { kind: 'postgres'; pool: pg.Pool };

const handles = new WeakMap<Kysely<Database>, RawHandle>();
const hotPools = new WeakMap<pg.Pool, pg.Pool>();

export function registerRawHandle(db: Kysely<Database>, handle: RawHandle): void {
  handles.set(db, handle);
}

export function rawHandleOf(db: Kysely<Database>): RawHandle | undefined {
  // Plugins rewrite queries and results (a test counting queries, say): raw SQL would bypass them.
  if (db.getExecutor().plugins.length > 0) return undefined;
  return handles.get(db);
}

/** Connections beside the main pool's 10, used only by the two hot statements. */
const HOT_POOL_SIZE = 6;

/**
 * A small pool of its own for the hot path's named statements (the lookup read, the audit insert), whose
 * connections run them with generic plans. PostgreSQL otherwise re-plans a named statement with each call's
 * values ("custom plan") for as long as it estimates that cheaper, and for the lookup's unnest-of-arrays it
 * always did: about 0.8 ms of planning per lookup against 0.2 ms of execution. The generic plan is the
 * same index-seek plan. It is a pool apart because plan_cache_mode is per connection: on the main pool it
 * would also change how every other query's parameters are planned.
 */
export function hotPoolOf(pool: pg.Pool): pg.Pool {
  let hot = hotPools.get(pool);
  if (!hot) {
    const connectionString = pool.options.connectionString;
    if (!connectionString) return pool;
    const url = new URL(connectionString);
    // Appended to the URL's own `options` (tests and the bench set search_path there).
    const options = url.searchParams.get('options');
    url.searchParams.set('options', `${options ? `${options} ` : ''}-c plan_cache_mode=force_generic_plan`);
    hot = new pg.Pool({ connectionString: url.toString(), max: HOT_POOL_SIZE });
    hotPools.set(pool, hot);
  }
  return hot;
}

/** Ends what hotPoolOf() opened for this database; db/open.ts calls it on close. */
export async function closeRawHandle(db: Kysely<Database>): Promise<void> {
  const handle = handles.get(db);
  if (handle?.kind !== 'postgres') return;
  const hot = hotPools.get(handle.pool);
  hotPools.delete(handle.pool);
  await hot?.end();
}
