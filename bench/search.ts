import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Kysely, Migrator, PostgresAdapter, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../server/db/migrate.ts';
import { migrationProvider } from '../server/db/migrations/index.ts';
import { type DatabaseConfig, openDatabase } from '../server/db/open.ts';
import type { Database } from '../server/db/types.ts';
import { namesByLike, namesContaining, searchProfiles } from '../server/identity/search.ts';
import { seedSynthetic, syntheticProfile } from '../server/seed/synthetic.ts';

// The name search before and after its trigram index (migration 0007), on N synthetic profiles: the same
// database seeded once at migration 0006, measured, then migrated to the latest (building the index) and
// measured again. Each figure is the median of repeated queries, printed next to a raw indexed equality
// query (an e-mail lookup) on the same database as the ratio that carries across machines.
//
//   npm run bench:search -- [--profiles 1000000] [--databases sqlite,postgres]

const { values } = parseArgs({
  options: {
    profiles: { type: 'string', default: '1000000' },
    databases: { type: 'string', default: 'sqlite,postgres' },
    repeat: { type: 'string', default: '15' },
  },
});
const profiles = Number(values.profiles);
const repeat = Number(values.repeat);
if (!Number.isInteger(profiles) || profiles < 1 || !Number.isInteger(repeat) || repeat < 1) {
  console.error('--profiles and --repeat must be positive integers');
  process.exit(2);
}
const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const TENANT = 'demo';

// A full name (~850 of 1M synthetic profiles share each), a last-name part, a string no name contains, and a
// two-character query (no trigram: a scan either way).
const QUERIES = ['Ximena Yilmaz', 'kowals', 'qzxv', 'ox'];

async function median(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm the cache
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

async function equalityMs(db: Kysely<Database>): Promise<number> {
  let i = 0;
  return median(() => {
    i = (i % profiles) + 1;
    const email = syntheticProfile(i).identities[0]?.value ?? '';
    return db
      .selectFrom('identities')
      .select('profile_id')
      .where('tenant_id', '=', TENANT)
      .where('kind', '=', 'email')
      .where('network', '=', '')
      .where('value', '=', email)
      .execute();
  });
}

async function migrateTo(db: Kysely<Database>, name: string) {
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
      : undefined;
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error;
}

async function fresh(kind: 'sqlite' | 'postgres', dir: string) {
  if (kind === 'sqlite') {
    const config: DatabaseConfig = { kind, file: join(dir, 'search.db') };
    return { config, drop: async () => {} };
  }
  if (!pgUrl) throw new Error('PostgreSQL needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const schema = `known_bench_search_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const config: DatabaseConfig = { kind, url: url.toString() };
  const drop = async () => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  };
  // Seeding a million profiles takes a while: an interrupted run still leaves no schema behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void drop().finally(() => process.exit(130));
    });
  }
  return { config, drop };
}

async function benchOne(kind: 'sqlite' | 'postgres', dir: string) {
  const target = await fresh(kind, dir);
  const { db, close } = openDatabase(target.config);
  try {
    await migrateTo(db, '0006_triage_distribution');
    let t0 = performance.now();
    await seedSynthetic(db, profiles);
    await sql`ANALYZE`.execute(db);
    console.log(`${kind}: seeded ${profiles} profiles in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    const before: number[] = [];
    const eqBefore = await equalityMs(db);
    for (const q of QUERIES) before.push(await median(() => namesByLike(db, TENANT, q.toLowerCase())));

    t0 = performance.now();
    await migrateToLatest(db);
    await sql`ANALYZE`.execute(db);
    console.log(`${kind}: built the name index in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    const eqAfter = await equalityMs(db);
    const rows: string[][] = [];
    for (const [i, q] of QUERIES.entries()) {
      const lowered = q.toLowerCase();
      const matches = (await namesContaining(db, TENANT, lowered)).length;
      const after = await median(() => namesContaining(db, TENANT, lowered));
      const whole = await median(() => searchProfiles(db, TENANT, q));
      const b = before[i] ?? Number.NaN;
      rows.push([
        `"${q}"`,
        String(matches),
        b.toFixed(2),
        (b / eqBefore).toFixed(0),
        after.toFixed(2),
        (after / eqAfter).toFixed(0),
        (b / after).toFixed(1),
        whole.toFixed(2),
      ]);
    }
    rows.push(['equality (e-mail)', '1', eqBefore.toFixed(3), '1', eqAfter.toFixed(3), '1', '', '']);
    const head = ['query', 'rows (≤200)', 'scan ms', '×eq', 'index ms', '×eq', 'speed-up', 'whole search ms'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
    console.log(`\n${kind}, ${profiles} profiles, median of ${repeat}`);
    console.log(line(head));
    for (const r of rows) console.log(line(r));
    console.log('');
  } finally {
    await close();
    await target.drop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'known-bench-search-'));
try {
  for (const kind of values.databases.split(',')) {
    if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`unknown database ${kind}`);
    if (kind === 'postgres' && !pgUrl) {
      console.log('PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
      continue;
    }
    await benchOne(kind, dir);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
