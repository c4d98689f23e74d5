import http from 'node:http';
import type { AddressInfo } from 'node:net';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../server/db/open.ts';

// The lookup bench's second baseline: bare node:http plus ONE raw SQL read per request, straight from the
// driver — the first identifier's profile by the same index the lookup seeks (identities_key), then a
// constant answer. No auth, validation, batching, summary or audit row. Known's lookup next to it shows what
// the product adds over the cheapest database-backed endpoint on the same machine; next to the bare server
// alone, what the database costs at all (on PostgreSQL, a round trip to another process on the same cores).

const RAW_READ =
  'select p.id, p.name from identities i join profiles p on p.id = i.profile_id ' +
  'where i.tenant_id = $1 and i.kind = $2 and i.network = $3 and i.value = $4';

const ANSWER = JSON.stringify({
  results: [{ identifier: { kind: 'email', value: 'x' }, status: 'not_found' }],
});

type Read = (kind: string, network: string, value: string) => Promise<unknown>;

function rawRead(config: DatabaseConfig, applicationName: string | undefined) {
  if (config.kind === 'sqlite') {
    const sqlite = new SQLite(config.file, { readonly: true });
    const stmt = sqlite.prepare(RAW_READ.replace(/\$\d/g, '?'));
    const read: Read = async (kind, network, value) => stmt.get('demo', kind, network, value);
    return { read, close: async () => sqlite.close() };
  }
  const url = new URL(config.url);
  // Named apart from the Known server's connections, so the bench reads these backends' CPU on their own.
  if (applicationName) url.searchParams.set('application_name', applicationName);
  // As many connections as Known's hot pool (lookup-fast/raw-handle.ts), with the same generic plan.
  const options = url.searchParams.get('options');
  url.searchParams.set('options', `${options ? `${options} ` : ''}-c plan_cache_mode=force_generic_plan`);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 6 });
  const read: Read = (kind, network, value) =>
    pool.query({ name: 'bench_raw_read', text: RAW_READ, values: ['demo', kind, network, value] });
  return { read, close: () => pool.end() };
}

/** Starts the raw-SQL baseline on the bench's database (the demo tenant the synthetic profiles are in). */
export function startRawSqlServer(
  config: DatabaseConfig,
  applicationName?: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const db = rawRead(config, applicationName);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number) => {
        res.writeHead(status, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(ANSWER),
        });
        res.end(ANSWER);
      };
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const id = body.identifiers[0];
        // The bench's identifiers are lower-case e-mails and `@handle`s: the stored form drops the `@`.
        const value = String(id.value).replace(/^@/, '').toLowerCase();
        db.read(id.kind, id.kind === 'handle' ? id.network : '', value).then(
          () => answer(200),
          () => answer(500),
        );
      } catch {
        answer(400);
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: async () => {
          await new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
          await db.close();
        },
      });
    });
  });
}
