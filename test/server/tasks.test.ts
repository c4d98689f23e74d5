import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../../lib/contract/errors.ts';
import { Interaction } from '../../lib/contract/history.ts';
import { SlaPolicy, Task, TaskList } from '../../lib/contract/tasks.ts';
import { agentWithRole, countRows } from './support/agents.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

const SOFIA = 'prf_sofia_reyes'; // Skyward Gold, rank 2
const DANIEL = 'prf_daniel_brooks'; // Harbor Hotels Ambassador, rank 1
const TYLER = 'prf_tyler_vance'; // no tier
const HOUR = 3_600_000;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`tasks, SLA and interactions over HTTP — ${backend.title}`, () => {
    const ctx = useServer(backend);

    const create = (json: unknown, key: string | null = randomUUID(), token?: string) =>
      call(ctx.url, '/v1/tasks', {
        method: 'POST',
        json,
        ...(token ? { token } : {}),
        headers: key === null ? {} : { 'Idempotency-Key': key },
      });
    const hoursUntil = (iso: string) => (Date.parse(iso) - Date.now()) / HOUR;

    it('requires an Idempotency-Key and says so', async () => {
      const before = await countRows(ctx.db, 'tasks');
      const reply = await create({ profileId: SOFIA, summary: 'Call back' }, null);
      expect(reply.status).toBe(400);
      expect(ErrorBody.parse(reply.body).error.message).toMatch(/Idempotency-Key/);
      expect((await create({ profileId: SOFIA, summary: 'x' }, 'has space')).status).toBe(400);
      expect(await countRows(ctx.db, 'tasks')).toBe(before);
    });

    it('due time follows the tier SLA: rank 1 → 2 h, rank 2 → 8 h, untiered → 72 h; dueAt overrides', async () => {
      const cases: [string, number][] = [
        [DANIEL, 2],
        [SOFIA, 8],
        [TYLER, 72],
      ];
      for (const [profileId, hours] of cases) {
        const reply = await create({ profileId, summary: 'Follow up on the thread', channel: 'twitter' });
        expect(reply.status, reply.text).toBe(201);
        const task = Task.parse(reply.body);
        expect(hoursUntil(task.dueAt)).toBeCloseTo(hours, 1);
        expect(task).toMatchObject({
          profileId,
          status: 'open',
          overdue: false,
          assignee: { id: 'agt_demo', name: 'Demo Agent' },
        });
      }
      const dueAt = new Date(Date.now() + 5 * HOUR).toISOString();
      const explicit = Task.parse((await create({ profileId: TYLER, summary: 'Explicit', dueAt })).body);
      expect(explicit.dueAt).toBe(dueAt);
    });

    it('the same key twice creates one task (201 then 200); a different body with it → 422 idempotency_mismatch', async () => {
      const key = randomUUID();
      const body = {
        profileId: SOFIA,
        summary: 'Baggage desk to call about XX123',
        sourceUrl: 'https://x.com/s/1',
      };
      const first = await create(body, key);
      const second = await create(
        { sourceUrl: body.sourceUrl, summary: body.summary, profileId: SOFIA },
        key,
      );
      expect(first.status).toBe(201);
      expect(second.status).toBe(200);
      expect(Task.parse(second.body).id).toBe(Task.parse(first.body).id);
      const rows = await ctx.db.selectFrom('tasks').select('id').where('idempotency_key', '=', key).execute();
      expect(rows).toHaveLength(1);

      const mismatch = await create({ ...body, summary: 'Something else' }, key);
      expect(mismatch.status).toBe(422);
      expect(ErrorBody.parse(mismatch.body).error.code).toBe('idempotency_mismatch');

      // Keys are per agent: another agent's identical key is a different task.
      const other = await agentWithRole(ctx.db, 'agent', 'Key Sharer');
      const theirs = await create(body, key, other.token);
      expect(theirs.status).toBe(201);
      expect(Task.parse(theirs.body).id).not.toBe(Task.parse(first.body).id);
    });

    it('refuses an unknown profile, an unknown assignee, and assigning to others without the lead role', async () => {
      const before = await countRows(ctx.db, 'tasks');
      expect((await create({ profileId: 'prf_nope', summary: 'x' })).status).toBe(404);
      const unknown = await create({ profileId: SOFIA, summary: 'x', assigneeId: 'agt_nope' });
      expect(unknown.status).toBe(422);
      expect(ErrorBody.parse(unknown.body).error.message).toMatch(/^assigneeId:/);
      const agent = await agentWithRole(ctx.db, 'agent', 'Plain Agent');
      const forbidden = await create(
        { profileId: SOFIA, summary: 'x', assigneeId: 'agt_demo' },
        randomUUID(),
        agent.token,
      );
      expect(forbidden.status).toBe(403);
      expect(await countRows(ctx.db, 'tasks')).toBe(before);
    });

    it('lists overdue first then soonest, pages with a cursor, filters by due_before and status', async () => {
      const lead = await agentWithRole(ctx.db, 'lead', 'List Lead');
      const mk = async (summary: string, dueInHours: number) =>
        Task.parse(
          (
            await create(
              { profileId: TYLER, summary, dueAt: new Date(Date.now() + dueInHours * HOUR).toISOString() },
              randomUUID(),
              lead.token,
            )
          ).body,
        );
      const later = await mk('later', 30);
      const overdue = await mk('overdue', -3);
      const soon = await mk('soon', 1);
      const list = async (query: string) => {
        const reply = await call(ctx.url, `/v1/tasks${query}`, { token: lead.token });
        expect(reply.status, reply.text).toBe(200);
        return TaskList.parse(reply.body);
      };
      const all = await list('?assignee=me');
      expect(all.items.map((t) => t.summary)).toEqual(['overdue', 'soon', 'later']);
      expect(all.items[0]?.overdue).toBe(true);

      const page1 = await list('?limit=2');
      expect(page1.items.map((t) => t.id)).toEqual([overdue.id, soon.id]);
      expect(page1.nextCursor).not.toBeNull();
      const page2 = await list(`?limit=2&cursor=${page1.nextCursor}`);
      expect(page2.items.map((t) => t.id)).toEqual([later.id]);
      expect(page2.nextCursor).toBeNull();

      const dueBefore = encodeURIComponent(new Date(Date.now() + 2 * HOUR).toISOString());
      expect((await list(`?due_before=${dueBefore}`)).items.map((t) => t.summary)).toEqual([
        'overdue',
        'soon',
      ]);

      // A lead may read another agent's list; an agent may not.
      expect((await list(`?assignee=${lead.agentId}`)).items).toHaveLength(3);
      const agent = await agentWithRole(ctx.db, 'agent', 'Nosy Agent');
      const nosy = await call(ctx.url, `/v1/tasks?assignee=${lead.agentId}`, { token: agent.token });
      expect(nosy.status).toBe(403);
      for (const bad of ['?status=nope', '?due_before=tomorrow', '?cursor=zzz', '?limit=0', '?limit=1000']) {
        expect((await call(ctx.url, `/v1/tasks${bad}`)).status, bad).toBe(400);
      }
    });

    it('PATCH: done, reopen, snooze (off the open list), reassign by the assignee or a lead only', async () => {
      const agent = await agentWithRole(ctx.db, 'agent', 'Patch Agent');
      const other = await agentWithRole(ctx.db, 'agent', 'Other Agent');
      const task = Task.parse(
        (await create({ profileId: SOFIA, summary: 'patch me' }, randomUUID(), agent.token)).body,
      );
      const patch = (json: unknown, token = agent.token) =>
        call(ctx.url, `/v1/tasks/${task.id}`, { method: 'PATCH', json, token });

      const done = await patch({ status: 'done' });
      expect(done.status, done.text).toBe(200);
      expect(Task.parse(done.body)).toMatchObject({ status: 'done', overdue: false });
      expect(Task.parse((await patch({ status: 'open' })).body).status).toBe('open');

      const until = new Date(Date.now() + 24 * HOUR).toISOString();
      const snoozed = Task.parse((await patch({ snoozedUntil: until })).body);
      expect(snoozed).toMatchObject({ status: 'snoozed', snoozedUntil: until });
      const open = TaskList.parse((await call(ctx.url, '/v1/tasks', { token: agent.token })).body);
      expect(open.items.map((t) => t.id)).not.toContain(task.id);
      const sleeping = TaskList.parse(
        (await call(ctx.url, '/v1/tasks?status=snoozed', { token: agent.token })).body,
      );
      expect(sleeping.items.map((t) => t.id)).toContain(task.id);

      expect((await patch({ snoozedUntil: new Date(Date.now() - HOUR).toISOString() })).status).toBe(422);
      expect((await patch({ status: 'snoozed' })).status).toBe(400);
      expect((await patch({})).status).toBe(400);
      expect((await patch({ status: 'done' }, other.token)).status).toBe(403);
      expect((await patch({ assigneeId: 'agt_nope' })).status).toBe(422);

      const reassigned = await patch({ assigneeId: other.agentId });
      expect(reassigned.status, reassigned.text).toBe(200);
      expect(Task.parse(reassigned.body).assignee).toEqual({ id: other.agentId, name: 'Other Agent' });
      // The creator is no longer the assignee and not a lead: reassigning back is refused.
      expect((await patch({ assigneeId: agent.agentId })).status).toBe(403);
      // A lead may.
      const lead = await agentWithRole(ctx.db, 'lead', 'Patch Lead');
      expect((await patch({ assigneeId: agent.agentId }, lead.token)).status).toBe(200);
      expect(
        (await call(ctx.url, '/v1/tasks/tsk_nope', { method: 'PATCH', json: { status: 'done' } })).status,
      ).toBe(404);
    });

    it('SLA settings: leads read and replace them (validated, audited); new tasks follow them', async () => {
      const agent = await agentWithRole(ctx.db, 'agent', 'SLA Agent');
      expect((await call(ctx.url, '/v1/settings/sla', { token: agent.token })).status).toBe(403);
      const current = await call(ctx.url, '/v1/settings/sla');
      expect(SlaPolicy.parse(current.body)).toEqual({
        hoursByTierRank: { '1': 2, '2': 8, '3': 24 },
        otherTiersHours: 48,
        untieredHours: 72,
      });
      const bad = await call(ctx.url, '/v1/settings/sla', {
        method: 'PUT',
        json: { hoursByTierRank: { gold: 1 }, untieredHours: 5 },
      });
      expect(bad.status).toBe(400);
      expect(ErrorBody.parse(bad.body).error.message).toMatch(/hoursByTierRank\.gold/);
      const negative = await call(ctx.url, '/v1/settings/sla', {
        method: 'PUT',
        json: { hoursByTierRank: { '1': -1 }, untieredHours: 5 },
      });
      expect(negative.status).toBe(400);

      const policy = { hoursByTierRank: { '1': 1, '2': 4 }, untieredHours: 96 };
      const put = await call(ctx.url, '/v1/settings/sla', { method: 'PUT', json: policy });
      expect(put.status, put.text).toBe(200);
      expect(SlaPolicy.parse((await call(ctx.url, '/v1/settings/sla')).body)).toEqual(policy);
      expect(
        hoursUntil(Task.parse((await create({ profileId: SOFIA, summary: 'x' })).body).dueAt),
      ).toBeCloseTo(4, 1);
      expect(
        hoursUntil(Task.parse((await create({ profileId: TYLER, summary: 'x' })).body).dueAt),
      ).toBeCloseTo(96, 1);
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select('agent_id')
        .where('action', '=', 'settings.update')
        .execute();
      expect(audit).toEqual([{ agent_id: 'agt_demo' }]);
      // Back to the defaults for the rest of the suite.
      await call(ctx.url, '/v1/settings/sla', {
        method: 'PUT',
        json: { hoursByTierRank: { '1': 2, '2': 8, '3': 24 }, otherTiersHours: 48, untieredHours: 72 },
      });
    });

    it('task writes are audited', async () => {
      const rows = await ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'in', ['task.create', 'task.update'])
        .execute();
      expect(rows.filter((r) => r.action === 'task.create').length).toBeGreaterThan(5);
      expect(rows.filter((r) => r.action === 'task.update').length).toBeGreaterThan(3);
    });

    describe('interactions', () => {
      const post = (json: unknown) => call(ctx.url, '/v1/interactions', { method: 'POST', json });

      it('logs an agent reply on the profile, with the agent and contactRequested false', async () => {
        const reply = await post({
          profileId: SOFIA,
          channel: 'twitter',
          direction: 'outbound',
          summary: 'Offered a call from the baggage desk',
          type: 'offer',
        });
        expect(reply.status, reply.text).toBe(201);
        const interaction = Interaction.parse(reply.body);
        expect(interaction).toMatchObject({
          agent: 'Demo Agent',
          contactRequested: false,
          channel: 'twitter',
        });
        const row = await ctx.db
          .selectFrom('interactions')
          .selectAll()
          .where('id', '=', interaction.id)
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({
          profile_id: SOFIA,
          type: 'offer',
          contact_requested: 0,
          agent: 'Demo Agent',
        });
      });

      it('refuses an unknown profile (404), an unknown case (422) and a bad body (400), writing nothing', async () => {
        const before = await countRows(ctx.db, 'interactions');
        const base = { profileId: SOFIA, channel: 'email', direction: 'outbound', summary: 'hi' };
        expect((await post({ ...base, profileId: 'prf_nope' })).status).toBe(404);
        expect((await post({ ...base, caseId: 'C-NOPE' })).status).toBe(422);
        const bad = await post({ ...base, channel: 'pigeon' });
        expect(bad.status).toBe(400);
        expect(ErrorBody.parse(bad.body).error.message).toMatch(/^channel:/);
        expect((await post({ ...base, summary: '' })).status).toBe(400);
        expect(await countRows(ctx.db, 'interactions')).toBe(before);
      });
    });
  });
}
