import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { writeImportFile } from '../../bench/import-file.ts';
import { ImportReport } from '../../lib/contract/import-row.ts';
import { LookupResponse } from '../../lib/contract/lookup.ts';
import { ProfileDetail } from '../../lib/contract/profile.ts';
import { createAgentToken } from '../../server/auth/tokens.ts';
import { openDatabase } from '../../server/db/open.ts';
import { BACKENDS } from './support/backends.ts';
import { runCli } from './support/cli.ts';
import { dumpProfiles } from './support/dump-history.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'test/fixtures/import');
const fixture = (name: string) => join(FIXTURES, name);

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`import (CLI and POST /v1/import) — ${backend.title}`, () => {
    const ctx = useServer(backend);
    const dir = mkdtempSync(join(tmpdir(), 'known-import-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const post = (body: string, contentType: string, token?: string) =>
      call(ctx.url, '/v1/import', {
        method: 'POST',
        headers: { 'Content-Type': contentType },
        body,
        ...(token ? { token } : {}),
      });

    const lookup = async (identifiers: unknown[]) =>
      LookupResponse.parse(
        (await call(ctx.url, '/v1/lookup', { method: 'POST', json: { identifiers } })).body,
      ).results;

    it('imports JSON Lines from the CLI: profiles, normalised identities, history', async () => {
      const result = await runCli(['import', fixture('customers.jsonl'), '--quiet'], ctx.backend.env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.lastLine).toBe('read 3, created 3, updated 0, unchanged 0, rejected 0');
      const [ana, ben, chen] = await lookup([
        { kind: 'loyalty', value: 'LC1001001' },
        { kind: 'order', value: 'ord 55 01' },
        { kind: 'handle', network: 'instagram', value: '@ChenWu.Photos' },
      ]);
      expect([ana?.status, ben?.status, chen?.status]).toEqual(['matched', 'matched', 'matched']);
      if (ana?.status !== 'matched') throw new Error('unreachable');
      const detail = ProfileDetail.parse((await call(ctx.url, `/v1/profiles/${ana.profile.id}`)).body);
      expect(detail).toMatchObject({
        externalId: 'CU-1001',
        loyalty: { tier: 'Silver', tierRank: 3, tierExpiresAt: '2027-01-31' },
        ordersCount: 12,
        lastOrderAt: '2026-10-02T10:00:00.000Z',
        preferences: { channel: 'email', language: 'pt', notes: ['quiet room'] },
        social: [{ network: 'x', handle: 'analima', followers: 310 }],
      });
      // Times with an offset are stored in UTC, so the timeline orders them right (11:00+02:00 is 09:00Z).
      expect(detail.interactions?.map((i) => i.at)).toEqual([
        '2026-10-03T09:00:00.000Z',
        '2026-10-03T09:00:00.000Z',
      ]);
      expect(detail.openLoops?.[0]).toMatchObject({ kind: 'broken_promise', caseId: 'C-9001' });
    });

    it('imports the flat CSV over HTTP, and re-importing either file changes nothing', async () => {
      const csv = readFileSync(fixture('customers.csv'), 'utf8');
      const first = await post(csv, 'text/csv');
      expect(first.status, first.text).toBe(200);
      expect(ImportReport.parse(first.body)).toEqual({
        read: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
        rejected: [],
      });
      const [dana, eli] = await lookup([
        { kind: 'handle', network: 'x', value: 'danaruiz' },
        { kind: 'handle', network: 'instagram', value: 'eli.park' },
      ]);
      expect(dana).toMatchObject({
        status: 'matched',
        profile: {
          name: 'Dana Ruiz',
          tier: { name: 'Gold', rank: 2 },
          value: { lifetime: 30100.5 },
          reach: { followers: 980 },
        },
      });
      expect(eli).toMatchObject({
        status: 'matched',
        profile: { name: 'Eli "E" Park', value: { currency: 'EUR' } },
      });

      const before = await dumpProfiles(ctx.db);
      expect(ImportReport.parse((await post(csv, 'text/csv')).body)).toMatchObject({
        read: 3,
        unchanged: 3,
        created: 0,
        updated: 0,
      });
      const again = await runCli(['import', fixture('customers.jsonl'), '--quiet'], ctx.backend.env);
      expect(again.lastLine).toBe('read 3, created 0, updated 0, unchanged 3, rejected 0');
      expect(await dumpProfiles(ctx.db)).toEqual(before);
    });

    it('a changed row updates its profile and replaces its imported history', async () => {
      const rows = readFileSync(fixture('customers.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim());
      const ana = JSON.parse(rows[0] ?? '{}');
      ana.loyalty.tier = 'Gold';
      ana.loyalty.tierRank = 2;
      ana.interactions = ana.interactions.slice(0, 1);
      ana.social[0].followers = 311;
      const reply = await post([JSON.stringify(ana), rows[1], rows[2]].join('\n'), 'application/x-ndjson');
      expect(ImportReport.parse(reply.body)).toMatchObject({ read: 3, updated: 1, unchanged: 2, created: 0 });
      const [found] = await lookup([{ kind: 'email', value: 'ana.lima@example.com' }]);
      expect(found).toMatchObject({
        status: 'matched',
        profile: { tier: { name: 'Gold' }, reach: { followers: 311 } },
      });
      if (found?.status !== 'matched') throw new Error('unreachable');
      const detail = ProfileDetail.parse((await call(ctx.url, `/v1/profiles/${found.profile.id}`)).body);
      expect(detail.interactions).toHaveLength(1);
      expect(detail.identities).toHaveLength(3);
    });

    it('reports every bad row with its line, field and reason; the good rows land', async () => {
      const reply = await post(readFileSync(fixture('mixed.jsonl'), 'utf8'), 'application/x-ndjson');
      const report = ImportReport.parse(reply.body);
      expect(report).toMatchObject({ read: 10, created: 2 });
      expect(report.rejected.map((r) => [r.line, r.field])).toEqual([
        [2, 'interactions[0].at'],
        [3, 'identities[0].kind'],
        [4, 'row'],
        [6, 'identities[0]'],
        [7, 'identities[0]'],
        [8, 'externalId'],
        [9, 'row'],
        [10, 'loyalty.tierRank'],
      ]);
      const reasons = Object.fromEntries(report.rejected.map((r) => [r.line, r.reason]));
      expect(reasons[2]).toContain('ISO-8601');
      expect(reasons[3]).toContain('email, handle, loyalty, order');
      expect(reasons[4]).toContain('not valid JSON');
      // An identifier linked to another profile is never moved: the row is refused, naming the holder.
      expect(reasons[6]).toContain('externalId MX-5');
      expect(reasons[7]).toContain('externalId SK-204816');
      expect(reasons[8]).toBe('required');
      expect(reasons[10]).toContain('at least 1');
      const [one, two] = await lookup([
        { kind: 'email', value: 'good.one@example.com' },
        { kind: 'email', value: 'sofia.reyes@example.com' },
      ]);
      expect(one?.status).toBe('matched');
      expect(two).toMatchObject({ status: 'matched', profile: { id: 'prf_sofia_reyes' } });
      const cli = await runCli(['import', fixture('mixed.jsonl'), '--quiet'], ctx.backend.env);
      expect(cli.code).toBe(0);
      expect(cli.lastLine).toBe('read 10, created 0, updated 0, unchanged 2, rejected 8');
      expect(cli.stderr).toContain(
        'line 7: identities[0]: this email is already linked to another profile (externalId SK-204816)',
      );
    });

    it('names the CSV column of a bad cell', async () => {
      const report = ImportReport.parse(
        (await post(readFileSync(fixture('mixed.csv'), 'utf8'), 'text/csv')).body,
      );
      expect(report).toMatchObject({ read: 4, created: 1 });
      expect(report.rejected.map((r) => [r.line, r.field])).toEqual([
        [3, 'tier_rank'],
        [4, 'row'],
        [5, 'tier'],
      ]);
    });

    it('refuses what it cannot read at all: 400, 413, 415, 403 for non-admins; the CLI exits 1', async () => {
      const unknown = await post('externalId,name,shoe_size\nX,Y,42\n', 'text/csv');
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({
        error: { code: 'bad_request', message: expect.stringContaining('shoe_size') },
      });
      expect((await post('{}', 'application/json')).status).toBe(415);
      const big = await post('x'.repeat(50 * 1024 * 1024 + 1), 'application/x-ndjson');
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ error: { message: expect.stringContaining('50 MB') } });
      const { token } = await createAgentToken(ctx.db, {
        tenantId: 'demo',
        agentName: 'Plain Agent',
        role: 'agent',
      });
      const forbidden = await post('', 'application/x-ndjson', token);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toMatchObject({ error: { code: 'forbidden' } });

      const missing = await runCli(['import', join(dir, 'nope.jsonl')], ctx.backend.env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('ENOENT');
      const noFormat = await runCli(['import', fixture('../import')], ctx.backend.env);
      expect(noFormat.code).toBe(1);
    });

    if (backend.title === 'PostgreSQL')
      it('analyses the tables it reads as a big import grows them (PostgreSQL plans those reads from statistics)', {
        timeout: 120_000,
      }, async () => {
        const file = join(dir, 'two-thousand.jsonl');
        await writeImportFile(file, 2_000);
        const result = await runCli(['import', file, '--quiet'], ctx.backend.env);
        expect(result.code).toBe(0);
        const { rows } = await sql<{ relname: string; analyzed: boolean }>`
          SELECT relname, last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables
          WHERE schemaname = current_schema() AND relname IN ('profiles', 'identities', 'cases', 'items')
          ORDER BY relname`.execute(ctx.db);
        expect(rows).toEqual(
          ['cases', 'identities', 'items', 'profiles'].map((relname) => ({ relname, analyzed: true })),
        );
      });

    it('a kill mid-import then a re-run equals one clean import', { timeout: 300_000 }, async () => {
      const file = join(dir, 'big.jsonl');
      await writeImportFile(file, 20_000);
      const victim = await backend.create();
      const clean = await backend.create();
      try {
        // Killed with SIGKILL once some batches have landed: no handler runs, like a crash or an OOM kill.
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'server/cli.ts', 'import', file, '--tenant', 't'],
          {
            cwd: ROOT,
            env: { ...withoutDb(process.env), ...victim.env },
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        let stderr = '';
        child.stderr?.on('data', (d) => {
          stderr += d;
        });
        // Listened for at once: an import that ends by itself must not leave the test waiting for an exit.
        let exitCode: number | null | undefined;
        const exited = new Promise<void>((r) =>
          child.once('exit', (code) => {
            exitCode = code;
            r();
          }),
        );
        const direct = openDatabase(victim.database);
        try {
          let landed = 0;
          for (let i = 0; i < 600 && landed < 2_000 && exitCode === undefined; i++) {
            await new Promise((r) => setTimeout(r, 50));
            landed = await countProfiles(direct.db);
          }
          expect(exitCode, `the import ended before it was killed: ${stderr.slice(-300)}`).toBeUndefined();
          child.kill('SIGKILL');
          await exited;
          const partial = await countProfiles(direct.db);
          expect(partial).toBeGreaterThan(0);
          expect(partial).toBeLessThan(20_000);

          const rerun = await runCli(['import', file, '--tenant', 't', '--quiet'], victim.env);
          expect(rerun.code, rerun.stderr).toBe(0);
          expect(rerun.lastLine).toMatch(/^read 20000, created \d+, updated 0, unchanged \d+, rejected 0$/);
          const once = await runCli(['import', file, '--tenant', 't', '--quiet'], clean.env);
          expect(once.lastLine).toBe('read 20000, created 20000, updated 0, unchanged 0, rejected 0');

          const cleanDb = openDatabase(clean.database);
          try {
            expect(await dumpProfiles(direct.db, { withWriteTimes: false })).toEqual(
              await dumpProfiles(cleanDb.db, { withWriteTimes: false }),
            );
          } finally {
            await cleanDb.close();
          }
        } finally {
          await direct.close();
        }
      } finally {
        await victim.cleanup();
        await clean.cleanup();
      }
    });
  });
}

function withoutDb(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _a, KNOWN_DB: _b, ...rest } = env;
  return rest;
}

async function countProfiles(db: ReturnType<typeof openDatabase>['db']): Promise<number> {
  try {
    const row = await db
      .selectFrom('profiles')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } catch {
    return 0; // the CLI has not created the tables yet
  }
}
