import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../server/db/migrations/index.ts';
import { type OpenDatabase, openDatabase } from '../../server/db/open.ts';
import { BACKENDS, type BackendInstance } from './support/backends.ts';
import { runCli } from './support/cli.ts';

// Migration 0005 backfills the answer columns of interactions stored before it; `token create --team` sets
// the agent's team that the analytics filter by.

const T0 = Date.parse('2026-10-01T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`analytics migration and CLI — ${backend.title}`, () => {
    let instance: BackendInstance;
    let open: OpenDatabase;
    beforeAll(async () => {
      instance = await backend.create();
      open = openDatabase(instance.database);
    });
    afterAll(async () => {
      await open?.close();
      await instance?.cleanup();
    });

    it('0005 backfills answered_at, response_minutes and handler from the timelines already stored', async () => {
      // PostgreSQL: Kysely's bookkeeping tables in the suite's own schema, as server/db/migrate.ts arranges.
      const schema =
        instance.database.kind === 'postgres'
          ? (await sql<{ s: string }>`select current_schema() as s`.execute(open.db)).rows[0]?.s
          : undefined;
      const migrator = new Migrator({
        db: open.db,
        provider: migrationProvider,
        ...(schema ? { migrationTableSchema: schema } : {}),
      });
      const { error } = await migrator.migrateTo('0004_identity_tasks_extra');
      expect(error).toBeUndefined();
      // biome-ignore lint/suspicious/noExplicitAny: the schema before 0005 is not today's Database type.
      const db = open.db as any;
      const now = new Date().toISOString();
      await db.insertInto('tenants').values({ id: 't1', name: 'T1', created_at: now }).execute();
      await db
        .insertInto('profiles')
        .values({ id: 'p1', tenant_id: 't1', name: 'P1', pref_notes: '[]', created_at: now, updated_at: now })
        .execute();
      const row = (id: string, minutes: number, direction: string, agent: string | null = null) => ({
        id,
        tenant_id: 't1',
        profile_id: 'p1',
        at: at(minutes),
        channel: 'email',
        direction,
        summary: id,
        contact_requested: 0,
        agent,
        created_at: now,
      });
      await db
        .insertInto('interactions')
        .values([
          row('in1', 0, 'inbound'),
          row('in2', 30, 'inbound'),
          row('out1', 90, 'outbound', 'ana'),
          row('note', 100, 'internal', 'ben'),
          row('in3', 200, 'inbound'),
          row('out2', 200, 'outbound', 'ben'),
          row('in4', 300, 'inbound'),
        ])
        .execute();
      const latest = await migrator.migrateToLatest();
      expect(latest.error).toBeUndefined();
      const rows = await open.db
        .selectFrom('interactions')
        .select(['id', 'answered_at', 'response_minutes', 'handler'])
        .where('direction', '=', 'inbound')
        .orderBy('id')
        .execute();
      expect(
        rows.map((r) => ({
          ...r,
          response_minutes: r.response_minutes === null ? null : Number(r.response_minutes),
        })),
      ).toEqual([
        // Both earlier messages are answered by the first reply after them.
        { id: 'in1', answered_at: at(90), response_minutes: 90, handler: 'ana' },
        { id: 'in2', answered_at: at(90), response_minutes: 60, handler: 'ana' },
        // A reply at the same instant does not answer it (strictly after, as the open loops count).
        { id: 'in3', answered_at: null, response_minutes: null, handler: 'ben' },
        { id: 'in4', answered_at: null, response_minutes: null, handler: 'ben' },
      ]);
    });

    it('token create --team puts the new agent in that team', async () => {
      const created = await runCli(
        ['token', 'create', '--name', 'Tina', '--role', 'lead', '--team', 'Care'],
        instance.env,
      );
      expect(created.code, created.stderr).toBe(0);
      expect(created.stderr).toContain('in team Care');
      const agent = await open.db
        .selectFrom('agents')
        .select(['name', 'role', 'team'])
        .where('name', '=', 'Tina')
        .executeTakeFirstOrThrow();
      expect(agent).toEqual({ name: 'Tina', role: 'lead', team: 'Care' });
      const refused = await runCli(['token', 'create', '--name', 'X', '--team', ''], instance.env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/--team must be/);
    });
  });
}
