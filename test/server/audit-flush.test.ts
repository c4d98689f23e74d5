import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/open.ts';
import { writeAudit } from '../../server/profiles/audit.ts';
import { seedDemo } from '../../server/seed/seed-demo.ts';
import { startServer } from '../../server/start.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';

// Audit rows are written in groups (profiles/audit.ts). These tests make sure grouping never loses one: every
// answered lookup has its row, and rows still queued when the database is closed are written first.

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`audit group commit — ${backend.title}`, () => {
    it('every one of 200 concurrent lookups leaves its audit row, found after the server is closed', async () => {
      const instance = await backend.create();
      try {
        const server = await startServer({ port: 0, quiet: true, seed: true, database: instance.database });
        const ids = Array.from({ length: 200 }, (_, i) => `flush-${i}`);
        let statuses: number[];
        try {
          const replies = await Promise.all(
            ids.map((rid, i) =>
              call(server.url, '/v1/lookup', {
                method: 'POST',
                headers: { 'Request-Id': rid },
                json: {
                  identifiers: [{ kind: 'email', value: i % 2 ? 'sofia.reyes@example.com' : `n${i}@x.io` }],
                },
              }),
            ),
          );
          statuses = replies.map((r) => r.status);
        } finally {
          await server.close();
        }
        expect(statuses.every((s) => s === 200)).toBe(true);
        const check = openDatabase(instance.database);
        try {
          const rows = await check.db
            .selectFrom('audit_log')
            .select('request_id')
            .where('action', '=', 'lookup')
            .where('request_id', 'in', ids)
            .execute();
          expect(new Set(rows.map((r) => r.request_id))).toEqual(new Set(ids));
          expect(rows).toHaveLength(ids.length);
        } finally {
          await check.close();
        }
      } finally {
        await instance.cleanup();
      }
    }, 60_000);

    it('rows still queued when the database is closed are written before it closes', async () => {
      const instance = await backend.create();
      try {
        const open = openDatabase(instance.database);
        await migrateToLatest(open.db);
        await seedDemo(open.db);
        const ids = Array.from({ length: 50 }, (_, i) => `queued-${i}`);
        // Not awaited: close() alone must get them stored.
        const writes = ids.map((rid) =>
          writeAudit(open.db, {
            tenantId: 'demo',
            agentId: 'agt_demo',
            action: 'lookup',
            identityKeys: [`email:${rid}@x.io`],
            profileIds: [],
            requestId: rid,
          }),
        );
        await open.close();
        await Promise.all(writes);
        const check = openDatabase(instance.database);
        try {
          const rows = await check.db
            .selectFrom('audit_log')
            .select('request_id')
            .where('request_id', 'in', ids)
            .execute();
          expect(rows).toHaveLength(ids.length);
        } finally {
          await check.close();
        }
      } finally {
        await instance.cleanup();
      }
    }, 60_000);
  });
}
