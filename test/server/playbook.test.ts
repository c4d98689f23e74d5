import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../../lib/contract/errors.ts';
import { type PlaybookInput, PlaybookResponse } from '../../lib/contract/playbook.ts';
import { demoPlaybook } from '../../lib/suggest/playbooks/index.ts';
import { agentWithRole } from './support/agents.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

/** A small valid playbook a lead might save. */
const leadPlaybook = (): PlaybookInput => ({
  version: 1,
  vertical: 'airline',
  name: 'Skyward support',
  intents: [{ id: 'lost_bag', label: 'Lost bags', phrases: ['bag*', 'luggage'] }],
  rules: [
    {
      id: 'bags.confirm',
      kind: 'confirm',
      when: { intents: { any: ['lost_bag'] }, hasRecentItem: { kind: 'flight', withinHours: 72 } },
      text: 'Is this about {recent.flight.ref}?',
      reasons: ['{tier} member'],
      score: 80,
    },
  ],
  offers: [],
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`GET/PUT /v1/playbook over HTTP — ${backend.title}`, () => {
    const ctx = useServer(backend, { rateLimitPerMinute: 100_000 });

    it('answers the shipped combined playbook to any agent while the tenant has none', async () => {
      const agent = await agentWithRole(ctx.db, 'agent');
      const reply = await call(ctx.url, '/v1/playbook', { token: agent.token });
      expect(reply.status, reply.text).toBe(200);
      const body = PlaybookResponse.parse(reply.body);
      expect(body.source).toBe('default');
      expect(body.updatedAt).toBeNull();
      expect(body.playbook).toEqual(demoPlaybook());
    });

    it('refuses PUT to an agent (403 naming the lead role) and without a token (401)', async () => {
      const agent = await agentWithRole(ctx.db, 'agent');
      const reply = await call(ctx.url, '/v1/playbook', {
        method: 'PUT',
        json: leadPlaybook(),
        token: agent.token,
      });
      expect(reply.status).toBe(403);
      expect(ErrorBody.parse(reply.body).error).toMatchObject({
        code: 'forbidden',
        details: { requiredRole: 'lead' },
      });
      expect(
        (await call(ctx.url, '/v1/playbook', { method: 'PUT', json: leadPlaybook(), token: null })).status,
      ).toBe(401);
    });

    it('a lead saves a playbook: stored, served to every agent, audited', async () => {
      const lead = await agentWithRole(ctx.db, 'lead', 'Lena Lead');
      const saved = await call(ctx.url, '/v1/playbook', {
        method: 'PUT',
        json: leadPlaybook(),
        token: lead.token,
      });
      expect(saved.status, saved.text).toBe(200);
      const body = PlaybookResponse.parse(saved.body);
      expect(body).toMatchObject({
        source: 'tenant',
        updatedBy: lead.agentId,
        playbook: { name: 'Skyward support' },
      });

      const agent = await agentWithRole(ctx.db, 'agent');
      const read = PlaybookResponse.parse((await call(ctx.url, '/v1/playbook', { token: agent.token })).body);
      expect(read).toEqual(body);

      const row = await ctx.db
        .selectFrom('tenant_settings')
        .select(['value', 'updated_by'])
        .where('tenant_id', '=', 'demo')
        .where('key', '=', 'playbook')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.value)).toEqual(body.playbook);
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select(['action'])
        .where('agent_id', '=', lead.agentId)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['settings.update']);

      // A second save replaces the first (upsert on both databases).
      const again = await call(ctx.url, '/v1/playbook', {
        method: 'PUT',
        json: { ...leadPlaybook(), name: 'Second' },
        token: lead.token,
      });
      expect(again.status, again.text).toBe(200);
      const latest = PlaybookResponse.parse((await call(ctx.url, '/v1/playbook')).body);
      expect(latest.playbook.name).toBe('Second');
    });

    it('refuses a bad playbook with 400 invalid_playbook and the path of the bad field; keeps the good one', async () => {
      const before = (await call(ctx.url, '/v1/playbook')).body;
      const cases: { edit: (p: PlaybookInput) => void; path: string; says: RegExp }[] = [
        {
          edit: (p) => void ((p.rules[0] as { text: string }).text = 'Hi {recent.flight.nr}'),
          path: 'rules[0].text',
          says: /unknown placeholder \{recent\.flight\.nr\}/,
        },
        {
          edit: (p) => void ((p.rules[0] as { when: unknown }).when = { intents: { all: ['delay'] } }),
          path: 'rules[0].when.intents.all[0]',
          says: /unknown intent "delay"/,
        },
        {
          edit: (p) => void ((p.rules[0] as { when: unknown }).when = { tierRank: 1 }),
          path: 'rules[0].when.tierRank',
          says: /unknown field/,
        },
        {
          edit: (p) => void ((p.rules[0] as { score: unknown }).score = -1),
          path: 'rules[0].score',
          says: /at least 0/,
        },
        {
          edit: (p) => void ((p as { vertical: string }).vertical = 'casino'),
          path: 'vertical',
          says: /expected "airline" or/,
        },
        {
          edit: (p) => void ((p.intents[0] as { phrases: unknown }).phrases = []),
          path: 'intents[0].phrases',
          says: /at least 1/,
        },
      ];
      for (const { edit, path, says } of cases) {
        const playbook = leadPlaybook();
        edit(playbook);
        const reply = await call(ctx.url, '/v1/playbook', { method: 'PUT', json: playbook });
        expect(reply.status, reply.text).toBe(400);
        const error = ErrorBody.parse(reply.body).error;
        expect(error.code).toBe('invalid_playbook');
        expect(error.message.startsWith(`${path}: `), error.message).toBe(true);
        expect(error.message).toMatch(says);
        expect(error.details).toMatchObject({ path });
      }
      expect((await call(ctx.url, '/v1/playbook')).body).toEqual(before);
    });

    it('refuses malformed JSON, a wrong content type and a non-object body with a 4xx, never a 500', async () => {
      const malformed = await call(ctx.url, '/v1/playbook', {
        method: 'PUT',
        body: '{"version": 1,',
        headers: { 'Content-Type': 'application/json' },
      });
      expect(malformed.status).toBe(400);
      expect(ErrorBody.parse(malformed.body).error.code).toBe('bad_request');
      const text = await call(ctx.url, '/v1/playbook', {
        method: 'PUT',
        body: 'x',
        headers: { 'Content-Type': 'text/plain' },
      });
      expect(text.status).toBe(415);
      const array = await call(ctx.url, '/v1/playbook', { method: 'PUT', json: [1, 2] });
      expect(array.status).toBe(400);
      expect(ErrorBody.parse(array.body).error).toMatchObject({
        code: 'invalid_playbook',
        details: { path: 'playbook' },
      });
    });

    it('answers the default when the stored value no longer validates', async () => {
      await ctx.db
        .updateTable('tenant_settings')
        .set({ value: '{"version": 99}' })
        .where('tenant_id', '=', 'demo')
        .where('key', '=', 'playbook')
        .execute();
      const body = PlaybookResponse.parse((await call(ctx.url, '/v1/playbook')).body);
      expect(body.source).toBe('default');
      expect(body.playbook.name).toBe(demoPlaybook().name);
    });

    it('is described in /openapi.json', async () => {
      const doc = (await call(ctx.url, '/openapi.json', { token: null })).body as {
        paths: Record<string, Record<string, unknown>>;
      };
      expect(Object.keys(doc.paths['/v1/playbook'] ?? {}).sort()).toEqual(['get', 'put']);
    });
  });
}
