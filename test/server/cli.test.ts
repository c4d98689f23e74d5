import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Me } from '../../lib/contract/health.ts';
import { hashToken } from '../../server/auth/tokens.ts';
import { type OpenDatabase, openDatabase } from '../../server/db/open.ts';
import { monthCustomers } from '../../server/seed/attention-month.ts';
import { startServer } from '../../server/start.ts';
import { BACKENDS, type BackendInstance } from './support/backends.ts';
import { runCli } from './support/cli.ts';
import { dumpDatabase } from './support/dump.ts';
import { call, DEMO_TOKEN } from './support/http.ts';

const DEMO_PROFILES = 7 + monthCustomers().length;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`the backend CLI — ${backend.title}`, () => {
    let instance: BackendInstance;
    let direct: OpenDatabase;
    beforeAll(async () => {
      instance = await backend.create();
      direct = openDatabase(instance.database);
    });
    afterAll(async () => {
      await direct?.close();
      await instance?.cleanup();
    });

    it('migrate applies the schema, then reports it up to date', async () => {
      const first = await runCli(['migrate'], instance.env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain('0001_initial');
      const second = await runCli(['migrate'], instance.env);
      expect(second.stdout).toContain('up to date');
      if (instance.database.kind === 'postgres') {
        // The suite's own schema, not public: parallel runs must not share tables.
        const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(direct.db);
        expect(rows[0]?.s).toMatch(/^known_test_/);
      }
    });

    it('seed prints the demo token on its last line, and a second seed changes nothing', async () => {
      const first = await runCli(['seed'], instance.env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.lastLine).toBe(DEMO_TOKEN);
      const before = await dumpDatabase(direct.db);
      // The five stories' seven personas plus the attention month's customers (issue 6).
      expect(before.profiles).toHaveLength(DEMO_PROFILES);
      const second = await runCli(['seed'], instance.env);
      expect(second.code, second.stderr).toBe(0);
      expect(await dumpDatabase(direct.db)).toEqual(before);
    });

    it('stores tokens only as SHA-256 hashes: the plaintext is nowhere in the database', async () => {
      const dump = JSON.stringify(await dumpDatabase(direct.db));
      expect(dump).not.toContain(DEMO_TOKEN);
      expect(dump).toContain(hashToken(DEMO_TOKEN));
    });

    it('token create prints a new token that then works, and stores only its hash', async () => {
      const created = await runCli(
        ['token', 'create', '--name', 'Lena Lead', '--role', 'lead'],
        instance.env,
      );
      expect(created.code, created.stderr).toBe(0);
      const token = created.lastLine;
      expect(token).toMatch(/^known_[A-Za-z0-9_-]{40,}$/);
      expect(JSON.stringify(await dumpDatabase(direct.db))).not.toContain(token);

      const server = await startServer({ port: 0, quiet: true, migrate: false, database: instance.database });
      try {
        const me = await call(server.url, '/v1/me', { token });
        expect(me.status).toBe(200);
        expect(Me.parse(me.body)).toMatchObject({
          agent: { name: 'Lena Lead', role: 'lead' },
          tenant: { id: 'demo' },
        });
        const row = await direct.db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('token_hash', '=', hashToken(token))
          .executeTakeFirstOrThrow();
        expect(row.last_used_at).not.toBeNull();
      } finally {
        await server.close();
      }
    });

    it('seed --synthetic N writes N reproducible profiles, idempotently', async () => {
      const first = await runCli(['seed', '--synthetic', '300'], instance.env);
      expect(first.code, first.stderr).toBe(0);
      const count = async () =>
        Number(
          (
            await direct.db
              .selectFrom('profiles')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count()).toBe(DEMO_PROFILES + 300);
      const before = await dumpDatabase(direct.db);
      await runCli(['seed', '--synthetic', '300'], instance.env);
      expect(await dumpDatabase(direct.db)).toEqual(before);
      const tiers = await direct.db
        .selectFrom('profiles')
        .select(['loyalty_tier_rank as rank', (eb) => eb.fn.countAll().as('n')])
        .where('id', 'like', 'syn_%')
        .groupBy('loyalty_tier_rank')
        .execute();
      const byRank = Object.fromEntries(tiers.map((t) => [String(t.rank), Number(t.n)]));
      // Skewed like a real base: more non-members than members, fewer top-tier than entry-tier members.
      expect(byRank.null ?? 0).toBeGreaterThan(100);
      expect(byRank['1'] ?? 0).toBeLessThan(byRank['4'] ?? 0);
    });
  });
}

describe('the backend CLI, bad usage', () => {
  it('refuses a bad command or flag with usage and exit code 2', async () => {
    const cases = [
      ['frobnicate'],
      [],
      ['token', 'create', '--name', 'x', '--role', 'king'],
      ['token', 'create', '--role', 'agent'],
      ['token', 'destroy'],
      ['seed', '--synthetic', 'lots'],
      ['migrate', '--force'],
    ];
    // Usage errors are caught before the database is opened, so any database will do; run them in parallel.
    const dir = join(tmpdir(), `known-never-opened-${process.pid}`);
    const results = await Promise.all(cases.map((args) => runCli(args, { KNOWN_DB: join(dir, 'known.db') })));
    results.forEach((result, i) => {
      expect(result.code, cases[i]?.join(' ')).toBe(2);
      expect(result.stderr + result.stdout).toContain('Usage: npm run server');
    });
    expect(existsSync(dir)).toBe(false);
  });
});
