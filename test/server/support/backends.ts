import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../../server/db/open.ts';

// The backend suites run once per database. SQLite always runs (a fresh temp file per suite); PostgreSQL runs
// when TEST_DATABASE_URL is set, each suite in a schema of its own so parallel files and runs never collide.

export interface BackendInstance {
  database: DatabaseConfig;
  /** Environment that points the CLI at the same database. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export interface Backend {
  title: string;
  skip: boolean;
  create(): Promise<BackendInstance>;
}

const pgUrl = process.env.TEST_DATABASE_URL;

const sqlite: Backend = {
  title: 'SQLite',
  skip: false,
  create: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'known-test-'));
    const file = join(dir, 'known.db');
    return {
      database: { kind: 'sqlite', file },
      env: { KNOWN_DB: file },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const postgres: Backend = {
  title: pgUrl ? 'PostgreSQL' : 'PostgreSQL (skipped: TEST_DATABASE_URL is not set)',
  skip: !pgUrl,
  create: async () => {
    if (!pgUrl) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `known_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    // pg passes `options` to the server at connect time, so every pooled connection uses the test schema.
    const url = new URL(pgUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      database: { kind: 'postgres', url: url.toString() },
      env: { DATABASE_URL: url.toString() },
      cleanup: async () => {
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      },
    };
  },
};

export const BACKENDS: readonly Backend[] = [sqlite, postgres];
