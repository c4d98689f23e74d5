import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { type OpenDatabase, openDatabase } from '../../../server/db/open.ts';
import type { Database } from '../../../server/db/types.ts';
import { type RunningServer, type StartOptions, startServer } from '../../../server/start.ts';
import type { Backend, BackendInstance } from './backends.ts';

export interface ServerContext {
  url: string;
  server: RunningServer;
  backend: BackendInstance;
  /** A second connection to the same database, for assertions on what the server stored. */
  db: Kysely<Database>;
}

/** Starts a seeded server on a random port over a fresh database for the enclosing describe block. */
export function useServer(
  backend: Backend,
  opts: Omit<StartOptions, 'database' | 'port'> = {},
): ServerContext {
  const ctx = {} as ServerContext;
  let direct: OpenDatabase | undefined;
  beforeAll(async () => {
    ctx.backend = await backend.create();
    ctx.server = await startServer({
      port: 0,
      quiet: true,
      seed: true,
      ...opts,
      database: ctx.backend.database,
    });
    ctx.url = ctx.server.url;
    direct = openDatabase(ctx.backend.database);
    ctx.db = direct.db;
  });
  afterAll(async () => {
    await ctx.server?.close();
    await direct?.close();
    await ctx.backend?.cleanup();
  });
  return ctx;
}
