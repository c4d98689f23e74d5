import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { migrateToLatest } from '../server/db/migrate.ts';
import { openDatabase } from '../server/db/open.ts';
import { seedDemo } from '../server/seed/seed-demo.ts';
import { seedSynthetic, syntheticProfile } from '../server/seed/synthetic.ts';
import { startServer } from '../server/start.ts';
import type { LoadResult, LoadSpec } from './load-worker.ts';

// Lookup throughput and latency over real HTTP against a seeded SQLite file, next to a bare node:http server
// answering a constant JSON body on the same machine in the same run: the ratio is what carries across
// machines, not the absolute numbers.

const USAGE = 'Usage: npm run bench -- [--profiles N=10000] [--duration SECONDS=5] [--connections C=32]';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        profiles: { type: 'string', default: '10000' },
        duration: { type: 'string', default: '5' },
        connections: { type: 'string', default: '32' },
      },
      strict: true,
    });
    const n = (v: string, name: string, max: number) => {
      const x = Number(v);
      if (!Number.isInteger(x) || x < 1 || x > max)
        throw new Error(`--${name} must be an integer in 1..${max}`);
      return x;
    };
    return {
      profiles: n(values.profiles, 'profiles', 2_000_000),
      durationMs: n(values.duration, 'duration', 600) * 1000,
      connections: n(values.connections, 'connections', 1024),
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

async function main() {
  const opts = options();
  const dir = mkdtempSync(join(tmpdir(), 'known-bench-'));
  const database = { kind: 'sqlite' as const, file: join(dir, 'bench.db') };
  try {
    const seeding = openDatabase(database);
    const t0 = performance.now();
    await migrateToLatest(seeding.db);
    const { token } = await seedDemo(seeding.db);
    await seedSynthetic(seeding.db, opts.profiles);
    await seeding.close();
    console.log(
      `seeded ${opts.profiles} synthetic profiles in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const known = await startServer({ port: 0, quiet: true, migrate: false, database });
    const bare = await startBare();
    console.log(
      `${opts.connections} keep-alive connections, ${opts.durationMs / 1000} s per run after 1 s warm-up, ` +
        `Node ${process.version}\n`,
    );

    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
    const rows: string[][] = [];
    for (const batch of [1, 50]) {
      const bodies = lookupBodies(opts.profiles, batch, 500);
      const spec = {
        method: 'POST' as const,
        headers,
        bodies,
        connections: opts.connections,
        durationMs: opts.durationMs,
        warmupMs: 1000,
      };
      const b = summarise(await load({ ...spec, url: `${bare.url}/v1/lookup` }));
      const k = summarise(await load({ ...spec, url: `${known.url}/v1/lookup` }));
      const label = `lookup ×${batch}`;
      rows.push([
        `bare node:http (${label} body)`,
        b.rps.toFixed(0),
        b.p50.toFixed(2),
        b.p99.toFixed(2),
        '1.00',
        String(b.errors),
      ]);
      rows.push([
        `Known ${label}`,
        k.rps.toFixed(0),
        k.p50.toFixed(2),
        k.p99.toFixed(2),
        (k.rps / b.rps).toFixed(2),
        String(k.errors),
      ]);
    }
    await known.close();
    await bare.close();

    const head = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'ratio vs bare', 'errors'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
    console.log(line(head));
    for (const r of rows) console.log(line(r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
