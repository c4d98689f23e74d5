import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SearchResponse } from '../../lib/contract/identity.ts';
import { insertProfile } from './support/agents.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

// The name search's trigram index (migration 0007) follows inserts, renames and deletes, treats what the agent
// types as text, and is what the database uses for a "contains" query.

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`name search by trigram index — ${backend.title}`, () => {
    const ctx = useServer(backend);
    const search = async (q: string) => {
      const reply = await call(ctx.url, '/v1/search', { method: 'POST', json: { q } });
      expect(reply.status, reply.text).toBe(200);
      return SearchResponse.parse(reply.body).results.map((r) => r.id);
    };

    it('finds a name part in the middle, case-insensitively, and follows renames and deletes', async () => {
      await insertProfile(ctx.db, 'prf_ns_1', { name: 'Wilhelmina Quistgaard' });
      expect(await search('STGAA')).toEqual(['prf_ns_1']);
      expect(await search('mina qui')).toEqual(['prf_ns_1']);

      await ctx.db
        .updateTable('profiles')
        .set({ name: 'Wilhelmina Oxbury' })
        .where('id', '=', 'prf_ns_1')
        .execute();
      expect(await search('stgaa')).toEqual([]);
      expect(await search('xbur')).toEqual(['prf_ns_1']);

      await ctx.db.deleteFrom('profiles').where('id', '=', 'prf_ns_1').execute();
      expect(await search('xbur')).toEqual([]);
    });

    it('non-ASCII names match in either case; quotes and FTS or LIKE syntax are plain text', async () => {
      await insertProfile(ctx.db, 'prf_ns_2', { name: 'Émilie Ødegård' });
      await insertProfile(ctx.db, 'prf_ns_3', { name: 'Pat "Rocket" O\'Neil' });
      expect(await search('émilie')).toEqual(['prf_ns_2']);
      expect(await search('ØDEG')).toEqual(['prf_ns_2']);
      expect(await search('"rocket"')).toEqual(['prf_ns_3']);
      expect(await search("o'neil")).toEqual(['prf_ns_3']);
      for (const q of ['rock*', 'NEAR(pat rocket)', 'pat OR x', '%ocke%', 'R_cket']) {
        expect(await search(q), q).toEqual([]);
      }
    });

    it('the database plans the contains query through the trigram index, not a table scan', async () => {
      if (backend.title === 'PostgreSQL') {
        // A small table is cheaper to scan (or to read through the tenant's B-tree), so the planner is told
        // to avoid sequential scans and the query has only the name condition: this checks that the index
        // can serve it; bench/search.ts shows that it does on a million profiles.
        const plan = await ctx.db.transaction().execute(async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          const { rows } = await sql<{ 'QUERY PLAN': string }>`explain select id from profiles
            where lower(name) like '%stgaa%'`.execute(trx);
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });
        expect(plan).toContain('profiles_name_trgm');
      } else {
        const { rows } = await sql<{ detail: string }>`explain query plan
          select p.id from profiles_name_fts f join profiles p on p.rowid = f.rowid
          where profiles_name_fts match '"stgaa"'`.execute(ctx.db);
        expect(rows.map((r) => r.detail).join('\n')).toMatch(/VIRTUAL TABLE INDEX/);
      }
    });
  });
}
