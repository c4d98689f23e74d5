import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../server/db/migrate.ts';
import { type DatabaseConfig, openDatabase } from '../server/db/open.ts';
import { seedDemo } from '../server/seed/seed-demo.ts';
import { seedSynthetic, syntheticProfile } from '../server/seed/synthetic.ts';
import { startServer } from '../server/start.ts';
import { runImport } from './import-bench.ts';
import { writeImportFile } from './import-file.ts';
import type { LoadResult, LoadSpec } from './load-worker.ts';
import { startRawSqlServer } from './raw-sql-server.ts';

// Lookup throughput and latency over real HTTP against a seeded SQLite file, next to a bare node:http server
// answering a constant JSON body on the same machine in the same run: the ratio is what carries across
// machines, not the absolute numbers.

const USAGE =
  'Usage: npm run bench -- [--profiles N[,N…]=10000 (0 skips)] [--duration SECONDS=5] [--connections C=32] ' +
  '[--import-rows N=100000 (0 skips)] [--databases sqlite,postgres] [--batches 1,50] [--profile-read 1|0] [--rounds N=1]\n' +
  "--rounds N measures bare, raw SQL and Known N times, alternating, and prints medians with the ratios' range.\n" +
  'PostgreSQL runs when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, each run in a schema of its own.\n' +
  'BENCH_KEEP=1 keeps the seeded lookup databases ($TMPDIR/known-bench-lookup-<profiles>.db, schema\n' +
  'known_bench_lookup_<profiles>) and reuses them on the next run instead of seeding again (one left\n' +
  'half-seeded by an interrupted run is seeded anew).';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        profiles: { type: 'string', default: '10000' },
        duration: { type: 'string', default: '5' },
        connections: { type: 'string', default: '32' },
        'import-rows': { type: 'string', default: '100000' },
        databases: { type: 'string', default: 'sqlite,postgres' },
        batches: { type: 'string', default: '1,50' },
        'profile-read': { type: 'string', default: '1' },
        rounds: { type: 'string', default: '1' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const n = (v: string, name: string, min: number, max: number) => {
      const x = Number(v);
      if (!Number.isInteger(x) || x < min || x > max)
        throw new Error(`--${name} must be an integer in ${min}..${max}`);
      return x;
    };
    const databases = values.databases.split(',').map((d) => d.trim());
    for (const d of databases)
      if (d !== 'sqlite' && d !== 'postgres') throw new Error(`unknown database "${d}"`);
    return {
      profiles: values.profiles.split(',').map((v) => n(v, 'profiles', 0, 2_000_000)),
      durationMs: n(values.duration, 'duration', 1, 600) * 1000,
      connections: n(values.connections, 'connections', 1, 1024),
      importRows: n(values['import-rows'], 'import-rows', 0, 5_000_000),
      databases: databases as ('sqlite' | 'postgres')[],
      batches: values.batches.split(',').map((v) => n(v, 'batches', 1, 100)),
      profileRead: n(values['profile-read'], 'profile-read', 0, 1) === 1,
      rounds: n(values.rounds, 'rounds', 1, 20),
    };
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
}

function load(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // tsx's loader is not inherited by worker threads on Node 20, so the worker registers it before loading
    // the TypeScript entry.
    const entry = JSON.stringify(new URL('./load-worker.ts', import.meta.url).href);
    const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); })`;
    const worker = new Worker(boot, { eval: true, workerData: spec });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

function startBare(): Promise<{ url: string; close(): Promise<void> }> {
  const payload = JSON.stringify({
    results: [{ identifier: { kind: 'email', value: 'x' }, status: 'not_found' }],
  });
  const server = http.createServer((req, res) => {
    // Reads the body like the real server has to, then answers a constant.
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(payload),
      });
      res.end(payload);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/**
 * CPU time of this process's main thread (where both servers run; the load generator is a worker thread), in
 * ms, from Linux's per-thread counters; undefined elsewhere. On a shared machine req/s depends on what else
 * runs, CPU per request much less so: it is the figure to compare across runs.
 */
function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** CPU time (ms) of one process from /proc, or 0 once it has exited. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU time (ms) per PostgreSQL backend serving the Known server under test, found by the application_name
 * the bench gives its connections. PostgreSQL runs on the same cores, so a lookup's cost there counts as much
 * as the server's own; undefined when PostgreSQL is not on this machine (its backends are not in /proc).
 */
async function backendsCpuMs(applicationName: string): Promise<Map<number, number> | undefined> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    if (rows.length > 0 && !existsSync(`/proc/${rows[0]?.pid}`)) return undefined;
    return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
  } finally {
    await client.end();
  }
}

async function measured(
  spec: LoadSpec,
  applicationName?: string,
): Promise<ReturnType<typeof summarise> & { cpuUs: number; dbCpuUs: number }> {
  const dbBefore = applicationName ? await backendsCpuMs(applicationName) : undefined;
  const before = mainThreadCpuMs();
  const result = await load(spec);
  const after = mainThreadCpuMs();
  const dbAfter = applicationName ? await backendsCpuMs(applicationName) : undefined;
  // Includes the warm-up requests, which are not counted in result.requests: scale by the whole run.
  const total = result.requests * ((result.elapsedMs + spec.warmupMs) / result.elapsedMs);
  const cpuUs = before === undefined || after === undefined ? NaN : ((after - before) * 1000) / total;
  let dbCpuUs = NaN;
  if (dbBefore && dbAfter) {
    // Backends opened during the run (the pools open lazily) count from zero.
    let ms = 0;
    for (const [pid, cpu] of dbAfter) ms += cpu - (dbBefore.get(pid) ?? 0);
    dbCpuUs = (ms * 1000) / total;
  }
  return { ...summarise(result), cpuUs, dbCpuUs };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

function summarise(r: LoadResult) {
  return {
    rps: r.requests / (r.elapsedMs / 1000),
    p50: pct(r.latencies, 0.5),
    p99: pct(r.latencies, 0.99),
    errors: r.errors + r.non2xx,
  };
}

/** Request bodies that mix hits and misses the way a page does: most identifiers on a page are not customers. */
function lookupBodies(profiles: number, batch: number, count: number): string[] {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: count }, () => {
    const identifiers = Array.from({ length: batch }, (_, j) => {
      const i = 1 + Math.floor(rand() * profiles);
      if (j % 3 === 2) return { kind: 'handle', network: 'x', value: `@nobody_${i}` };
      const email = syntheticProfile(i).identities.find((id) => id.kind === 'email');
      return { kind: 'email', value: email?.value ?? 'missing@example.com' };
    });
    return JSON.stringify({ identifiers });
  });
}

const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;

interface BenchDatabase {
  title: string;
  /** A database kept by an earlier BENCH_KEEP=1 run, already seeded. */
  reused?: boolean;
  /** PostgreSQL: the application_name of the server's connections, to find its backends' CPU time. */
  applicationName?: string;
  config: DatabaseConfig;
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** Schemas created by this run, dropped on Ctrl-C too: CI runs its tests in the same database. */
const liveSchemas = new Set<string>();

async function dropSchema(schema: string) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
  liveSchemas.delete(schema);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: dropping ${liveSchemas.size} bench schema(s)`);
    void Promise.allSettled([...liveSchemas].map(dropSchema)).then(() => process.exit(130));
  });
}

const KEEP = process.env.BENCH_KEEP === '1';

/**
 * The lookup bench's database under BENCH_KEEP=1: the same file or schema every run, seeded by the first. It
 * counts as seeded only when its last synthetic profile is there (seeding commits in order), so a file or
 * schema left behind by an interrupted run is made again rather than measured half-empty.
 */
async function keptDatabase(kind: 'sqlite' | 'postgres', profiles: number): Promise<BenchDatabase> {
  const last = syntheticProfile(profiles).profile.id;
  if (kind === 'sqlite') {
    const file = join(tmpdir(), `known-bench-lookup-${profiles}.db`);
    let reused = false;
    if (existsSync(file)) {
      const SQLite = (await import('better-sqlite3')).default;
      const probe = new SQLite(file, { readonly: true });
      try {
        reused = !!probe.prepare('SELECT 1 FROM profiles WHERE id = ?').get(last);
      } catch {
        // No profiles table yet: not seeded.
      } finally {
        probe.close();
      }
      if (!reused) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    }
    return { title: 'SQLite', reused, config: { kind, file }, env: { KNOWN_DB: file }, drop: async () => {} };
  }
  if (!pgUrl) throw new Error('PostgreSQL needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const schema = `known_bench_lookup_${profiles}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  let reused = false;
  try {
    const { rowCount } = await admin.query(`SELECT 1 FROM ${schema}.profiles WHERE id = $1`, [last]);
    reused = !!rowCount;
  } catch {
    // No such schema or table yet: not seeded.
  }
  if (!reused) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await admin.end();
  return { ...postgresIn(schema), reused, drop: async () => {} };
}

/** The server's connection to this schema, named after it so that the bench finds its backends' CPU time. */
function postgresIn(schema: string): Omit<BenchDatabase, 'drop'> {
  const url = new URL(pgUrl ?? '');
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', schema);
  return {
    title: 'PostgreSQL',
    applicationName: schema,
    config: { kind: 'postgres', url: url.toString() },
    env: { DATABASE_URL: url.toString() },
  };
}

/** A fresh SQLite file, or a fresh PostgreSQL schema, dropped afterwards. */
async function freshDatabase(kind: 'sqlite' | 'postgres', dir: string, name: string): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    const file = join(dir, `${name}.db`);
    return {
      title: 'SQLite',
      config: { kind, file },
      env: { KNOWN_DB: file },
      drop: async () => rmSync(file, { force: true }),
    };
  }
  if (!pgUrl) throw new Error('PostgreSQL needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const schema = `known_bench_${process.pid}_${name}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  liveSchemas.add(schema);
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await admin.end();
  return { ...postgresIn(schema), drop: () => dropSchema(schema) };
}

function table(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log('');
}

/** SQLite runs inside the server's thread, so its work is already in the server's CPU column. */
const dbCpu = (us: number) => (Number.isNaN(us) ? '—' : us.toFixed(0));

type Measured = Awaited<ReturnType<typeof measured>>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** The median over rounds, and the range of the per-round values after it when they differ. */
function spread(values: number[], digits: number): string {
  const m = median(values).toFixed(digits);
  const [low, high] = [Math.min(...values).toFixed(digits), Math.max(...values).toFixed(digits)];
  return low === high ? m : `${m} (${low}–${high})`;
}

/**
 * One table row from the rounds of one scenario: medians, and its ratios to the bare (and raw SQL) server of
 * the same round. With one round this is that round's figures.
 */
function scenarioRow(title: string, runs: Measured[], bare: Measured[], raw?: Measured[]): string[] {
  const of = (f: (m: Measured) => number) => median(runs.map(f));
  const per = (base: Measured[], f: (m: Measured, b: Measured) => number) =>
    runs.map((m, i) => f(m, base[i] as Measured));
  return [
    title,
    of((m) => m.rps).toFixed(0),
    of((m) => m.p50).toFixed(2),
    of((m) => m.p99).toFixed(2),
    spread(
      per(bare, (m, b) => m.rps / b.rps),
      2,
    ),
    raw
      ? spread(
          per(raw, (m, r) => m.rps / r.rps),
          2,
        )
      : '',
    of((m) => m.cpuUs).toFixed(0),
    dbCpu(of((m) => m.dbCpuUs)),
    spread(
      per(bare, (m, b) => b.cpuUs / m.cpuUs),
      2,
    ),
    String(runs.reduce((sum, m) => sum + m.errors, 0)),
  ];
}

async function benchLookups(db: BenchDatabase, profiles: number, opts: ReturnType<typeof options>) {
  const seeding = openDatabase(db.config);
  const t0 = performance.now();
  await migrateToLatest(seeding.db);
  // Idempotent: on a kept database it changes nothing and returns the same (demo) token.
  const { token } = await seedDemo(seeding.db);
  if (!db.reused) {
    await seedSynthetic(seeding.db, profiles);
    // A freshly bulk-loaded PostgreSQL table has no statistics until autovacuum gets to it, and without them
    // the planner can scan where it should seek; a running production database has them, so the bench does too.
    await sql`ANALYZE`.execute(seeding.db);
  }
  await seeding.close();
  console.log(
    db.reused
      ? `${db.title}: reusing the kept ${profiles}-profile database (BENCH_KEEP=1)`
      : `${db.title}: seeded ${profiles} synthetic profiles in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // The per-agent rate limit guards production against a runaway client; here one token is the whole load.
  const known = await startServer({
    port: 0,
    quiet: true,
    migrate: false,
    database: db.config,
    rateLimitPerMinute: 1e9,
  });
  const bare = await startBare();
  const rawName = db.applicationName && `${db.applicationName}_raw`;
  const raw = await startRawSqlServer(db.config, rawName);
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
  const rows: string[][] = [];
  for (const batch of opts.batches) {
    const bodies = lookupBodies(profiles, batch, 500);
    const spec = {
      method: 'POST' as const,
      headers,
      bodies,
      connections: opts.connections,
      durationMs: opts.durationMs,
      warmupMs: 1000,
    };
    // Rounds alternate the servers, so a slow minute on a shared machine falls on all of them alike.
    const rounds: { b: Measured; r: Measured | undefined; k: Measured }[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      const b = await measured({ ...spec, url: `${bare.url}/v1/lookup` });
      // The raw-SQL server reads one identifier per request: its row is for the ×1 lookup only.
      const r = batch === 1 ? await measured({ ...spec, url: `${raw.url}/v1/lookup` }, rawName) : undefined;
      const k = await measured({ ...spec, url: `${known.url}/v1/lookup` }, db.applicationName);
      rounds.push({ b, r, k });
    }
    const label = `lookup ×${batch}`;
    const bare_ = rounds.map((x) => x.b);
    rows.push(scenarioRow(`bare node:http (${label} body)`, bare_, bare_));
    const raws = rounds.flatMap((x) => x.r ?? []);
    if (raws.length > 0)
      rows.push(scenarioRow(`node:http + one raw SQL read, ${db.title}`, raws, bare_, raws));
    rows.push(
      scenarioRow(
        `Known ${label}, ${db.title}, ${profiles} profiles`,
        rounds.map((x) => x.k),
        bare_,
        raws.length > 0 ? raws : undefined,
      ),
    );
  }
  // One profile read with its whole history, for scale: the sidebar's request.
  if (opts.profileRead) await benchProfileRead(known.url, headers, db, opts, rows);
  await known.close();
  await bare.close();
  await raw.close();
  printLookupTable(rows);
}

async function benchProfileRead(
  url: string,
  headers: Record<string, string>,
  db: BenchDatabase,
  opts: ReturnType<typeof options>,
  rows: string[][],
) {
  const read = await measured(
    {
      method: 'GET',
      headers,
      bodies: [],
      connections: opts.connections,
      durationMs: opts.durationMs,
      warmupMs: 1000,
      url: `${url}/v1/profiles/prf_sofia_reyes`,
    },
    db.applicationName,
  );
  rows.push([
    `Known GET /v1/profiles/{id}, ${db.title}`,
    read.rps.toFixed(0),
    read.p50.toFixed(2),
    read.p99.toFixed(2),
    '',
    '',
    read.cpuUs.toFixed(0),
    dbCpu(read.dbCpuUs),
    '',
    String(read.errors),
  ]);
}

function printLookupTable(rows: string[][]) {
  table(
    [
      'scenario',
      'req/s',
      'p50 ms',
      'p99 ms',
      'ratio vs bare',
      'vs raw SQL',
      'server CPU µs/req',
      'PostgreSQL CPU µs/req',
      'CPU ratio',
      'errors',
    ],
    rows,
  );
}

async function benchImport(db: BenchDatabase, file: string, rows: number) {
  const first = await runImport(file, rows, db.env);
  const again = await runImport(file, rows, db.env);
  table(
    ['import', 'rows', 'seconds', 'rows/s', 'peak RSS MB', 'summary'],
    [
      [
        `${db.title}, fresh`,
        String(rows),
        first.seconds.toFixed(1),
        first.rowsPerSecond.toFixed(0),
        first.peakRssMb.toFixed(0),
        first.summary,
      ],
      [
        `${db.title}, same file again`,
        String(rows),
        again.seconds.toFixed(1),
        again.rowsPerSecond.toFixed(0),
        again.peakRssMb.toFixed(0),
        again.summary,
      ],
    ],
  );
}

async function main() {
  const opts = options();
  const kinds = opts.databases.filter((d) => d === 'sqlite' || pgUrl);
  if (kinds.length < opts.databases.length)
    console.log('PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL\n');
  const dir = mkdtempSync(join(tmpdir(), 'known-bench-'));
  console.log(
    `${opts.connections} keep-alive connections, ${opts.durationMs / 1000} s per run after 1 s warm-up, ` +
      `${opts.rounds} round(s), Node ${process.version}\n`,
  );
  try {
    for (const kind of kinds) {
      // --profiles 0: no lookup bench (e.g. only the import).
      for (const profiles of opts.profiles.filter((p) => p > 0)) {
        const db = KEEP
          ? await keptDatabase(kind, profiles)
          : await freshDatabase(kind, dir, `lookup_${profiles}`);
        try {
          await benchLookups(db, profiles, opts);
        } finally {
          await db.drop();
        }
      }
    }
    if (opts.importRows > 0) {
      const file = join(dir, 'import.jsonl');
      const t0 = performance.now();
      await writeImportFile(file, opts.importRows);
      console.log(
        `generated ${opts.importRows} import rows in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
      );
      for (const kind of kinds) {
        const db = await freshDatabase(kind, dir, 'import');
        try {
          await benchImport(db, file, opts.importRows);
        } finally {
          await db.drop();
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
