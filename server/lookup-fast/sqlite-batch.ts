import type SQLite from 'better-sqlite3';
import type { Identifier } from '../../lib/contract/identifier.ts';
import type { FoundProfiles } from './found-profiles.ts';
import { sqliteReadAll, sqliteReadTransaction } from './sqlite-lookup.ts';

// Lookups that arrive in the same event-loop turn read inside ONE SQLite read transaction. A lookup's reads
// already share a transaction (sqlite-lookup.ts: in WAL mode each statement outside one takes and drops its
// own read lock), but opening and closing that transaction — the read-mark locks on the -shm file, fcntl
// system calls each — cost about as much as a one-identifier lookup's four index reads (a sixth of the
// server's CPU per ×1 lookup in a profile under load). Under load one turn parses many requests; their reads
// now pay that once. Each lookup still runs its own reads for its own identifiers only, so its answer is
// exactly what it would be alone (and all see one consistent snapshot). A quiet server sends each lookup on
// its own, one event-loop turn later. PostgreSQL does the same with one shared query (postgres-batch.ts).

/** Lookups per transaction: bounds how long one turn holds the read snapshot (a lookup holds ≤ 100 ids). */
const MAX_LOOKUPS_PER_TRANSACTION = 256;

interface Waiting {
  tenantId: string;
  identifiers: readonly Identifier[];
  resolve: (found: FoundProfiles | undefined) => void;
  reject: (err: unknown) => void;
}

class SqliteLookupBatcher {
  #waiting: Waiting[] = [];
  #scheduled = false;
  readonly #readMany: (batch: Waiting[]) => (FoundProfiles | Error)[];

  constructor(private readonly sqlite: SQLite.Database) {
    this.#readMany = sqliteReadTransaction(sqlite, (batch: Waiting[]) =>
      batch.map((w) => {
        try {
          return sqliteReadAll(sqlite, w.tenantId, w.identifiers);
        } catch (err) {
          // One lookup's failure is its own; the transaction and its neighbours' reads go on.
          return err instanceof Error ? err : new Error(String(err));
        }
      }),
    );
  }

  find(tenantId: string, identifiers: readonly Identifier[]): Promise<FoundProfiles | undefined> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ tenantId, identifiers, resolve, reject });
      if (this.#scheduled) return;
      this.#scheduled = true;
      // setImmediate, not a microtask: every request whose bytes arrived in this turn is parsed first.
      setImmediate(() => this.#flush());
    });
  }

  #flush() {
    this.#scheduled = false;
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, MAX_LOOKUPS_PER_TRANSACTION);
      // While Kysely holds a transaction open on this connection a read here could see (and an answer reveal)
      // writes that may still roll back: undefined sends the lookups down the Kysely path, which waits.
      if (this.sqlite.inTransaction) {
        for (const w of batch) w.resolve(undefined);
        continue;
      }
      let results: (FoundProfiles | Error)[];
      try {
        results = this.#readMany(batch);
      } catch (err) {
        for (const w of batch) w.reject(err);
        continue;
      }
      batch.forEach((w, i) => {
        const r = results[i];
        if (r instanceof Error) w.reject(r);
        else w.resolve(r);
      });
    }
  }
}

const batchers = new WeakMap<SQLite.Database, SqliteLookupBatcher>();

/**
 * The lookup's read on SQLite, in one read transaction with the lookups of the same event-loop turn (see
 * above); undefined while Kysely holds a transaction open on the connection (the caller takes the Kysely path).
 */
export function sqliteFindProfiles(
  sqlite: SQLite.Database,
  tenantId: string,
  identifiers: readonly Identifier[],
): Promise<FoundProfiles | undefined> {
  let batcher = batchers.get(sqlite);
  if (!batcher) {
    batcher = new SqliteLookupBatcher(sqlite);
    batchers.set(sqlite, batcher);
  }
  return batcher.find(tenantId, identifiers);
}
