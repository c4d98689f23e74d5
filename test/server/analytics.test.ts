import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  AgentList,
  AttentionReport,
  type AttentionRow,
  OverdueResponse,
  PlaybookPreview,
  ScatterResponse,
  SlaPreview,
} from '../../lib/contract/analytics.ts';
import { ErrorBody } from '../../lib/contract/errors.ts';
import { PlaybookResponse } from '../../lib/contract/playbook.ts';
import { Task } from '../../lib/contract/tasks.ts';
import {
  analyticsWindow,
  checkWindowSize,
  type RawAnalyticsQuery,
} from '../../server/analytics/analytics-window.ts';
import { answerColumns } from '../../server/analytics/answer-columns.ts';
import { analyticsThresholds, classOf } from '../../server/analytics/reach-class-sql.ts';
import { medianOf } from '../../server/analytics/response-histogram.ts';
import { engagementsWhere } from '../../server/analytics/window-filters.ts';
import type { Database } from '../../server/db/types.ts';
import { ApiError } from '../../server/http/errors.ts';
import { agentWithRole } from './support/agents.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

// The demo seed holds the story personas and the team month of server/seed/attention-month.ts; the figures
// asserted here are the ones its header comment promises the dashboard (default window: the last 30 days).

type Numbers = [
  profiles: number,
  engagements: number,
  answered: number,
  median: number | null,
  due: number,
  overdue: number,
  sla: number | null,
  contactRequests: number,
  unansweredContactRequests: number,
];

const numbers = (r: AttentionRow | undefined): Numbers => {
  if (!r) throw new Error('row missing');
  return [
    r.profiles,
    r.engagements,
    Math.round((r.answeredShare ?? 0) * r.engagements),
    r.medianFirstResponseMinutes,
    r.followUpsDue,
    r.followUpsOverdue,
    r.slaCompliance,
    r.contactRequests,
    r.unansweredContactRequests,
  ];
};
const byKey = (rows: AttentionRow[]) => Object.fromEntries(rows.map((r) => [r.key, numbers(r)]));

/** Every stored answer column equals what the rule computes from the whole timeline, recomputed from scratch. */
async function staleAnswers(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('interactions')
    .select(['id', 'profile_id', 'at', 'direction', 'agent', 'answered_at', 'response_minutes', 'handler'])
    .where('tenant_id', '=', 'demo')
    .execute();
  const byProfile = new Map<string, typeof rows>();
  for (const r of rows) byProfile.set(r.profile_id, [...(byProfile.get(r.profile_id) ?? []), r]);
  const stale: string[] = [];
  for (const timeline of byProfile.values()) {
    const expected = answerColumns(timeline);
    for (const r of timeline) {
      const e = expected.get(r.id) ?? { answered_at: null, response_minutes: null, handler: null };
      const got = {
        answered_at: r.answered_at,
        response_minutes: r.response_minutes === null ? null : Number(r.response_minutes),
        handler: r.handler,
      };
      if (JSON.stringify(e) !== JSON.stringify(got)) stale.push(r.id);
    }
  }
  return stale;
}

/**
 * The engagement figures of the attention report recomputed one engagement at a time in JS, from the window's
 * inbound interactions and their profiles: per class and per tier rank the customers, engagements, answered
 * ones, median first response and contact requests; and the gaps in order with their values. What the report
 * computes in grouped SQL (server/analytics/attention-aggregates.ts) must equal this on both databases.
 */
async function recomputed(db: Kysely<Database>, q: RawAnalyticsQuery) {
  const w = await analyticsWindow(db, 'demo', q);
  const t = await analyticsThresholds(db, 'demo');
  const rows = await db
    .selectFrom('interactions as i')
    .innerJoin('profiles as p', (j) =>
      j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.id', '=', 'i.profile_id'),
    )
    .select([
      'i.profile_id',
      'i.at',
      'i.response_minutes',
      'i.contact_requested',
      'p.loyalty_program',
      'p.loyalty_tier',
      'p.loyalty_tier_rank',
      'p.value_currency',
      'p.value_lifetime',
      'p.value_last12m',
      'p.social_followers',
    ])
    .where(sql<boolean>`${engagementsWhere('demo', w)}`)
    .execute();
  type Acc = { profiles: Set<string>; engagements: number; minutes: number[]; cr: number; crOpen: number };
  const acc = new Map<string, Acc>();
  const add = (key: string, r: (typeof rows)[number]) => {
    let a = acc.get(key);
    if (!a) acc.set(key, (a = { profiles: new Set(), engagements: 0, minutes: [], cr: 0, crOpen: 0 }));
    a.profiles.add(r.profile_id);
    a.engagements += 1;
    if (r.response_minutes !== null) a.minutes.push(Number(r.response_minutes));
    a.cr += Number(r.contact_requested);
    if (Number(r.contact_requested) === 1 && r.response_minutes === null) a.crOpen += 1;
  };
  const customers = new Map<string, { v: number; n: number; wait: number; waitingSince: string | null }>();
  for (const r of rows) {
    add(`class:${classOf(r, Number(r.social_followers ?? 0), t)}`, r);
    add(`tier:${r.loyalty_tier_rank === null ? 'none' : Number(r.loyalty_tier_rank)}`, r);
    const c = customers.get(r.profile_id) ?? {
      v: Number(r.value_last12m ?? 0),
      n: 0,
      wait: 0,
      waitingSince: null,
    };
    c.n += 1;
    c.wait += r.response_minutes === null ? 1440 : Math.min(Number(r.response_minutes), 1440);
    if (r.response_minutes === null && (c.waitingSince === null || r.at < c.waitingSince))
      c.waitingSince = r.at;
    customers.set(r.profile_id, c);
  }
  const figures = Object.fromEntries(
    [...acc].map(([k, a]) => [
      k,
      [a.profiles.size, a.engagements, a.minutes.length, medianOf(a.minutes), a.cr, a.crOpen],
    ]),
  );
  const gaps = [...customers]
    .filter(([, c]) => c.v > 0 && c.wait > 0)
    .map(([id, c]) => ({ id, c, gap: (c.v * c.wait) / (1440 * c.n) }))
    .sort((a, b) => b.gap - a.gap || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, 50)
    .map(({ id, c, gap }) => [
      id,
      c.n,
      c.waitingSince === null ? null : new Date(c.waitingSince).toISOString(),
      Math.round(gap * 100) / 100,
    ]);
  return { figures, gaps };
}

/** The same figures as the report states them. */
function stated(report: AttentionReport) {
  const figures = Object.fromEntries(
    [
      ...report.byClass.map((r) => [`class:${r.key}`, r] as const),
      ...report.byTier.map((r) => [`tier:${r.key}`, r] as const),
    ]
      .filter(([, r]) => r.engagements > 0)
      .map(([k, r]) => [
        k,
        [
          r.profiles,
          r.engagements,
          Math.round((r.answeredShare ?? 0) * r.engagements),
          r.medianFirstResponseMinutes,
          r.contactRequests,
          r.unansweredContactRequests,
        ],
      ]),
  );
  const gaps = report.gaps.map((g) => [g.profileId, g.engagements, g.waitingSince, g.gap]);
  return { figures, gaps };
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`attention analytics over HTTP — ${backend.title}`, () => {
    const ctx = useServer(backend);
    const get = (path: string, token?: string, headers?: Record<string, string>) =>
      call(ctx.url, path, { ...(token ? { token } : {}), ...(headers ? { headers } : {}) });

    it('the seeded month: engagements, answers, medians, follow-ups and contact requests per class, exactly', async () => {
      const reply = await get('/v1/analytics/attention');
      expect(reply.status, reply.text).toBe(200);
      const report = AttentionReport.parse(reply.body);
      expect(report.teams).toEqual(['Care', 'Social']);
      expect(report.totals).toEqual({
        engagements: 290,
        answered: 253,
        profiles: 205,
        medianFirstResponseMinutes: 120,
      });
      expect(byKey(report.byClass)).toEqual({
        quiet_vip: [43, 87, 72, 720, 10, 10, 0, 10, 10],
        loud_vip: [10, 20, 20, 15, 0, 0, null, 0, 0],
        influencer_not_customer: [31, 61, 61, 10, 10, 0, 1, 5, 0],
        regular: [121, 122, 100, 120, 10, 5, 0, 6, 6],
      });
      // The skew the dashboard exists to show: quiet VIPs are 30 % of engagements but waited 72 times longer.
      const row = (k: string) => report.byClass.find((r) => r.key === k);
      expect(row('quiet_vip')?.engagementShare).toBeCloseTo(87 / 290, 10);
      expect(row('quiet_vip')?.attentionShare).toBeCloseTo(72 / 253, 10);
      expect(report.byTier.map((r) => r.key)).toEqual(['1', '2', '3', 'none']);
      expect(report.byTier.find((r) => r.key === '1')?.label).toBe('Rank 1 (Ambassador, Platinum)');
      expect(report.byTier.reduce((n, r) => n + r.engagements, 0)).toBe(290);
      // Largest gap first: Daniel, the quiet VIP whose message nobody answered.
      expect(report.gaps[0]).toMatchObject({
        profileId: 'prf_daniel_brooks',
        class: 'quiet_vip',
        followers: 75,
      });
      expect(report.gaps.length).toBeLessThanOrEqual(50);
      for (let i = 1; i < report.gaps.length; i++) {
        expect(report.gaps[i - 1]?.gap).toBeGreaterThanOrEqual(report.gaps[i]?.gap ?? 0);
      }
    });

    it('the report equals its figures recomputed one engagement at a time: classes, tiers and gaps in order', async () => {
      for (const q of ['', '?team=Care', '?team=Social', '?channel=chat']) {
        const report = AttentionReport.parse((await get(`/v1/analytics/attention${q}`)).body);
        const filters = Object.fromEntries(new URLSearchParams(q));
        const expected = await recomputed(ctx.db, { from: report.from, to: report.to, ...filters });
        expect(Object.keys(expected.figures).length, q).toBeGreaterThan(1);
        expect(stated(report), q).toEqual(expected);
      }
    });

    it('filters: team (agents matched by id and by name) and channel', async () => {
      const social = AttentionReport.parse((await get('/v1/analytics/attention?team=Social')).body);
      expect(social.team).toBe('Social');
      // Social's agents are written on interactions by NAME; Tyler's reply came from "dana", in no team.
      expect(byKey(social.byClass)).toEqual({
        quiet_vip: [0, 0, 0, null, 0, 0, null, 0, 0],
        loud_vip: [10, 20, 20, 15, 0, 0, null, 0, 0],
        influencer_not_customer: [30, 60, 60, 10, 10, 0, 1, 5, 0],
        regular: [0, 0, 0, null, 0, 0, null, 0, 0],
      });
      // Care's agents are written by ID; the unanswered quiet VIPs are theirs (they last handled them).
      const care = AttentionReport.parse((await get('/v1/analytics/attention?team=Care')).body);
      expect(byKey(care.byClass)).toEqual({
        quiet_vip: [40, 80, 70, 720, 10, 10, 0, 10, 10],
        loud_vip: [0, 0, 0, null, 0, 0, null, 0, 0],
        influencer_not_customer: [0, 0, 0, null, 0, 0, null, 0, 0],
        regular: [100, 100, 100, 120, 10, 5, 0, 0, 0],
      });
      const chat = AttentionReport.parse((await get('/v1/analytics/attention?channel=chat')).body);
      // Regulars with an even k write on chat: 60, among them all 20 never answered (k%6=0) and the 5 contact
      // requests (k%24=0); their follow-ups (k%12=1, odd) are on e-mail.
      expect(chat.channel).toBe('chat');
      expect(numbers(chat.byClass.find((r) => r.key === 'regular'))).toEqual([
        60,
        60,
        40,
        120,
        0,
        0,
        null,
        5,
        5,
      ]);
      expect(chat.totals.engagements).toBe(60);
    });

    it('a window that holds nothing answers zeros, not an error', async () => {
      const reply = await get('/v1/analytics/attention?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z');
      expect(reply.status).toBe(200);
      const report = AttentionReport.parse(reply.body);
      expect(report.totals).toEqual({
        engagements: 0,
        answered: 0,
        profiles: 0,
        medianFirstResponseMinutes: null,
      });
      expect(report.gaps).toEqual([]);
    });

    it('scatter: one point per engaged customer, coloured by how fast they were answered; limit and truncated', async () => {
      const all = ScatterResponse.parse((await get('/v1/analytics/scatter')).body);
      expect(all.truncated).toBe(false);
      expect(all.points).toHaveLength(205);
      const count = (cls: string, response: string) =>
        all.points.filter((p) => p.class === cls && p.response === response).length;
      expect(count('influencer_not_customer', 'fast')).toBe(31);
      expect(count('quiet_vip', 'slow')).toBe(30);
      expect(count('quiet_vip', 'unanswered')).toBe(12);
      expect(count('loud_vip', 'fast')).toBe(10);
      expect(all.points[0]?.valueLast12m).toBeGreaterThanOrEqual(all.points[1]?.valueLast12m ?? 0);
      const few = ScatterResponse.parse((await get('/v1/analytics/scatter?limit=3')).body);
      expect(few.points.map((p) => p.profileId)).toEqual(all.points.slice(0, 3).map((p) => p.profileId));
      expect(few.truncated).toBe(true);
      expect((await get('/v1/analytics/scatter?limit=10001')).status).toBe(400);
    });

    it('overdue: overdue follow-ups and unanswered contact requests by agent, oldest first, paged', async () => {
      const all = OverdueResponse.parse((await get('/v1/analytics/overdue?limit=500')).body);
      expect(all.nextCursor).toBeNull();
      const tally: Record<string, number> = {};
      for (const i of all.items) {
        const key = `${i.kind}:${i.assignee?.name ?? 'nobody'}`;
        tally[key] = (tally[key] ?? 0) + 1;
      }
      expect(tally).toMatchObject({
        'task:Chloe Martin': 5,
        'task:Dev Patel': 10,
        'contact_request:Chloe Martin': 5,
        'contact_request:Dev Patel': 5,
      });
      expect(tally['contact_request:nobody']).toBeGreaterThanOrEqual(5);
      expect(all.items.find((i) => i.assignee?.name === 'Dev Patel')?.assignee).toEqual({
        id: 'agt_month_dev',
        name: 'Dev Patel',
        team: 'Care',
      });
      const since = all.items.map((i) => i.since);
      expect(since).toEqual([...since].sort());

      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = OverdueResponse.parse(
          (await get(`/v1/analytics/overdue?limit=7${cursor ? `&cursor=${cursor}` : ''}`)).body,
        );
        expect(page.items.length).toBeLessThanOrEqual(7);
        paged.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all.items.map((i) => i.id));

      const social = OverdueResponse.parse((await get('/v1/analytics/overdue?team=Social&limit=500')).body);
      expect(social.items).toEqual([]);
      const care = OverdueResponse.parse((await get('/v1/analytics/overdue?team=Care&limit=500')).body);
      expect(care.items).toHaveLength(25);
    });

    it('CSV: format=csv and Accept: text/csv, the same figures as the JSON, written by csv-stringify', async () => {
      const json = AttentionReport.parse((await get('/v1/analytics/attention')).body);
      for (const reply of [
        await get('/v1/analytics/attention?format=csv'),
        await get('/v1/analytics/attention', undefined, { Accept: 'text/csv' }),
      ]) {
        expect(reply.status).toBe(200);
        expect(reply.headers.get('content-type')).toMatch(/^text\/csv/);
        expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="attention-/);
        const rows = parse(reply.text, { columns: true }) as Record<string, string>[];
        expect(rows).toHaveLength(json.byClass.length + json.byTier.length);
        const quiet = rows.find((r) => r.key === 'quiet_vip');
        expect(quiet).toMatchObject({
          dimension: 'class',
          engagements: '87',
          medianFirstResponseMinutes: '720',
        });
      }
      const overdue = await get('/v1/analytics/overdue?format=csv');
      expect(overdue.status).toBe(200);
      const rows = parse(overdue.text, { columns: true }) as Record<string, string>[];
      const items = OverdueResponse.parse((await get('/v1/analytics/overdue?limit=500')).body).items;
      expect(rows.map((r) => r.id)).toEqual(items.map((i) => i.id));
      expect(rows.find((r) => r.assignee === 'Chloe Martin')?.assigneeTeam).toBe('Care');
      expect((await get('/v1/analytics/attention?format=xml')).status).toBe(400);
    });

    it('refuses agents (403 naming the role) on every analytics route and the agent list', async () => {
      const agent = await agentWithRole(ctx.db, 'agent', 'Curious Agent');
      for (const path of [
        '/v1/analytics/attention',
        '/v1/analytics/scatter',
        '/v1/analytics/overdue',
        '/v1/agents',
      ]) {
        const reply = await get(path, agent.token);
        expect(reply.status, path).toBe(403);
        expect(ErrorBody.parse(reply.body).error.message).toMatch(/lead role/);
      }
      const lead = await agentWithRole(ctx.db, 'lead', 'Team Lead');
      expect((await get('/v1/analytics/attention', lead.token)).status).toBe(200);
      expect((await call(ctx.url, '/v1/analytics/attention', { token: null })).status).toBe(401);
    });

    it('bad input answers 400 naming the field, never 5xx', async () => {
      const cases: [string, RegExp][] = [
        [
          '/v1/analytics/attention?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z',
          /^from: must be before to/,
        ],
        ['/v1/analytics/attention?from=yesterday', /^from: not an ISO 8601/],
        ['/v1/analytics/attention?to=2026-02-30T00:00:00Z', /^to: no such date/],
        [
          '/v1/analytics/attention?from=2024-01-01T00:00:00Z&to=2025-06-01T00:00:00Z',
          /^to: the window is at most 366 days/,
        ],
        ['/v1/analytics/attention?channel=carrier-pigeon', /^channel: unknown channel/],
        ['/v1/analytics/attention?team=Nobody', /^team: no agent/],
        ['/v1/analytics/scatter?limit=0', /^limit:/],
        ['/v1/analytics/overdue?cursor=bm9wZQ', /^cursor:/],
        ['/v1/analytics/overdue?limit=abc', /^limit:/],
      ];
      for (const [path, message] of cases) {
        const reply = await get(path);
        expect(reply.status, path).toBe(400);
        expect(ErrorBody.parse(reply.body).error.message, path).toMatch(message);
      }
    });

    it('reads are audited with the profiles they revealed; the agent list names teams', async () => {
      const requestId = `analytics-${randomUUID()}`;
      await get('/v1/analytics/overdue?limit=3', undefined, { 'Request-Id': requestId });
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select(['action', 'agent_id', 'profile_ids'])
        .where('request_id', '=', requestId)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'analytics.read', agent_id: 'agt_demo' });
      expect(JSON.parse(audit[0]?.profile_ids ?? '[]')).toHaveLength(3);
      const agents = AgentList.parse((await get('/v1/agents')).body);
      expect(agents.items.filter((a) => a.team === 'Care').map((a) => a.name)).toEqual([
        'Chloe Martin',
        'Dev Patel',
      ]);
    });

    it('a window holding more engagements than a report reads is refused with the days that would fit', async () => {
      const w = await analyticsWindow(ctx.db, 'demo', {});
      expect(await checkWindowSize(ctx.db, 'demo', w, 1000)).toBe(290);
      const refused = await checkWindowSize(ctx.db, 'demo', w, 100).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ApiError);
      expect(refused).toMatchObject({
        status: 400,
        code: 'window_too_large',
        details: { engagements: 290, suggestedDays: 10 },
      });
      expect((refused as ApiError).message).toMatch(/^from: this window holds 290 engagements/);
    });

    it('SLA preview: open follow-ups per tier now and under a proposed policy; nothing is written', async () => {
      const before = await ctx.db.selectFrom('tasks').selectAll().orderBy('id').execute();
      const settings = await ctx.db.selectFrom('tenant_settings').selectAll().orderBy('key').execute();
      const proposed = { hoursByTierRank: { '1': 1, '2': 8, '3': 24 }, untieredHours: 200 };
      const agent = await agentWithRole(ctx.db, 'agent', 'Preview Agent');
      const post = (json: unknown, token?: string) =>
        call(ctx.url, '/v1/settings/sla/preview', { method: 'POST', json, ...(token ? { token } : {}) });
      expect((await post(proposed, agent.token)).status).toBe(403);
      const reply = await post(proposed);
      expect(reply.status, reply.text).toBe(200);
      const preview = SlaPreview.parse(reply.body);
      // Open follow-ups of the month: quiet VIPs' call-backs (5 rank 1, 5 rank 2) and regulars' (2 rank 3,
      // 3 untiered); 200 h instead of 72 h un-overdues the untiered one made 6 days ago.
      expect(
        preview.byTier.map((t) => [
          t.key,
          t.openTasks,
          t.currentHours,
          t.proposedHours,
          t.overdueNow,
          t.overdueUnderProposed,
        ]),
      ).toEqual([
        ['1', 5, 2, 1, 5, 5],
        ['2', 5, 8, 8, 5, 5],
        ['3', 2, 24, 24, 2, 2],
        ['none', 3, 72, 200, 3, 2],
      ]);
      expect(preview.openTasks).toBe(15);
      expect(preview.examples[0]).toMatchObject({
        tierKey: 'none',
        overdueNow: true,
        overdueUnderProposed: false,
      });
      expect(preview.examples.every((e) => e.proposedDueAt !== e.dueAt)).toBe(true);
      const bad = await post({ hoursByTierRank: { gold: 2 }, untieredHours: 72 });
      expect(bad.status).toBe(400);
      expect(ErrorBody.parse(bad.body).error.message).toMatch(/^hoursByTierRank\.gold/);
      expect((await post({ hoursByTierRank: {}, untieredHours: -1 })).status).toBe(400);
      expect(await ctx.db.selectFrom('tasks').selectAll().orderBy('id').execute()).toEqual(before);
      expect(await ctx.db.selectFrom('tenant_settings').selectAll().orderBy('key').execute()).toEqual(
        settings,
      );
    });

    it('playbook preview: validated like PUT, answers what is added, removed and changed; nothing is written', async () => {
      const settings = await ctx.db.selectFrom('tenant_settings').selectAll().orderBy('key').execute();
      const current = PlaybookResponse.parse((await get('/v1/playbook')).body).playbook;
      const [firstRule, ...otherRules] = current.rules;
      const [firstOffer, ...otherOffers] = current.offers;
      if (!firstRule || !firstOffer) throw new Error('the default playbook has rules and offers');
      const proposed = {
        ...current,
        intents: [...current.intents, { id: 'new-intent', label: 'Something new', phrases: ['brand new'] }],
        rules: otherRules,
        offers: [{ ...firstOffer, priority: firstOffer.priority + 1 }, ...otherOffers],
      };
      const post = (json: unknown, token?: string) =>
        call(ctx.url, '/v1/playbook/preview', { method: 'POST', json, ...(token ? { token } : {}) });
      const reply = await post(proposed);
      expect(reply.status, reply.text).toBe(200);
      expect(PlaybookPreview.parse(reply.body)).toEqual({
        currentSource: 'default',
        intents: { added: ['new-intent'], removed: [], changed: [] },
        rules: { added: [], removed: [firstRule.id], changed: [] },
        offers: { added: [], removed: [], changed: [firstOffer.id] },
        settings: [],
        unchanged: false,
      });
      expect(PlaybookPreview.parse((await post(current)).body).unchanged).toBe(true);
      const bad = await post({ ...current, rules: [{ ...firstRule, text: 'Hi {nope}' }] });
      expect(bad.status).toBe(400);
      expect(ErrorBody.parse(bad.body).error).toMatchObject({
        code: 'invalid_playbook',
        details: { path: 'rules[0].text' },
      });
      const agent = await agentWithRole(ctx.db, 'agent', 'Playbook Agent');
      expect((await post(current, agent.token)).status).toBe(403);
      expect(await ctx.db.selectFrom('tenant_settings').selectAll().orderBy('key').execute()).toEqual(
        settings,
      );
    });

    it('a lead reassigns an overdue follow-up (audited); an agent may not reassign someone else’s', async () => {
      const overdue = OverdueResponse.parse((await get('/v1/analytics/overdue?team=Care&limit=500')).body);
      const item = overdue.items.find((i) => i.kind === 'task' && i.assignee?.name === 'Chloe Martin');
      if (!item) throw new Error('no overdue task of Chloe');
      const agent = await agentWithRole(ctx.db, 'agent', 'Bystander');
      const refused = await call(ctx.url, `/v1/tasks/${item.id}`, {
        method: 'PATCH',
        json: { assigneeId: agent.agentId },
        token: agent.token,
      });
      expect(refused.status).toBe(403);
      const lead = await agentWithRole(ctx.db, 'lead', 'Reassigning Lead');
      const requestId = `reassign-${randomUUID()}`;
      const moved = await call(ctx.url, `/v1/tasks/${item.id}`, {
        method: 'PATCH',
        json: { assigneeId: 'agt_month_ana' },
        token: lead.token,
        headers: { 'Request-Id': requestId },
      });
      expect(moved.status, moved.text).toBe(200);
      expect(Task.parse(moved.body).assignee).toEqual({ id: 'agt_month_ana', name: 'Ana Lima' });
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select(['action', 'agent_id'])
        .where('request_id', '=', requestId)
        .execute();
      expect(audit).toEqual([{ action: 'task.update', agent_id: lead.agentId }]);
      const social = OverdueResponse.parse((await get('/v1/analytics/overdue?team=Social&limit=500')).body);
      expect(social.items.map((i) => i.id)).toEqual([item.id]);
    });

    it('write paths keep the answer columns true: a logged reply answers the waiting request', async () => {
      expect(await staleAnswers(ctx.db)).toEqual([]);
      const before = AttentionReport.parse((await get('/v1/analytics/attention')).body);
      const waiting = OverdueResponse.parse(
        (await get('/v1/analytics/overdue?team=Care&limit=500')).body,
      ).items.find((i) => i.kind === 'contact_request');
      if (!waiting) throw new Error('no waiting request');
      const logged = await call(ctx.url, '/v1/interactions', {
        method: 'POST',
        json: {
          profileId: waiting.profileId,
          channel: 'phone',
          direction: 'outbound',
          summary: 'Called back',
        },
      });
      expect(logged.status, logged.text).toBe(201);
      const stored = await ctx.db
        .selectFrom('interactions')
        .select(['answered_at', 'handler', 'response_minutes'])
        .where('id', '=', waiting.id)
        .executeTakeFirstOrThrow();
      expect(stored.handler).toBe('Demo Agent');
      expect(Number(stored.response_minutes)).toBeGreaterThan(24 * 60);
      const after = AttentionReport.parse((await get('/v1/analytics/attention')).body);
      const quiet = (r: AttentionReport) => r.byClass.find((x) => x.key === 'quiet_vip');
      expect(quiet(after)?.unansweredContactRequests).toBe(
        (quiet(before)?.unansweredContactRequests ?? 0) - 1,
      );
      expect(after.totals.answered).toBe(before.totals.answered + 1);
      const still = OverdueResponse.parse((await get('/v1/analytics/overdue?limit=500')).body);
      expect(still.items.map((i) => i.id)).not.toContain(waiting.id);
      expect(await staleAnswers(ctx.db)).toEqual([]);
    });

    it('write paths keep the answer columns true: a re-import keeps agents’ replies and recomputes over both', async () => {
      // An agent replies to a month customer, then the customer is re-imported with a new message before it.
      const logged = await call(ctx.url, '/v1/interactions', {
        method: 'POST',
        json: { profileId: 'prf_tm_q001', channel: 'email', direction: 'outbound', summary: 'Following up' },
      });
      expect(logged.status).toBe(201);
      const line = {
        externalId: 'TM-Q-001',
        name: 'Jon Joyce',
        loyalty: { program: 'Harbor Hotels', tier: 'Platinum', tierRank: 1, points: 3000 },
        value: { currency: 'USD', lifetime: 25000, last12m: 6000, ordersCount: 40 },
        identities: [{ kind: 'email', value: 'tm_q001@example.org' }],
        interactions: [
          {
            at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
            channel: 'email',
            direction: 'inbound',
            summary: 'Any news?',
          },
        ],
      };
      const imported = await call(ctx.url, '/v1/import', {
        method: 'POST',
        body: `${JSON.stringify(line)}\n`,
        headers: { 'Content-Type': 'application/x-ndjson' },
      });
      expect(imported.status, imported.text).toBe(200);
      const rows = await ctx.db
        .selectFrom('interactions')
        .select(['summary', 'answered_at', 'handler'])
        .where('profile_id', '=', 'prf_tm_q001')
        .where('direction', '=', 'inbound')
        .execute();
      // The imported message (2 days ago) is answered by the agent's reply (just now), kept across the import.
      expect(rows).toEqual([expect.objectContaining({ summary: 'Any news?', handler: 'Demo Agent' })]);
      expect(rows[0]?.answered_at).not.toBeNull();
      expect(await staleAnswers(ctx.db)).toEqual([]);
    });
  });
}
