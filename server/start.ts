import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createRateLimiter, rateLimitFromEnv } from './access/rate-limit.ts';
import { createApp } from './app.ts';
import { migrateToLatest } from './db/migrate.ts';
import { type DatabaseConfig, databaseConfigFromEnv, openDatabase } from './db/open.ts';
import { createAuthenticator } from './http/auth.ts';
import { parseAllowedOrigins } from './http/cors.ts';
import { createLogger } from './log.ts';
import { createLookupFastPath } from './lookup-fast/fast-path.ts';
import { seedDemo } from './seed/seed-demo.ts';

export interface StartOptions {
  /** 0 picks a free port. Default: env KNOWN_PORT, else 8787. */
  port?: number;
  /** Default: env KNOWN_HOST, else 127.0.0.1: the backend is not exposed beyond this machine unless asked. */
  host?: string;
  /** Default: DATABASE_URL (PostgreSQL) when set, else the SQLite file KNOWN_DB (default data/known.db). */
  database?: DatabaseConfig;
  /** When set, serves this folder's static files at /demo/ without auth. */
  demoDir?: string;
  /** Apply migrations before listening. Default true. */
  migrate?: boolean;
  /** Seed the demo tenant, personas and demo token (idempotent). Default false. */
  seed?: boolean;
  /** No access logs (errors are still logged). */
  quiet?: boolean;
  /** Requests per minute per agent. Default: env KNOWN_RATE_LIMIT, else 600. */
  rateLimitPerMinute?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`KNOWN_PORT must be a port number (0-65535), got "${value}"`);
  }
  return port;
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const config = opts.database ?? databaseConfigFromEnv();
  const database = openDatabase(config);
  try {
    if (opts.migrate ?? true) await migrateToLatest(database.db);
    if (opts.seed) await seedDemo(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }

  const logger = createLogger({ quiet: opts.quiet ?? false });
  const allowedOrigins = parseAllowedOrigins(process.env.KNOWN_ALLOWED_ORIGINS);
  // One token cache and one set of rate-limit buckets, shared by the Hono app and the lookup fast path.
  const authenticator = createAuthenticator(database.db);
  const limiter = createRateLimiter(
    opts.rateLimitPerMinute ?? rateLimitFromEnv(process.env.KNOWN_RATE_LIMIT),
  );
  const app = createApp({
    db: database.db,
    database: database.kind,
    demoDir: opts.demoDir,
    allowedOrigins,
    authenticator,
    limiter,
    logger,
  });
  const fastLookup = createLookupFastPath({
    db: database.db,
    authenticator,
    limiter,
    logger,
    allowedOrigins,
  });

  const host = opts.host ?? process.env.KNOWN_HOST ?? '127.0.0.1';
  const port = opts.port ?? portFromEnv(process.env.KNOWN_PORT);
  // What @hono/node-server's serve() builds, with POST /v1/lookup answered before Hono
  // (lookup-fast/fast-path.ts says why); every other request is Hono's.
  const honoListener = getRequestListener(app.fetch, { hostname: host });
  const server = createServer((req, res) => {
    if (!fastLookup(req, res)) void honoListener(req, res);
  });
  server.listen(port, host);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (err) {
    await database.close();
    throw err;
  }
  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive connections would otherwise hold close() open until they time out.
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        await database.close();
      })();
      return closing;
    },
  };
}
