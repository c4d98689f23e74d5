import { type Kysely, PostgresAdapter, sql } from 'kysely';

// An index for the agent's "contains" name search (server/identity/search.ts), which otherwise reads every
// profile of the tenant. A B-tree cannot serve `%part%`; trigram indexes can, on both databases:
//
// - PostgreSQL: pg_trgm's GIN index on lower(name). pg_trgm ships with PostgreSQL (Debian's postgresql
//   package carries the contrib modules) and is a trusted extension, so a database owner can create it. It is
//   created in schema public, never in the connection's own schema: an extension exists once per database, and
//   one living in a schema that is later dropped (a test or bench schema) would take every other schema's
//   index with it. Where it cannot be created (no contrib files, no privilege), the migration says so with a
//   NOTICE and creates no index; search still works, by scanning, as before.
// - SQLite: an FTS5 table with the trigram tokenizer (better-sqlite3's bundled SQLite has both) over
//   profiles.name as external content, so names are not stored twice, kept in sync by triggers. Its rows are
//   keyed by the profiles table's rowid, which SQLite keeps unless a VACUUM renumbers it; Known never
//   vacuums, and after a manual VACUUM `INSERT INTO profiles_name_fts(profiles_name_fts) VALUES('rebuild')`
//   re-syncs it.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // A sub-transaction (the EXCEPTION block), so a failure here does not abort the migration's transaction;
    // a concurrent creation by another migrating schema is the duplicate case.
    await sql`
      DO $$
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;
        WHEN OTHERS THEN RAISE NOTICE 'pg_trgm unavailable (%), name search stays a scan', SQLERRM;
      END $$`.execute(db);
    const { rows } = await sql<{ schema: string }>`
      select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
      where e.extname = 'pg_trgm'`.execute(db);
    const schema = rows[0]?.schema;
    if (schema) {
      await sql`create index profiles_name_trgm on profiles using gin (lower(name) ${sql.id(schema)}.gin_trgm_ops)`.execute(
        db,
      );
    }
    return;
  }

  await sql`create virtual table profiles_name_fts using fts5(
    name, content = 'profiles', content_rowid = 'rowid', tokenize = 'trigram')`.execute(db);
  await sql`create trigger profiles_name_fts_insert after insert on profiles begin
    insert into profiles_name_fts(rowid, name) values (new.rowid, new.name);
  end`.execute(db);
  await sql`create trigger profiles_name_fts_delete after delete on profiles begin
    insert into profiles_name_fts(profiles_name_fts, rowid, name) values ('delete', old.rowid, old.name);
  end`.execute(db);
  await sql`create trigger profiles_name_fts_update after update of name on profiles
    when old.name is not new.name begin
    insert into profiles_name_fts(profiles_name_fts, rowid, name) values ('delete', old.rowid, old.name);
    insert into profiles_name_fts(rowid, name) values (new.rowid, new.name);
  end`.execute(db);
  await sql`insert into profiles_name_fts(profiles_name_fts) values ('rebuild')`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's Database type.
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // The extension stays: other schemas in the same database may use it.
    await sql`drop index if exists profiles_name_trgm`.execute(db);
    return;
  }
  for (const t of ['insert', 'delete', 'update']) {
    await sql`drop trigger if exists ${sql.id(`profiles_name_fts_${t}`)}`.execute(db);
  }
  await sql`drop table if exists profiles_name_fts`.execute(db);
}
