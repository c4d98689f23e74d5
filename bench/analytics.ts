import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { DEFAULT_PERCENTILES, DEFAULT_THRESHOLDS } from '../lib/triage/defaults.ts';
import { analyticsWindow, MAX_ENGAGEMENTS_PER_REPORT } from '../server/analytics/analytics-window.ts';
import { attentionReport } from '../server/analytics/attention.ts';
import { overdueItems } from '../server/analytics/overdue.ts';
import { scatter } from '../server/analytics/scatter.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { type DatabaseConfig, openDatabase } from '../server/db/open.ts';
import type { Database } from '../server/db/types.ts';
import { classCountsBeforeAfter } from '../server/triage/class-counts.ts';
import { computeThresholds } from '../server/triage/distribution.ts';

// npm run bench:analytics — the attention report on a big tenant (default 1M profiles, 10M interactions,
// 200k follow-ups; BENCH_PROFILES / BENCH_INTERACTIONS scale it), on SQLite and, when BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set, on PostgreSQL in a schema of its own (dropped after). Printed next to a baseline
// measured in the same run on the same index: a bare COUNT(*) of the window's inbound interactions; then the
// triage cut-offs and settings preview next to a COUNT(*) of the tenant's live profiles. A window over the
// API's engagement cap is only counted (the API refuses it after that count). BENCH_RUNS sets the runs (3).
//
// The data is generated inside the database (a recursive CTE on SQLite, generate_series on PostgreSQL), with
// the secondary indexes dropped during the load and rebuilt after, as a bulk load would. Each customer has
// five conversations a year (an inbound message and, except the last one of every fifth customer, a reply
// 0–48 h later), so the answer columns are what the write path would have stored.
//
// BENCH_KEEP=1 keeps the generated data for the next run, which then skips generation: the SQLite file
// $TMPDIR/known-bench-analytics-<profiles>-<interactions>.db and the PostgreSQL schema
// known_bench_<profiles>_<interactions> (migrations still run, so a new migration is tested on the kept data).
// Without it, the file and the schema are temporary and removed after.

const PROFILES = Number(process.env.BENCH_PROFILES ?? 1_000_000);
const INTERACTIONS = Number(process.env.BENCH_INTERACTIONS ?? 10_000_000);
const TASKS = Math.max(1, Math.round(PROFILES / 5));
const CHUNK = 1_000_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const KEEP = process.env.BENCH_KEEP === '1';
const TENANT = 'bench';
const DAY_S = 86_400;
const NOW = new Date();
const BASE = Math.floor(NOW.getTime() / 1000) - 366 * DAY_S;

type Dialect = 'sqlite' | 'postgres';

const iso = (d: Dialect, secondsExpr: string) =>
  d === 'sqlite'
    ? `strftime('%Y-%m-%dT%H:%M:%fZ', ${BASE} + (${secondsExpr}), 'unixepoch')`
    : `to_char(to_timestamp(${BASE} + (${secondsExpr})) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const series = (d: Dialect, lo: number, hi: number) =>
  d === 'sqlite'
    ? `WITH RECURSIVE n(x) AS (SELECT ${lo} UNION ALL SELECT x + 1 FROM n WHERE x < ${hi - 1}) SELECT x FROM n`
    : `SELECT x::bigint AS x FROM generate_series(${lo}, ${hi - 1}) AS x`;

function interactionsSql(d: Dialect, lo: number, hi: number): string {
  const perProfile = Math.max(2, Math.floor(INTERACTIONS / PROFILES / 2) * 2);
  const slot = Math.floor(365 / (perProfile / 2));
  const t = `(c * ${slot} * ${DAY_S} + ((p * 7919 + c * 104729) % (${Math.max(1, slot - 3)} * ${DAY_S})))`;
  const r = `((p * 31 + c * 17) % 2880)`;
  const last = `(c = ${perProfile / 2 - 1} AND p % 5 = 0)`;
  return `INSERT INTO interactions (id, tenant_id, profile_id, at, channel, direction, summary, case_id, sentiment,
      contact_requested, agent, type, created_at, answered_at, response_minutes, handler)
    SELECT 'i' || x, '${TENANT}', 'p' || p, ${iso(d, `${t} + o * ${r} * 60`)},
      CASE (p + c) % 6 WHEN 0 THEN 'twitter' WHEN 1 THEN 'email' WHEN 2 THEN 'chat' WHEN 3 THEN 'phone'
        WHEN 4 THEN 'instagram' ELSE 'web' END,
      CASE o WHEN 0 THEN 'inbound' ELSE 'outbound' END, 'm', NULL, NULL,
      CASE WHEN o = 0 AND (p * 13 + c) % 20 = 0 THEN 1 ELSE 0 END,
      CASE WHEN o = 1 THEN 'agent-' || ((p + c) % 40) END, 'imported', ${iso(d, '0')},
      CASE WHEN o = 0 AND NOT ${last} THEN ${iso(d, `${t} + ${r} * 60`)} END,
      CASE WHEN o = 0 AND NOT ${last} THEN ${r} END,
      CASE WHEN o = 0 THEN 'agent-' || ((p + (CASE WHEN ${last} THEN c - 1 ELSE c END)) % 40) END
    FROM (SELECT x, x / ${perProfile} AS p, (x % ${perProfile}) / 2 AS c, x % 2 AS o FROM (${series(d, lo, hi)}) s) g
    WHERE p < ${PROFILES} AND NOT (o = 1 AND ${last})`;
}

function profilesSql(d: Dialect, lo: number, hi: number): string {
  return `INSERT INTO profiles (id, tenant_id, external_id, name, loyalty_program, loyalty_tier, loyalty_tier_rank,
      loyalty_points, value_currency, value_lifetime, value_last12m, value_orders_count, pref_notes, created_at,
      updated_at, social_followers)
    SELECT 'p' || x, '${TENANT}', 'E' || x, 'Customer ' || x,
      CASE WHEN x % 10 < 6 THEN 'Club' END,
      CASE x % 10 WHEN 0 THEN 'Platinum' WHEN 1 THEN 'Gold' WHEN 2 THEN 'Gold' WHEN 3 THEN 'Silver'
        WHEN 4 THEN 'Silver' WHEN 5 THEN 'Silver' END,
      CASE x % 10 WHEN 0 THEN 1 WHEN 1 THEN 2 WHEN 2 THEN 2 WHEN 3 THEN 3 WHEN 4 THEN 3 WHEN 5 THEN 3 END,
      CASE WHEN x % 10 < 6 THEN x % 5000 END, 'USD', (x * 7919) % 50000, (x * 104729) % 8000, x % 40,
      '[]', ${iso(d, '0')}, ${iso(d, '0')}, CASE WHEN x % 3 = 0 THEN ${FOLLOWERS} END
    FROM (${series(d, lo, hi)}) s`;
}

// A third of the profiles have one social account with these followers; profiles.social_followers (which
// migration 0008's triggers keep, switched off during the load) is written with the profile.
const FOLLOWERS = 'CASE WHEN x % 97 = 0 THEN 50000 + x % 1000 ELSE (x * 31) % 900 END';

function socialSql(d: Dialect, lo: number, hi: number): string {
  return `INSERT INTO social_accounts (id, tenant_id, profile_id, network, handle, followers, updated_at)
    SELECT 's' || x, '${TENANT}', 'p' || x, 'x', 'h' || x, ${FOLLOWERS}, ${iso(d, '0')}
    FROM (${series(d, lo, hi)}) s WHERE x % 3 = 0`;
}

function tasksSql(d: Dialect, lo: number, hi: number): string {
  const due = `((x * 7919) % (365 * ${DAY_S}))`;
  return `INSERT INTO tasks (id, tenant_id, profile_id, summary, status, created_at, created_by, due_at, assignee_id,
      channel, source_url, snoozed_until, done_at, idempotency_key, updated_at)
    SELECT 't' || x, '${TENANT}', 'p' || ((x * 5) % ${PROFILES}), 'Follow up',
      CASE WHEN x % 3 = 0 THEN 'open' ELSE 'done' END, ${iso(d, `${due} - 86400`)}, 'agent-' || (x % 40),
      ${iso(d, due)}, 'agent-' || (x % 40), 'email', NULL, NULL,
      CASE x % 3 WHEN 1 THEN ${iso(d, `${due} - 3600`)} WHEN 2 THEN ${iso(d, `${due} + 86400`)} END, NULL,
      ${iso(d, '0')}
    FROM (${series(d, lo, hi)}) s`;
}

interface Loader {
  exec(text: string): Promise<void>;
  indexes(tables: string[]): Promise<{ name: string; create: string }[]>;
  /** Triggers that a bulk load must not fire (PostgreSQL's replica mode skips them already). */
  triggers(tables: string[]): Promise<{ name: string; create: string }[]>;
}

async function load(dialect: Dialect, loader: Loader, log: (s: string) => void): Promise<void> {
  const tables = ['interactions', 'profiles', 'social_accounts', 'tasks'];
  const indexes = await loader.indexes(tables);
  for (const i of indexes) await loader.exec(`DROP INDEX ${i.name}`);
  const triggers = await loader.triggers(['social_accounts']);
  for (const t of triggers) await loader.exec(`DROP TRIGGER ${t.name}`);
  const agents = Array.from(
    { length: 40 },
    (_, i) =>
      `('agent-${i}', '${TENANT}', 'Agent ${i}', 'agent', '${NOW.toISOString()}', '${i < 20 ? 'A' : 'B'}')`,
  );
  await loader.exec(
    `INSERT INTO agents (id, tenant_id, name, role, created_at, team) VALUES ${agents.join(', ')}`,
  );
  const steps: [string, number, (d: Dialect, lo: number, hi: number) => string][] = [
    ['profiles', PROFILES, profilesSql],
    ['social accounts', PROFILES, socialSql],
    ['interactions', INTERACTIONS, interactionsSql],
    ['tasks', TASKS, tasksSql],
  ];
  for (const [what, total, make] of steps) {
    const started = performance.now();
    for (let lo = 0; lo < total; lo += CHUNK) {
      await loader.exec(make(dialect, lo, Math.min(total, lo + CHUNK)));
      process.stderr.write(
        `\r${dialect}: ${what} ${Math.min(total, lo + CHUNK).toLocaleString()}/${total.toLocaleString()}`,
      );
    }
    process.stderr.write('\n');
    log(`${dialect}: wrote ${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const started = performance.now();
  for (const i of indexes) await loader.exec(i.create);
  for (const t of triggers) await loader.exec(t.create);
  log(
    `${dialect}: rebuilt ${indexes.length} indexes in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  // Written last (foreign keys are off during the load): a kept database that has the tenant is complete.
  await loader.exec(
    `INSERT INTO tenants (id, name, created_at) VALUES ('${TENANT}', 'Bench', '${NOW.toISOString()}')`,
  );
}

const COMPLETE = `SELECT 1 FROM tenants WHERE id = '${TENANT}'`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const times: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    value = await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] as number, value: value as T };
}

async function measure(dialect: Dialect, db: Kysely<Database>, log: (s: string) => void): Promise<void> {
  // The data is laid out relative to when it was generated (the tenant's created_at), possibly a kept run ago.
  const tenant = await db
    .selectFrom('tenants')
    .select('created_at')
    .where('id', '=', TENANT)
    .executeTakeFirst();
  const now = new Date(tenant?.created_at ?? Date.now());
  for (const days of [30, 365]) {
    const w = await analyticsWindow(
      db,
      TENANT,
      { from: new Date(now.getTime() - days * DAY_S * 1000).toISOString(), to: now.toISOString() },
      now,
    );
    const baseline = await timed(async () => {
      const { rows } = await sql<{ n: number | string }>`
        SELECT count(*) AS n FROM interactions i
        WHERE i.tenant_id = ${TENANT} AND i.direction = 'inbound' AND i.at >= ${w.from} AND i.at < ${w.to}`.execute(
        db,
      );
      return Number(rows[0]?.n ?? 0);
    });
    const ratio = (ms: number) => `${(ms / baseline.ms).toFixed(1)}×`;
    if (baseline.value > MAX_ENGAGEMENTS_PER_REPORT) {
      // What the API answers: the count, then 400 window_too_large; the report itself never runs.
      log(
        `${dialect} ${String(days).padStart(3)}-day window: ${baseline.value.toLocaleString()} engagements; ` +
          `COUNT(*) baseline ${baseline.ms.toFixed(0)} ms; the API answers 400 window_too_large (more than ` +
          `${MAX_ENGAGEMENTS_PER_REPORT.toLocaleString()} engagements) after that count`,
      );
      continue;
    }
    const report = await timed(() => attentionReport(db, TENANT, w, DEFAULT_THRESHOLDS, now));
    const teamW = await analyticsWindow(db, TENANT, { from: w.from, to: w.to, team: 'A' }, now);
    const team = await timed(() => attentionReport(db, TENANT, teamW, DEFAULT_THRESHOLDS, now));
    const points = await timed(() => scatter(db, TENANT, w, DEFAULT_THRESHOLDS, 2000));
    const overdue = await timed(() => overdueItems(db, TENANT, w, { windowed: false, limit: 50, now: now }));
    log(
      `${dialect} ${String(days).padStart(3)}-day window: ${baseline.value.toLocaleString()} engagements; ` +
        `COUNT(*) baseline ${baseline.ms.toFixed(0)} ms; attention ${report.ms.toFixed(0)} ms (${ratio(report.ms)}); ` +
        `team=A ${team.ms.toFixed(0)} ms (${ratio(team.ms)}); scatter ${points.ms.toFixed(0)} ms (${ratio(points.ms)}); ` +
        `overdue page ${overdue.ms.toFixed(0)} ms`,
    );
    if (report.value.totals.engagements !== baseline.value) {
      throw new Error(`the report counted ${report.value.totals.engagements}, COUNT(*) ${baseline.value}`);
    }
  }
  await measureTriage(dialect, db, log);
}

/** The triage cut-offs and the settings preview over the whole tenant, next to a COUNT(*) of its live profiles. */
async function measureTriage(dialect: Dialect, db: Kysely<Database>, log: (s: string) => void) {
  const baseline = await timed(async () => {
    const { rows } = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM profiles WHERE tenant_id = ${TENANT} AND merged_into IS NULL`.execute(db);
    return Number(rows[0]?.n ?? 0);
  });
  const cutoffs = await timed(() => computeThresholds(db, TENANT, DEFAULT_PERCENTILES));
  const preview = await timed(() =>
    classCountsBeforeAfter(db, TENANT, DEFAULT_THRESHOLDS, cutoffs.value.thresholds),
  );
  const ratio = (ms: number) => `${(ms / baseline.ms).toFixed(1)}×`;
  log(
    `${dialect} triage: ${baseline.value.toLocaleString()} live profiles; COUNT(*) baseline ${baseline.ms.toFixed(0)} ms; ` +
      `cut-offs ${cutoffs.ms.toFixed(0)} ms (${ratio(cutoffs.ms)}); settings preview ${preview.ms.toFixed(0)} ms (${ratio(preview.ms)}); ` +
      `big reach ${cutoffs.value.thresholds.bigReach}, after: ${JSON.stringify(preview.value.after)}`,
  );
}

async function onSqlite(log: (s: string) => void): Promise<void> {
  const dir = KEEP ? tmpdir() : mkdtempSync(join(tmpdir(), 'known-bench-analytics-'));
  const file = join(dir, KEEP ? `known-bench-analytics-${PROFILES}-${INTERACTIONS}.db` : 'bench.db');
  try {
    const config: DatabaseConfig = { kind: 'sqlite', file };
    if (KEEP && existsSync(file)) {
      const SQLite = (await import('better-sqlite3')).default;
      const raw = new SQLite(file);
      const complete = (() => {
        try {
          return raw.prepare(COMPLETE).get() !== undefined;
        } catch {
          return false;
        }
      })();
      raw.close();
      if (!complete) rmSync(file, { force: true });
    }
    const reuse = existsSync(file);
    const first = openDatabase(config);
    await migrateToLatest(first.db);
    await first.close();
    if (reuse) {
      log(`sqlite: reusing ${file} (BENCH_KEEP=1)`);
      await measureSqlite(config, file, log);
      return;
    }
    const SQLite = (await import('better-sqlite3')).default;
    const raw = new SQLite(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = OFF');
    raw.pragma('cache_size = -262144');
    // better-sqlite3 turns foreign keys on; a bulk load of rows generated consistent skips the checks.
    raw.pragma('foreign_keys = OFF');
    await load(
      'sqlite',
      {
        exec: async (text) => {
          raw.exec(text);
        },
        indexes: async (tables) =>
          (
            raw
              .prepare(
                `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map((t) => `'${t}'`).join(', ')})`,
              )
              .all() as { name: string; sql: string }[]
          ).map((r) => ({ name: r.name, create: r.sql })),
        triggers: async (tables) =>
          (
            raw
              .prepare(
                `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${tables.map((t) => `'${t}'`).join(', ')})`,
              )
              .all() as { name: string; sql: string }[]
          ).map((r) => ({ name: r.name, create: r.sql })),
      },
      log,
    );
    raw.exec('ANALYZE');
    raw.close();
    await measureSqlite(config, file, log);
  } finally {
    if (KEEP) log(`sqlite: kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function measureSqlite(config: DatabaseConfig, file: string, log: (s: string) => void): Promise<void> {
  log(`sqlite: database file ${(statSync(file).size / 1e9).toFixed(2)} GB`);
  const database = openDatabase(config);
  try {
    await measure('sqlite', database.db, log);
  } finally {
    await database.close();
  }
}

async function onPostgres(url: string, log: (s: string) => void): Promise<void> {
  const schema = KEEP
    ? `known_bench_${PROFILES}_${INTERACTIONS}`
    : `known_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const reuse =
    KEEP &&
    (await admin
      .query(COMPLETE.replace('FROM tenants', `FROM ${schema}.tenants`))
      .then((r) => r.rows.length > 0)
      .catch(() => false));
  if (reuse) log(`postgres: reusing schema ${schema} (BENCH_KEEP=1)`);
  else {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`CREATE SCHEMA ${schema}`);
  }
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  try {
    const database = openDatabase({ kind: 'postgres', url: scoped.toString() });
    try {
      await migrateToLatest(database.db);
      if (reuse) {
        await measure('postgres', database.db, log);
        return;
      }
      await admin.query(`SET search_path = ${schema}`);
      // Foreign keys are checked by triggers; a bulk load of rows generated consistent skips them.
      await admin.query(`SET session_replication_role = replica`);
      await load(
        'postgres',
        {
          exec: async (text) => {
            await admin.query(text);
          },
          indexes: async (tables) =>
            (
              await admin.query<{ indexname: string; indexdef: string }>(
                `SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = $1 AND i.tablename = ANY($2)
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
                [schema, tables],
              )
            ).rows.map((r) => ({ name: r.indexname, create: r.indexdef })),
          triggers: async () => [],
        },
        log,
      );
      await admin.query('SET session_replication_role = DEFAULT');
      // VACUUM sets the visibility map, without which PostgreSQL cannot answer from the covering index alone.
      await admin.query('VACUUM ANALYZE');
      await measure('postgres', database.db, log);
    } finally {
      await database.close();
    }
  } finally {
    if (KEEP) log(`postgres: kept schema ${schema}`);
    else await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

async function main() {
  const lines: string[] = [];
  const log = (s: string) => {
    lines.push(s);
    console.log(s);
  };
  log(
    `attention analytics bench: ${PROFILES.toLocaleString()} profiles, ~${INTERACTIONS.toLocaleString()} interactions, ` +
      `${TASKS.toLocaleString()} follow-ups; median of ${RUNS} runs`,
  );
  if (process.env.BENCH_SKIP_SQLITE !== '1') await onSqlite(log);
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) await onPostgres(url, log);
  else log('postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
