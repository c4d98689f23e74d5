import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Identifier } from '../../lib/contract/identifier.ts';
import { LookupResponse } from '../../lib/contract/lookup.ts';
import { normalizeIdentifier } from '../../lib/contract/normalize.ts';
import type { Database } from '../../server/db/types.ts';
import type { FoundProfiles } from '../../server/lookup-fast/found-profiles.ts';
import { postgresFindProfiles } from '../../server/lookup-fast/postgres-batch.ts';
import { postgresReadProfiles } from '../../server/lookup-fast/postgres-lookup.ts';
import { hotPoolOf, rawHandleOf } from '../../server/lookup-fast/raw-handle.ts';
import { sqliteFindProfiles } from '../../server/lookup-fast/sqlite-batch.ts';
import { sqliteReadAll, sqliteReadTransaction } from '../../server/lookup-fast/sqlite-lookup.ts';
import { insertIdentity, insertProfile } from './support/agents.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

// Lookups that arrive together share one read: one query on PostgreSQL (lookup-fast/postgres-batch.ts), one
// read transaction on SQLite (lookup-fast/sqlite-batch.ts). Each must get exactly what it would have got
// alone: its own identifiers' hits and profiles, nothing of its neighbours'.

/** FoundProfiles in a comparable form: the order of ids within a hit is not part of the answer. */
function plain(found: FoundProfiles) {
  return {
    hits: [...found.hits].map(([key, ids]) => [key, [...ids].sort()]).sort(),
    summaries: [...found.summaries].sort(([a], [b]) => (a < b ? -1 : 1)),
    merged: [...found.merged].sort(),
  };
}

const email = (value: string): Identifier => ({ kind: 'email', value });

/** Lookups that hit, miss, overlap, hit a merged-away profile, and ask for what no database can hold (NUL). */
function askedTogether(): Identifier[][] {
  const given: Identifier[][] = [
    [email('sofia.reyes@example.com')],
    [email('sofia.reyes@example.com'), email('nobody@example.com')],
    [email('john.carter@example.net'), { kind: 'handle', network: 'x', value: 'maryokafor' }],
    [email('batch.old@example.com'), email('john.carter@example.net')],
    [email('nobody@example.com')],
    [{ kind: 'loyalty', value: 'SK204816' }, email('nul\u0000@example.com')],
  ];
  return given.map((ids) => ids.map(normalizeIdentifier));
}

async function addMergedProfile(db: Kysely<Database>) {
  await insertProfile(db, 'prf_batch_old', { name: 'Batch Old' });
  await insertIdentity(db, 'prf_batch_old', 'email', 'batch.old@example.com');
  await db
    .updateTable('profiles')
    .set({ merged_into: 'prf_sofia_reyes' })
    .where('id', '=', 'prf_batch_old')
    .execute();
}

/** The merged-away profile is reported as merged to the lookup that hit it, and to no other. */
function expectMergedOnlyWhereHit(alone: ReturnType<typeof plain>[]) {
  expect(alone[3]?.merged).toEqual(['prf_batch_old']);
  expect(alone.filter((a) => a.merged.length > 0)).toHaveLength(1);
}

for (const backend of BACKENDS.filter((b) => b.title === 'PostgreSQL')) {
  describe.skipIf(backend.skip)(`lookup fast path: shared reads — ${backend.title}`, () => {
    const ctx = useServer(backend, { rateLimitPerMinute: 100_000 });

    it('lookups made together go out as one query and each gets what it would have got alone', async () => {
      await addMergedProfile(ctx.db);
      const raw = rawHandleOf(ctx.db);
      if (raw?.kind !== 'postgres') throw new Error('expected the PostgreSQL driver handle');

      const asked = askedTogether();

      const alone = [];
      for (const ids of asked) alone.push(plain(await postgresReadProfiles(raw.pool, 'demo', ids)));

      let queries = 0;
      const hot = hotPoolOf(raw.pool);
      const count = () => queries++;
      hot.on('acquire', count);
      try {
        // Made in the same tick: all of them wait for the same next read.
        const together = await Promise.all(asked.map((ids) => postgresFindProfiles(raw.pool, 'demo', ids)));
        expect(queries).toBe(1);
        expect(together.map(plain)).toEqual(alone);
      } finally {
        hot.off('acquire', count);
      }
      expectMergedOnlyWhereHit(alone);
    });
  });
}

for (const backend of BACKENDS.filter((b) => b.title === 'SQLite')) {
  describe.skipIf(backend.skip)(`lookup fast path: shared reads — ${backend.title}`, () => {
    const ctx = useServer(backend, { rateLimitPerMinute: 100_000 });

    it('lookups made in one turn read in one transaction and each gets what it would have got alone', async () => {
      await addMergedProfile(ctx.db);
      const raw = rawHandleOf(ctx.db);
      if (raw?.kind !== 'sqlite') throw new Error('expected the SQLite driver handle');
      const asked = askedTogether();
      const readOne = sqliteReadTransaction(raw.sqlite, (ids: Identifier[]) =>
        sqliteReadAll(raw.sqlite, 'demo', ids),
      );
      const alone = asked.map((ids) => plain(readOne(ids)));

      // Made in the same tick: all of them wait for the same next read transaction.
      const together = await Promise.all(asked.map((ids) => sqliteFindProfiles(raw.sqlite, 'demo', ids)));
      expect(together.map((f) => (f ? plain(f) : f))).toEqual(alone);
      expectMergedOnlyWhereHit(alone);
    });
  });
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`lookup fast path: concurrent lookups over HTTP — ${backend.title}`, () => {
    const ctx = useServer(backend, { rateLimitPerMinute: 100_000 });

    it('over HTTP, concurrent lookups answer exactly what each answers alone', async () => {
      const bodies = Array.from({ length: 24 }, (_, i) => ({
        identifiers: [
          email(i % 2 ? 'sofia.reyes@example.com' : 'john.carter@example.net'),
          email(`nobody.${i}@example.com`),
          ...(i % 3 ? [{ kind: 'handle', network: 'x', value: '@maryokafor' }] : []),
        ],
      }));
      const lookup = (json: unknown) => call(ctx.url, '/v1/lookup', { method: 'POST', json });
      const together = await Promise.all(bodies.map(lookup));
      for (const [i, body] of bodies.entries()) {
        const one = together[i];
        expect(one?.status, one?.text).toBe(200);
        const alone = await lookup(body);
        expect(LookupResponse.parse(one?.body)).toEqual(LookupResponse.parse(alone.body));
      }
    });
  });
}
