import { hash, randomUUID } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/types.ts';
import { hotPoolOf, rawHandleOf } from '../lookup-fast/raw-handle.ts';

export interface AuditEntry {
  tenantId: string;
  agentId: string;
  action: 'lookup' | 'profile.read';
  /** identityKey()s of what was asked; stored hashed so the audit log is not a second copy of the PII. */
  identityKeys: readonly string[];
  profileIds: readonly string[];
  pageOrigin?: string | undefined;
  requestId?: string | undefined;
}

/**
 * Tenant-scoped so equal identifiers in two tenants hash differently. crypto.hash() is the one-shot form of
 * createHash().update().digest() (same SHA-256 hex): a third of its cost, for up to 100 hashes per lookup.
 */
export function hashIdentityKey(tenantId: string, key: string): string {
  return hash('sha256', `${tenantId}\u0000${key}`, 'hex');
}

/**
 * A UUIDv7 (RFC 9562): the millisecond clock in the first 48 bits, then v4's random bits. Audit rows are
 * written on every lookup, and a random v4 primary key lands each insert on a random page of the key index
 * (a page read and a page written per row, scattered over the whole table); a time-ordered key appends at
 * the index's right edge like the `at` indexes do, and still sorts the same way as `at`.
 */
export function auditRowId(now: number = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  // randomUUID() is xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep its random bits and variant, set version 7.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}

type AuditRow = Insertable<AuditLogTable>;

interface Pending {
  row: AuditRow;
  done: (err?: unknown) => void;
}

/** Rows per INSERT: 10 columns × 500 stays far below every dialect's bound-parameter limit. */
const MAX_GROUP = 500;

/**
 * Group commit: audit rows are not inserted where they are produced but gathered until the event loop has
 * run every callback that is ready (setImmediate), then written in one INSERT, and the next group waits for
 * that INSERT to finish. Under load one event-loop turn handles many requests, so 32 concurrent lookups
 * cost one commit, not 32 (each commit is a WAL write on SQLite and a WAL flush on PostgreSQL, which
 * dominated a lookup's database time). Each request still waits until its own row is stored: the audit log
 * never lags behind what was answered, and a crash cannot lose a row for an answer already sent.
 */
class AuditWriter {
  #queue: Pending[] = [];
  #flushing: Promise<void> | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  write(row: AuditRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ row, done: (err) => (err === undefined ? resolve() : reject(err)) });
      this.#flushing ??= new Promise<void>((scheduled) => setImmediate(scheduled)).then(() => this.#flush());
    });
  }

  /** Resolves when every row queued so far is written (or has failed its request). */
  async drain(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  async #flush() {
    try {
      while (this.#queue.length > 0) {
        const group = this.#queue.splice(0, MAX_GROUP);
        try {
          await insertGroup(
            this.db,
            group.map((p) => p.row),
          );
          for (const p of group) p.done();
        } catch (err) {
          if (group.length === 1) {
            group[0]?.done(err);
            continue;
          }
          // One bad row must not fail its neighbours' requests: write them one by one.
          for (const p of group) {
            await this.db
              .insertInto('audit_log')
              .values(p.row)
              .execute()
              .then(() => p.done(), p.done);
          }
        }
      }
    } finally {
      this.#flushing = undefined;
    }
  }
}

const COLUMNS = [
  'id',
  'tenant_id',
  'agent_id',
  'at',
  'action',
  'identifier_hashes',
  'profile_ids',
  'page_origin',
  'request_id',
] as const;

// Lookups write an audit row each, so the group INSERT is on the hot path too. Kysely builds and compiles a
// fresh INSERT for every group size; the driver handle (lookup-fast/raw-handle.ts) runs one fixed statement
// instead: on SQLite a cached prepared INSERT per row inside one transaction (one commit per group), on
// PostgreSQL one named prepared INSERT … SELECT FROM unnest(arrays) whatever the group size.
const SQLITE_INSERT = `insert into audit_log (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`;
const POSTGRES_INSERT =
  `insert into audit_log (${COLUMNS.join(', ')}) ` +
  `select * from unnest(${COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ')})`;

const sqliteInserts = new WeakMap<SQLite.Database, (rows: AuditRow[]) => void>();

async function insertGroup(db: Kysely<Database>, rows: AuditRow[]): Promise<void> {
  const raw = rawHandleOf(db);
  // Inside a Kysely transaction on the same SQLite connection the row would join (and could roll back with)
  // someone else's transaction: Kysely's insert waits for it instead.
  if (raw?.kind === 'sqlite' && !raw.sqlite.inTransaction) {
    let insert = sqliteInserts.get(raw.sqlite);
    if (!insert) {
      const stmt = raw.sqlite.prepare(SQLITE_INSERT);
      insert = raw.sqlite.transaction((group: AuditRow[]) => {
        for (const row of group) stmt.run(...COLUMNS.map((c) => row[c] ?? null));
      });
      sqliteInserts.set(raw.sqlite, insert);
    }
    insert(rows);
    return;
  }
  if (raw?.kind === 'postgres') {
    await hotPoolOf(raw.pool).query({
      name: 'known_audit_insert_v1',
      text: POSTGRES_INSERT,
      values: COLUMNS.map((c) => rows.map((row) => row[c] ?? null)),
    });
    return;
  }
  await db.insertInto('audit_log').values(rows).execute();
}

const writers = new WeakMap<Kysely<Database>, AuditWriter>();

/** Waits for every audit row queued on this database; the database's close() calls it before closing. */
export async function flushAudit(db: Kysely<Database>): Promise<void> {
  await writers.get(db)?.drain();
}

export async function writeAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  let writer = writers.get(db);
  if (!writer) {
    writer = new AuditWriter(db);
    writers.set(db, writer);
  }
  const now = Date.now();
  await writer.write({
    id: auditRowId(now),
    tenant_id: entry.tenantId,
    agent_id: entry.agentId,
    at: new Date(now).toISOString(),
    action: entry.action,
    identifier_hashes: JSON.stringify(
      [...new Set(entry.identityKeys)].map((k) => hashIdentityKey(entry.tenantId, k)),
    ),
    profile_ids: JSON.stringify([...new Set(entry.profileIds)]),
    page_origin: entry.pageOrigin ?? null,
    request_id: entry.requestId ?? null,
  });
}
