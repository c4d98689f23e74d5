import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Task } from '../../lib/contract/tasks.ts';
import { type OpenDatabase, openDatabase } from '../../server/db/open.ts';
import { type RunningServer, startServer } from '../../server/start.ts';
import { BACKENDS, type BackendInstance } from './support/backends.ts';
import { call } from './support/http.ts';

// The fault case: two API nodes serving one database, a client retrying the same Idempotency-Key
// concurrently against both. Two independent servers (each with its own connection pool) share the database
// here; the unique index is what must settle the race.

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`two servers, one database: concurrent retries — ${backend.title}`, () => {
    let instance: BackendInstance;
    let servers: RunningServer[] = [];
    let direct: OpenDatabase;

    beforeAll(async () => {
      instance = await backend.create();
      const first = await startServer({ port: 0, quiet: true, seed: true, database: instance.database });
      const second = await startServer({ port: 0, quiet: true, migrate: false, database: instance.database });
      servers = [first, second];
      direct = openDatabase(instance.database);
    });
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.close()));
      await direct?.close();
      await instance?.cleanup();
    });

    it('20 concurrent retries of one key across both servers create exactly one task', async () => {
      for (let round = 0; round < 3; round++) {
        const key = randomUUID();
        const body = { profileId: 'prf_sofia_reyes', summary: `Call about XX123 (round ${round})` };
        const replies = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            call(servers[i % 2]?.url ?? '', '/v1/tasks', {
              method: 'POST',
              json: body,
              headers: { 'Idempotency-Key': key },
            }),
          ),
        );
        const statuses = replies.map((r) => r.status);
        expect(
          statuses.filter((s) => s === 201),
          statuses.join(','),
        ).toHaveLength(1);
        expect(statuses.filter((s) => s === 200)).toHaveLength(19);
        const ids = new Set(replies.map((r) => Task.parse(r.body).id));
        expect(ids.size).toBe(1);
        const rows = await direct.db
          .selectFrom('tasks')
          .select('id')
          .where('idempotency_key', '=', key)
          .execute();
        expect(rows).toHaveLength(1);
        const audits = await direct.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'task.create')
          .execute();
        expect(audits).toHaveLength(round + 1);
      }
    });

    it('concurrent links of one handle to two profiles: one wins, the other gets 409 naming the winner', async () => {
      const identifier = { kind: 'handle', network: 'threads', value: `race_${randomUUID().slice(0, 8)}` };
      const targets = ['prf_john_carter', 'prf_mary_okafor'];
      const replies = await Promise.all(
        targets.map((profileId, i) =>
          call(servers[i]?.url ?? '', `/v1/profiles/${profileId}/identities`, {
            method: 'POST',
            json: { identifier, evidence: 'https://threads.net/x' },
          }),
        ),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
      const rows = await direct.db
        .selectFrom('identities')
        .select('profile_id')
        .where('value', '=', identifier.value)
        .execute();
      expect(rows).toHaveLength(1);
      const loser = replies.find((r) => r.status === 409);
      expect(loser?.text).toContain(rows[0]?.profile_id);
    });
  });
}
