import { describe, expect, it } from 'vitest';
import { InteractionPage } from '../../lib/contract/history.ts';
import { LookupResponse } from '../../lib/contract/lookup.ts';
import { ProfileDetail } from '../../lib/contract/profile.ts';
import { loadProfileDetail } from '../../server/profiles/profile-detail.ts';
import { seedDemo } from '../../server/seed/seed-demo.ts';
import { BACKENDS } from './support/backends.ts';
import { dumpProfiles } from './support/dump-history.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

const DAY = 86_400_000;
const ageDays = (iso: string) => (Date.now() - Date.parse(iso)) / DAY;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`profile detail, timeline and lookup resolution — ${backend.title}`, () => {
    const ctx = useServer(backend);

    const detail = async (id: string) => {
      const reply = await call(ctx.url, `/v1/profiles/${id}`);
      expect(reply.status, reply.text).toBe(200);
      return ProfileDetail.parse(reply.body);
    };

    const importNdjson = async (rows: unknown[]) => {
      const reply = await call(ctx.url, '/v1/import', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-ndjson' },
        body: rows.map((r) => JSON.stringify(r)).join('\n'),
      });
      expect(reply.status, reply.text).toBe(200);
      return reply.body as { created: number; rejected: unknown[] };
    };

    it('seeding again (the stories go through the import) changes no row of the history', async () => {
      const before = await dumpProfiles(ctx.db);
      const { report } = await seedDemo(ctx.db);
      expect(report).toMatchObject({ read: 7, unchanged: 7, created: 0, updated: 0, rejectedTotal: 0 });
      expect(await dumpProfiles(ctx.db)).toEqual(before);
    });

    it('Sofia: the flight she landed on yesterday, the next one, her open case, her provenance', async () => {
      const sofia = await detail('prf_sofia_reyes');
      expect(sofia.loyalty).toMatchObject({ program: 'Skyward', tier: 'Gold', tierRank: 2 });
      expect(sofia.preferences.channel).toBe('email');
      expect(sofia.ordersCount).toBe(64);
      const [landed] = sofia.recent ?? [];
      expect(landed).toMatchObject({ kind: 'flight', ref: 'XX123', status: 'landed' });
      expect(landed?.summary).toContain('Amsterdam');
      expect(ageDays(landed?.at ?? '')).toBeGreaterThan(0.9);
      expect(ageDays(landed?.at ?? '')).toBeLessThan(1.1);
      expect(sofia.upcoming?.[0]).toMatchObject({ kind: 'flight', ref: 'XX456', status: 'booked' });
      expect(Date.parse(sofia.upcoming?.[0]?.at ?? '')).toBeGreaterThan(Date.now());
      expect(sofia.cases?.[0]).toMatchObject({ id: 'C-7701', status: 'open', channels: ['twitter'] });
      expect(sofia.openLoops?.map((l) => l.kind)).toEqual(['open_case']);
      // Newest first, and all four tweets (two in, two out).
      const times = (sofia.interactions ?? []).map((i) => i.at);
      expect(times).toHaveLength(4);
      expect([...times].sort().reverse()).toEqual(times);
      expect(sofia.interactionsCursor).toBeNull();
      expect(sofia.identityRecords).toContainEqual(
        expect.objectContaining({
          identifier: { kind: 'loyalty', value: 'SK204816' },
          source: 'import',
          verified: true,
        }),
      );
    });

    it('John: the survey contact request from three weeks ago is an overdue open loop, at the top', async () => {
      const john = await detail('prf_john_carter');
      const [first, ...rest] = john.openLoops ?? [];
      expect(first).toMatchObject({
        kind: 'contact_request',
        overdue: true,
        channel: 'survey',
        caseId: 'C-5512',
      });
      expect(ageDays(first?.since ?? '')).toBeGreaterThan(20.9);
      expect(ageDays(first?.since ?? '')).toBeLessThan(21.1);
      // The case the request belongs to is that same loop, not a second one.
      expect(rest.filter((l) => l.caseId === 'C-5512')).toEqual([]);
      expect(john.recent?.map((i) => i.ref)).toEqual(['O-93002', 'O-90417', 'O-88120']);
    });

    it('Mary: one case across web → twitter → e-mail and a promise broken two months ago', async () => {
      const mary = await detail('prf_mary_okafor');
      expect(mary.cases).toHaveLength(1);
      expect(mary.cases?.[0]).toMatchObject({ id: 'C-3390', channels: ['web', 'twitter', 'email'] });
      const loop = mary.openLoops?.[0];
      expect(loop).toMatchObject({ kind: 'broken_promise', overdue: true, caseId: 'C-3390' });
      expect(ageDays(loop?.since ?? '')).toBeGreaterThan(59.9);
      expect(ageDays(loop?.since ?? '')).toBeLessThan(60.1);
      expect(new Set(mary.interactions?.map((i) => i.caseId))).toEqual(new Set(['C-3390']));
    });

    it('an outbound reply after a contact request closes that loop', async () => {
      const now = Date.now();
      await importNdjson([
        {
          externalId: 'T-ANSWERED',
          name: 'Answered Customer',
          identities: [{ kind: 'email', value: 'answered@example.com' }],
          interactions: [
            {
              at: new Date(now - 5 * DAY).toISOString(),
              channel: 'survey',
              direction: 'inbound',
              summary: 'call me',
              contactRequested: true,
            },
            {
              at: new Date(now - 4 * DAY).toISOString(),
              channel: 'phone',
              direction: 'outbound',
              summary: 'called back',
            },
          ],
        },
      ]);
      const id = await idOf('answered@example.com');
      expect((await detail(id)).openLoops).toEqual([]);
    });

    it('an overdue open task is an open loop, and open tasks come soonest due first', async () => {
      const now = Date.now();
      const base = {
        tenant_id: 'demo',
        profile_id: 'prf_jane_smith',
        status: 'open' as const,
        created_by: 'agt_demo',
        assignee_id: 'agt_demo',
        channel: 'email',
        source_url: null,
        snoozed_until: null,
        done_at: null,
        idempotency_key: null,
      };
      const at = (ms: number) => new Date(now + ms).toISOString();
      await ctx.db
        .insertInto('tasks')
        .values([
          {
            ...base,
            id: 'tsk_late',
            summary: 'Call back about the room',
            created_at: at(-3 * DAY),
            due_at: at(-DAY),
            updated_at: at(-3 * DAY),
          },
          {
            ...base,
            id: 'tsk_soon',
            summary: 'Send the voucher',
            created_at: at(-DAY),
            due_at: at(DAY),
            updated_at: at(-DAY),
          },
          {
            ...base,
            id: 'tsk_done',
            summary: 'Done already',
            status: 'done',
            created_at: at(-DAY),
            due_at: at(-DAY),
            updated_at: at(-DAY),
          },
        ])
        .execute();
      const jane = await detail('prf_jane_smith');
      expect(jane.tasks?.map((t) => [t.id, t.overdue, t.assignee.name])).toEqual([
        ['tsk_late', true, 'Demo Agent'],
        ['tsk_soon', false, 'Demo Agent'],
      ]);
      expect(jane.openLoops).toEqual([expect.objectContaining({ kind: 'overdue_task', overdue: true })]);
    });

    const idOf = async (email: string) => {
      const reply = await call(ctx.url, '/v1/lookup', {
        method: 'POST',
        json: { identifiers: [{ kind: 'email', value: email }] },
      });
      const [result] = LookupResponse.parse(reply.body).results;
      if (result?.status !== 'matched') throw new Error(`${email} not matched`);
      return result.profile.id;
    };

    it('pages the timeline with an opaque cursor: every interaction exactly once, newest first', async () => {
      const now = Date.now();
      // 57 interactions, several sharing a timestamp, so the (at, id) tie-break is exercised.
      const interactions = Array.from({ length: 57 }, (_, i) => ({
        at: new Date(now - Math.floor(i / 3) * 3_600_000).toISOString(),
        channel: 'email',
        direction: 'inbound',
        summary: `message ${i}`,
      }));
      await importNdjson([
        {
          externalId: 'T-CHATTY',
          name: 'Chatty Customer',
          identities: [{ kind: 'email', value: 'chatty@example.com' }],
          interactions,
        },
      ]);
      const id = await idOf('chatty@example.com');
      const first = await detail(id);
      expect(first.interactions).toHaveLength(20);
      const seen = (first.interactions ?? []).map((i) => i.summary);
      let cursor = first.interactionsCursor;
      let pages = 0;
      while (cursor) {
        const reply = await call(ctx.url, `/v1/profiles/${id}/interactions?limit=7&cursor=${cursor}`);
        expect(reply.status, reply.text).toBe(200);
        const page = InteractionPage.parse(reply.body);
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((i) => i.summary));
        cursor = page.nextCursor;
        pages++;
      }
      expect(pages).toBe(6);
      expect(seen).toHaveLength(57);
      expect(new Set(seen).size).toBe(57);
      const all = InteractionPage.parse(
        (await call(ctx.url, `/v1/profiles/${id}/interactions?limit=100`)).body,
      );
      expect(all.items.map((i) => i.summary)).toEqual(seen);
      expect(all.nextCursor).toBeNull();
      const keys = all.items.map((i) => `${i.at}|${i.id}`);
      expect([...keys].sort().reverse()).toEqual(keys);
    });

    it('answers 400 naming cursor or limit for a bad one', async () => {
      for (const cursor of [
        'nope!',
        'bm9wZQ',
        Buffer.from('["x","y"]').toString('base64url'),
        'A'.repeat(700),
      ]) {
        const reply = await call(ctx.url, `/v1/profiles/prf_sofia_reyes/interactions?cursor=${cursor}`);
        expect(reply.status, cursor).toBe(400);
        expect(reply.body).toMatchObject({ error: { code: 'bad_request', details: { field: 'cursor' } } });
      }
      for (const limit of ['0', '101', 'x', '1.5']) {
        const reply = await call(ctx.url, `/v1/profiles/prf_sofia_reyes/interactions?limit=${limit}`);
        expect(reply.status, limit).toBe(400);
        expect(reply.body).toMatchObject({ error: { details: { field: 'limit' } } });
      }
      expect((await call(ctx.url, '/v1/profiles/prf_nobody/interactions')).status).toBe(404);
    });

    it('a merged profile answers 409 merged with the surviving id, and lookups follow it there', async () => {
      await importNdjson([
        {
          externalId: 'T-OLD',
          name: 'Old Record',
          identities: [{ kind: 'email', value: 'old.record@example.com' }],
        },
        { externalId: 'T-MID', name: 'Middle Record', identities: [] },
        {
          externalId: 'T-NEW',
          name: 'New Record',
          identities: [{ kind: 'email', value: 'new.record@example.com' }],
        },
      ]);
      const oldId = await idOf('old.record@example.com');
      const newId = await idOf('new.record@example.com');
      const mid = await ctx.db
        .selectFrom('profiles')
        .select('id')
        .where('external_id', '=', 'T-MID')
        .executeTakeFirstOrThrow();
      // Set directly: old → mid → new, a chain of two merges.
      await ctx.db.updateTable('profiles').set({ merged_into: mid.id }).where('id', '=', oldId).execute();
      await ctx.db.updateTable('profiles').set({ merged_into: newId }).where('id', '=', mid.id).execute();

      for (const path of [`/v1/profiles/${oldId}`, `/v1/profiles/${oldId}/interactions`]) {
        const reply = await call(ctx.url, path);
        expect(reply.status, path).toBe(409);
        expect(reply.body).toMatchObject({ error: { code: 'merged', details: { mergedInto: newId } } });
      }
      expect(await idOf('old.record@example.com')).toBe(newId);
    });

    it('an order number on two live profiles is ambiguous, with both candidates; one audit row per request', async () => {
      const order = (at: number) => ({
        kind: 'order',
        ref: 'G-4410',
        at: new Date(Date.now() - at).toISOString(),
        summary: 'Group dinner',
        status: 'delivered',
      });
      await importNdjson([
        { externalId: 'T-HOST', name: 'Host Customer', identities: [], recent: [order(DAY)] },
        { externalId: 'T-GUEST', name: 'Guest Customer', identities: [], recent: [order(DAY)] },
      ]);
      const rid = 'ambiguous-lookup-1';
      const reply = await call(ctx.url, '/v1/lookup', {
        method: 'POST',
        headers: { 'Request-Id': rid },
        json: {
          identifiers: [
            { kind: 'order', value: 'g 4410' },
            { kind: 'order', value: 'O-93002' },
            { kind: 'order', value: 'O-0000' },
          ],
        },
      });
      const [shared, john, none] = LookupResponse.parse(reply.body).results;
      expect(shared?.status).toBe('ambiguous');
      if (shared?.status !== 'ambiguous') throw new Error('not ambiguous');
      expect(shared.candidates.map((c) => c.name).sort()).toEqual(['Guest Customer', 'Host Customer']);
      expect(john).toMatchObject({ status: 'matched', profile: { id: 'prf_john_carter' } });
      expect(none?.status).toBe('not_found');
      const rows = await ctx.db
        .selectFrom('audit_log')
        .select('profile_ids')
        .where('request_id', '=', rid)
        .execute();
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]?.profile_ids ?? '[]')).toHaveLength(3);

      // Once one of the two is merged into the other, the order number is no longer ambiguous.
      const [host, guest] = shared.candidates;
      await ctx.db
        .updateTable('profiles')
        .set({ merged_into: host?.id ?? '' })
        .where('id', '=', guest?.id ?? '')
        .execute();
      const again = LookupResponse.parse(
        (
          await call(ctx.url, '/v1/lookup', {
            method: 'POST',
            json: { identifiers: [{ kind: 'order', value: 'G-4410' }] },
          })
        ).body,
      );
      expect(again.results[0]).toMatchObject({ status: 'matched', profile: { id: host?.id } });
    });

    it('reads a profile in a constant number of queries, however long its history', async () => {
      let queries = 0;
      // Counts every query the read sends, on the same database the server uses.
      const counted = ctx.db.withPlugin({
        transformQuery: (args) => {
          queries++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      const countFor = async (id: string) => {
        queries = 0;
        const result = await loadProfileDetail(counted, 'demo', id);
        expect(result.status).toBe('found');
        return queries;
      };
      const short = await countFor('prf_sofia_reyes');
      const long = await countFor(await idOf('chatty@example.com'));
      expect(long).toBe(short);
      expect(short).toBeLessThanOrEqual(12);
    });
  });
}
