import { type Kysely, Migrator, PostgresAdapter, sql } from 'kysely';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './types.ts';

export interface MigrationOutcome {
  applied: string[];
}

/** Brings the schema to the latest migration. Safe to call on every start: applied migrations are skipped. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: migrationProvider, ...(await migrationTableSchema(db)) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * On PostgreSQL, the bookkeeping tables live in the schema the connection works in (its search_path).
 * Without this, Kysely checks for them in every schema, finds another schema's copy (a second tenant
 * database, a test run beside a benchmark), skips creating its own, and then fails to lock.
 */
async function migrationTableSchema(db: Kysely<Database>): Promise<{ migrationTableSchema?: string }> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return {};
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  return schema ? { migrationTableSchema: schema } : {};
}
