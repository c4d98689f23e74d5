import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import { closeRawHandle, registerRawHandle } from '../lookup-fast/raw-handle.ts';
import { flushAudit } from '../profiles/audit.ts';
import type { Database } from './types.ts';

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: DatabaseConfig['kind'];
  close(): Promise<void>;
}

/** `DATABASE_URL` selects PostgreSQL; otherwise the embedded SQLite file `KNOWN_DB` (default data/known.db). */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'sqlite', file: env.KNOWN_DB || 'data/known.db' };
}

export function openDatabase(config: DatabaseConfig): OpenDatabase {
  const db = config.kind === 'sqlite' ? openSqlite(config.file) : openPostgres(config.url);
  return {
    db,
    kind: config.kind,
    close: async () => {
      // Audit rows are written in groups (profiles/audit.ts): none may be left behind in memory.
      await flushAudit(db);
      await closeRawHandle(db);
      await db.destroy();
    },
  };
}

function openSqlite(file: string): Kysely<Database> {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets readers (other processes, the CLI) work while the server writes; NORMAL sync is durable across
  // process crashes in WAL mode and avoids an fsync per audit row; busy_timeout waits out a concurrent writer
  // (e.g. `token create` while the server runs) instead of failing with SQLITE_BUSY.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Lookups are random reads over the identities and profiles indexes: a 64 MB page cache (default 2 MB) and
  // a memory-mapped file (reads without a copy into the page cache) keep a 1M-profile base as fast as 100k.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 1073741824');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  registerRawHandle(db, { kind: 'sqlite', sqlite });
  return db;
}

/**
 * Kysely prepares every query anew; preparing costs more than running an indexed read, so statements are
 * kept by SQL text (bounded, least recently used out). Safe because Kysely's SQLite driver runs one query at
 * a time on its single connection, and SQLite re-prepares a cached statement itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database, max = 256): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql) => {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) {
          const oldest = cache.keys().next();
          if (!oldest.done) cache.delete(oldest.value);
        }
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

function openPostgres(url: string): Kysely<Database> {
  // A `?options=-c search_path=…` in the URL is honoured by pg, which is how tests get a schema of their own.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  registerRawHandle(db, { kind: 'postgres', pool });
  return db;
}
