import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countRows } from './support/agents.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

// Random and hostile input against every write route of identity, tasks, interactions and settings: the
// answer is a 4xx (or a 2xx when the input happens to be valid), never a 5xx, and a rejected request leaves
// every table as it was. PostgreSQL runs fewer cases: each one is a few round trips.

const RUNS = 40;
const PG_RUNS = 15;

/** Raw pieces put into URLs unencoded: broken and hostile percent-escapes. */
const RAW_URL_PIECES = ['%ZZ', '%ED%A0%80', '%00', '%E2%80%AE', '..%2F..%2F', '%'];

const HOSTILE = [
  "'; DROP TABLE profiles; --",
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'nul\u0000byte',
  '\u0000',
  '\u202Eevil\u202C',
  'مرحبا بالعالم',
  '\ud800',
  '🏳️‍🌈👨‍👩‍👧',
  '%00%27',
  '../../etc/passwd',
  '${jndi:ldap://x}',
  ' ',
  '',
  'a'.repeat(5000),
  'x'.repeat(300_000),
  'ｓｏｆｉａ＠ｅｘａｍｐｌｅ．ｃｏｍ',
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE, ...RAW_URL_PIECES),
  fc.string({ maxLength: 50, unit: 'binary' }),
  fc.string(),
);
const anyValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const identifier = fc.oneof(
  fc.record({ kind: fc.constantFrom('email', 'loyalty', 'order', 'ssn'), value: hostileString }),
  fc.record({
    kind: fc.constant('handle'),
    network: fc.oneof(fc.constantFrom('x', 'instagram'), hostileString),
    value: hostileString,
  }),
  anyValue,
);

const profileId = fc.oneof(fc.constantFrom('prf_sofia_reyes', 'prf_tyler_vance', 'prf_nope'), hostileString);

interface Case {
  method: string;
  path: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

// encodeURIComponent throws on lone surrogates; the body generators still send those (JSON carries them).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const enc = (s: string) =>
  RAW_URL_PIECES.includes(s) ? s : encodeURIComponent(s.replace(LONE_SURROGATE, '\ufffd')).slice(0, 4000);

const cases: Record<string, fc.Arbitrary<Case>> = {
  'POST /v1/profiles/{id}/identities': fc
    .record({
      id: profileId,
      body: fc.oneof(fc.record({ identifier, evidence: maybe(anyValue) }), anyValue),
    })
    .map(({ id, body }) => ({ method: 'POST', path: `/v1/profiles/${enc(id)}/identities`, body })),
  'DELETE /v1/profiles/{id}/identities': fc
    .record({ id: profileId, body: fc.oneof(fc.record({ identifier }), anyValue) })
    .map(({ id, body }) => ({ method: 'DELETE', path: `/v1/profiles/${enc(id)}/identities`, body })),
  'POST /v1/merges': fc
    .record({ sourceProfileId: maybe(profileId), targetProfileId: maybe(profileId), reason: maybe(anyValue) })
    .map((body) => ({ method: 'POST', path: '/v1/merges', body })),
  'POST /v1/merges/{id}/undo': hostileString.map((id) => ({
    method: 'POST',
    path: `/v1/merges/${enc(id)}/undo`,
  })),
  'POST /v1/search': fc.record({ q: anyValue }).map((body) => ({ method: 'POST', path: '/v1/search', body })),
  'GET /v1/search': hostileString.map((q) => ({ method: 'GET', path: `/v1/search?q=${enc(q)}` })),
  'POST /v1/tasks': fc
    .record({
      key: fc.oneof(
        fc.uuid(),
        fc.string({ maxLength: 300 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
      ),
      body: fc.oneof(
        fc.record({
          profileId: maybe(profileId),
          summary: maybe(anyValue),
          channel: maybe(fc.oneof(fc.constant('email'), hostileString)),
          sourceUrl: maybe(anyValue),
          dueAt: maybe(fc.oneof(fc.constant('2030-01-01T00:00:00Z'), hostileString)),
          assigneeId: maybe(hostileString),
        }),
        anyValue,
      ),
    })
    .map(({ key, body }) => ({
      method: 'POST',
      path: '/v1/tasks',
      body,
      headers: { 'Idempotency-Key': key },
    })),
  'GET /v1/tasks': fc
    .record({
      assignee: hostileString,
      status: hostileString,
      due_before: hostileString,
      cursor: hostileString,
    })
    .map((q) => ({
      method: 'GET',
      path: `/v1/tasks?${Object.entries(q)
        .map(([k, v]) => `${k}=${enc(v)}`)
        .join('&')}`,
    })),
  'PATCH /v1/tasks/{id}': fc
    .record({
      id: hostileString,
      body: fc.oneof(
        fc.record({ status: maybe(anyValue), assigneeId: maybe(anyValue), snoozedUntil: maybe(anyValue) }),
        anyValue,
      ),
    })
    .map(({ id, body }) => ({ method: 'PATCH', path: `/v1/tasks/${enc(id)}`, body })),
  'POST /v1/interactions': fc
    .record({
      profileId: maybe(profileId),
      channel: maybe(fc.oneof(fc.constant('twitter'), hostileString)),
      direction: maybe(fc.oneof(fc.constant('outbound'), hostileString)),
      summary: maybe(anyValue),
      caseId: maybe(anyValue),
      type: maybe(anyValue),
      at: maybe(hostileString),
    })
    .map((body) => ({ method: 'POST', path: '/v1/interactions', body })),
  'PUT /v1/settings/sla': fc
    .record({
      hoursByTierRank: fc.oneof(fc.dictionary(hostileString, anyValue, { maxKeys: 4 }), anyValue),
      untieredHours: anyValue,
    })
    .map((body) => ({ method: 'PUT', path: '/v1/settings/sla', body })),
};

/** Hand-made bodies no generator reaches: deep nesting, broken JSON, a body over the limit. */
const RAW_BODIES = [
  '['.repeat(100_000) + ']'.repeat(100_000),
  `{"q":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
  '{"q": "unterminated',
  '\u0000',
  `{"q":"${'a'.repeat(1_100_000)}"}`,
  '{"__proto__":{"admin":true},"q":"so"}',
];

const TABLES = [
  'profiles',
  'identities',
  'identity_events',
  'merges',
  'tasks',
  'interactions',
  'tenant_settings',
  'social_accounts',
] as const;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`fuzzing the write routes — ${backend.title}`, () => {
    const ctx = useServer(backend, { rateLimitPerMinute: 1_000_000 });
    const runs = backend.title.startsWith('SQLite') ? RUNS : PG_RUNS;

    const snapshot = async () => {
      const counts: Record<string, number> = {};
      for (const t of TABLES) counts[t] = await countRows(ctx.db, t);
      const merged = await ctx.db
        .selectFrom('profiles')
        .select('id')
        .where('merged_into', 'is not', null)
        .execute();
      counts.merged = merged.length;
      return counts;
    };

    const send = (c: Case) =>
      call(ctx.url, c.path, {
        method: c.method,
        ...(c.raw !== undefined
          ? { body: c.raw, headers: { 'Content-Type': 'application/json', ...c.headers } }
          : { json: c.body, headers: c.headers }),
      });

    for (const [name, arbitrary] of Object.entries(cases)) {
      it(`${name}: never 5xx, and a rejected request writes nothing`, async () => {
        await fc.assert(
          fc.asyncProperty(arbitrary, async (c) => {
            const before = await snapshot();
            const reply = await send(c);
            expect(reply.status, reply.text.slice(0, 300)).toBeLessThan(500);
            if (reply.status >= 400) {
              expect(reply.body, reply.text.slice(0, 300)).toMatchObject({
                error: { code: expect.any(String) },
              });
              expect(await snapshot()).toEqual(before);
            }
          }),
          { numRuns: runs },
        );
      });
    }

    it('raw hostile bodies (deep nesting, broken JSON, > 1 MB, __proto__) → 4xx on every JSON route', async () => {
      const routes = [
        '/v1/profiles/prf_sofia_reyes/identities',
        '/v1/merges',
        '/v1/search',
        '/v1/tasks',
        '/v1/interactions',
        '/v1/settings/sla',
      ];
      const before = await snapshot();
      for (const path of routes) {
        for (const raw of RAW_BODIES) {
          const reply = await send({
            method: path === '/v1/settings/sla' ? 'PUT' : 'POST',
            path,
            raw,
            headers: { 'Idempotency-Key': 'raw-fuzz' },
          });
          // The one valid body here: a search for "so" whose __proto__ key is ignored, not merged anywhere.
          const valid = path === '/v1/search' && raw.includes('__proto__');
          if (valid) expect(reply.status).toBe(200);
          else
            expect(
              reply.status,
              `${path} ${raw.slice(0, 40)}: ${reply.text.slice(0, 200)}`,
            ).toBeGreaterThanOrEqual(400);
          expect(reply.status, `${path} ${raw.slice(0, 40)}`).toBeLessThan(500);
        }
      }
      const after = await snapshot();
      expect(after).toEqual(before);
    });
  });
}
