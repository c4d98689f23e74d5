import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../../lib/contract/errors.ts';
import { ProfileDetail, type ProfileSummary } from '../../lib/contract/profile.ts';
import {
  type TriageFacts,
  TriagePreview,
  TriageResponse,
  TriageSettings,
  type TriageSettingsUpdate,
} from '../../lib/contract/triage.ts';
import { DEFAULT_PERCENTILES, DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS } from '../../lib/triage/defaults.ts';
import { percentile } from '../../lib/triage/percentiles.ts';
import { priorityScore, rankByPriority } from '../../lib/triage/priority.ts';
import { reachClass } from '../../lib/triage/reach-class.ts';
import { valueBand } from '../../lib/triage/value-band.ts';
import { loadSummaries } from '../../server/profiles/load-profiles.ts';
import { seedSynthetic } from '../../server/seed/synthetic.ts';
import { classifyProfiles } from '../../server/triage/class-counts.ts';
import { loadTriageFacts } from '../../server/triage/facts.ts';
import { agentWithRole } from './support/agents.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

const STORY = [
  'prf_sofia_reyes',
  'prf_john_carter',
  'prf_mary_okafor',
  'prf_daniel_brooks',
  'prf_tyler_vance',
  'prf_jane_smith',
  'prf_priya_nair',
];
/** Enough that every sample passes MIN_SAMPLE (500): about a third of generated profiles have followers. */
const SYNTHETIC = 1500;
const update = (over: Partial<{ percentiles: object; weights: object }> = {}): TriageSettingsUpdate =>
  ({
    percentiles: { ...DEFAULT_PERCENTILES, ...over.percentiles },
    weights: { ...DEFAULT_WEIGHTS, ...over.weights },
  }) as TriageSettingsUpdate;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`triage settings and facts over HTTP — ${backend.title}`, () => {
    const ctx = useServer(backend);
    const settingsRows = () =>
      ctx.db
        .selectFrom('tenant_settings')
        .select(['key', 'value', 'updated_at'])
        .where('key', 'like', 'triage%')
        .orderBy('key')
        .execute();
    const auditRows = (action: string) =>
      ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', action as 'lookup')
        .execute();

    const liveProfiles = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('profiles')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .where('tenant_id', '=', 'demo')
            .where('merged_into', 'is', null)
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('GET /v1/triage/settings answers any role; the small demo tenant keeps the default cut-offs', async () => {
      const agent = await agentWithRole(ctx.db, 'agent');
      const reply = await call(ctx.url, '/v1/triage/settings', { token: agent.token });
      expect(reply.status, reply.text).toBe(200);
      const settings = TriageSettings.parse(reply.body);
      expect(settings).toMatchObject({
        percentiles: DEFAULT_PERCENTILES,
        weights: DEFAULT_WEIGHTS,
        thresholds: DEFAULT_THRESHOLDS,
        profiles: await liveProfiles(),
      });
      expect(settings.profiles).toBeLessThan(500);
      // Under the defaults the demo reads as DESIGN.md tells it.
      expect(valueBand(620, settings.thresholds)).toBe('$');
      expect(valueBand(9850, settings.thresholds)).toBe('$$$');
      expect(valueBand(38_900, settings.thresholds)).toBe('$$$$');
      expect((await call(ctx.url, '/v1/triage/settings', { token: null })).status).toBe(401);
    });

    it('PUT and preview need the lead role (403 for an agent), and write nothing then', async () => {
      const agent = await agentWithRole(ctx.db, 'agent');
      const before = await settingsRows();
      for (const path of ['/v1/settings/triage', '/v1/settings/triage/preview']) {
        const reply = await call(ctx.url, path, {
          method: path.endsWith('preview') ? 'POST' : 'PUT',
          json: update(),
          token: agent.token,
        });
        expect(reply.status, path).toBe(403);
        expect(ErrorBody.parse(reply.body).error.message).toMatch(/lead/);
      }
      expect(await settingsRows()).toEqual(before);
    });

    it('refuses bad settings with a 400 naming the field', async () => {
      const lead = await agentWithRole(ctx.db, 'lead');
      const put = (json: unknown) =>
        call(ctx.url, '/v1/settings/triage', { method: 'PUT', json, token: lead.token });
      const cases: [unknown, RegExp][] = [
        [
          update({ percentiles: { valueBands: [80, 50, 95] } }),
          /^percentiles\.valueBands: .*strictly ascending/,
        ],
        [update({ percentiles: { valueBands: [50, 50, 95] } }), /^percentiles\.valueBands/],
        [update({ percentiles: { highValue: 100 } }), /^percentiles\.highValue/],
        [update({ percentiles: { lowValue: 95, highValue: 90 } }), /^percentiles\.lowValue/],
        [update({ weights: { tier: -1 } }), /^weights\.tier/],
        [update({ weights: { reachBonusMax: 40 } }), /^weights\.reachBonusMax: .*below weights\.tier/],
        [{ percentiles: DEFAULT_PERCENTILES }, /^weights/],
      ];
      const before = await settingsRows();
      for (const [json, message] of cases) {
        const reply = await put(json);
        expect(reply.status, JSON.stringify(json)).toBe(400);
        expect(ErrorBody.parse(reply.body).error.message).toMatch(message);
      }
      const preview = await call(ctx.url, '/v1/settings/triage/preview', {
        method: 'POST',
        json: update({ percentiles: { valueBands: [95, 80, 50] } }),
        token: lead.token,
      });
      expect(preview.status).toBe(400);
      expect(ErrorBody.parse(preview.body).error.message).toMatch(/^percentiles\.valueBands/);
      expect(await settingsRows()).toEqual(before);
    });

    describe('over a tenant big enough for percentiles', () => {
      it('preview shows cut-offs and class sizes before and after, and writes nothing', async () => {
        await seedSynthetic(ctx.db, SYNTHETIC, { batch: 500 });
        const lead = await agentWithRole(ctx.db, 'lead');
        const rows = await settingsRows();
        const audits = (await auditRows('settings.update')).length;
        const reply = await call(ctx.url, '/v1/settings/triage/preview', {
          method: 'POST',
          json: update({ percentiles: { bigReach: 50 } }),
          token: lead.token,
        });
        expect(reply.status, reply.text).toBe(200);
        const preview = TriagePreview.parse(reply.body);
        // Before: still the cached answer for the small demo tenant; after: percentiles of every live profile.
        const live = await liveProfiles();
        expect(preview.before.thresholds).toEqual(DEFAULT_THRESHOLDS);
        expect(preview.after.profiles).toBe(live);
        expect(preview.after.thresholds).not.toEqual(DEFAULT_THRESHOLDS);
        const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
        expect(total(preview.classCounts.before)).toBe(live);
        expect(total(preview.classCounts.after)).toBe(live);
        // The median audience is far below the default 5,000: more loud accounts after.
        const loud = (c: Record<string, number>) => (c.loud_vip ?? 0) + (c.influencer_not_customer ?? 0);
        expect(loud(preview.classCounts.after)).toBeGreaterThan(loud(preview.classCounts.before));
        expect(await settingsRows()).toEqual(rows);
        expect((await auditRows('settings.update')).length).toBe(audits);
      });

      it('PUT computes the cut-offs from the live profiles, as lib/triage/percentiles.ts would, and audits', async () => {
        const lead = await agentWithRole(ctx.db, 'lead');
        const chosen = update({
          percentiles: { valueBands: [40, 70, 90], bigReach: 90 },
          weights: { tier: 50 },
        });
        const reply = await call(ctx.url, '/v1/settings/triage', {
          method: 'PUT',
          json: chosen,
          token: lead.token,
        });
        expect(reply.status, reply.text).toBe(200);
        const saved = TriageSettings.parse(reply.body);
        expect(saved).toMatchObject(chosen);

        // The same percentiles computed here from every live profile's values.
        const profiles = await ctx.db
          .selectFrom('profiles')
          .select(['id', 'value_last12m', 'value_lifetime'])
          .where('tenant_id', '=', 'demo')
          .where('merged_into', 'is', null)
          .execute();
        const sorted = (xs: (number | null)[]) =>
          xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
        const last12m = sorted(profiles.map((p) => p.value_last12m));
        const lifetime = sorted(profiles.map((p) => p.value_lifetime));
        const social = await ctx.db
          .selectFrom('social_accounts')
          .select(['profile_id', 'followers'])
          .where('tenant_id', '=', 'demo')
          .execute();
        const perProfile = new Map<string, number>();
        for (const s of social)
          perProfile.set(s.profile_id, (perProfile.get(s.profile_id) ?? 0) + s.followers);
        const followers = sorted([...perProfile.values()]);
        const t = saved.thresholds;
        expect(t.valueBands[0]).toBeCloseTo(percentile(last12m, 40) as number, 6);
        expect(t.valueBands[1]).toBeCloseTo(percentile(last12m, 70) as number, 6);
        expect(t.valueBands[2]).toBeCloseTo(percentile(last12m, 90) as number, 6);
        expect(t.highValue).toBeCloseTo(percentile(lifetime, 90) as number, 6);
        expect(t.lowValue).toBeCloseTo(percentile(lifetime, 25) as number, 6);
        expect(t.bigReach).toBeCloseTo(percentile(followers, 90) as number, 6);

        const read = TriageSettings.parse((await call(ctx.url, '/v1/triage/settings')).body);
        expect(read).toEqual(saved);
        const audit = (await auditRows('settings.update')).filter((r) => r.agent_id === lead.agentId);
        expect(audit).toHaveLength(1);
      });

      it('the SQL class and band agree with lib/triage on every live profile', async () => {
        const settings = TriageSettings.parse((await call(ctx.url, '/v1/triage/settings')).body);
        const ids = (
          await ctx.db.selectFrom('profiles').select('id').where('tenant_id', '=', 'demo').execute()
        ).map((r) => r.id);
        const summaries = await loadSummaries(ctx.db, 'demo', ids);
        const classes = await classifyProfiles(ctx.db, 'demo', ids, settings.thresholds);
        expect(classes.size).toBe(ids.length);
        const seen = new Set<string>();
        for (const [id, summary] of summaries) {
          const got = classes.get(id);
          expect(got?.reachClass, id).toBe(reachClass(summary, settings.thresholds));
          expect(got?.valueBand ?? null, id).toBe(valueBand(summary.value?.last12m, settings.thresholds));
          expect(got?.followers).toBe(summary.reach.followers);
          seen.add(got?.reachClass ?? '');
        }
        expect(seen.size).toBeGreaterThanOrEqual(3); // the comparison covered several classes
      });
    });

    it('an import marks the distribution stale: it is recomputed behind the next read', async () => {
      const before = TriageSettings.parse((await call(ctx.url, '/v1/triage/settings')).body);
      const row = {
        externalId: 'TRIAGE-NEW-1',
        name: 'New Customer',
        identities: [{ kind: 'email', value: 'new.customer@example.com' }],
        value: { currency: 'USD', lifetime: 10, last12m: 5 },
      };
      const imported = await call(ctx.url, '/v1/import', {
        method: 'POST',
        body: `${JSON.stringify(row)}\n`,
        headers: { 'Content-Type': 'application/x-ndjson' },
      });
      expect(imported.status, imported.text).toBe(200);
      const stored = (await settingsRows()).find((r) => r.key === 'triage.distribution');
      expect(JSON.parse(stored?.value ?? '{}'), 'flagged stale for every node').toMatchObject({
        stale: true,
      });
      // Served stale while one recomputation runs behind it, then the new count.
      let after = TriageSettings.parse((await call(ctx.url, '/v1/triage/settings')).body);
      for (let i = 0; i < 100 && after.profiles === before.profiles; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = TriageSettings.parse((await call(ctx.url, '/v1/triage/settings')).body);
      }
      expect(after.profiles).toBe(before.profiles + 1);
      expect(after.computedAt > before.computedAt).toBe(true);
    });

    describe('POST /v1/triage', () => {
      const triage = (json: unknown, token?: string) =>
        call(ctx.url, '/v1/triage', { method: 'POST', json, ...(token ? { token } : {}) });

      it('answers the story personas with the open loops of their profile read', async () => {
        const agent = await agentWithRole(ctx.db, 'agent');
        const reply = await triage(
          { profileIds: STORY, context: { pageOrigin: 'https://x.com/notifications?q=secret' } },
          agent.token,
        );
        expect(reply.status, reply.text).toBe(200);
        const { items } = TriageResponse.parse(reply.body);
        expect(items.map((i) => i.profileId)).toEqual(STORY);
        const byId = new Map(items.map((i) => [i.profileId, i]));
        for (const id of STORY) {
          const detail = ProfileDetail.parse((await call(ctx.url, `/v1/profiles/${id}`)).body);
          const loops = detail.openLoops ?? [];
          const facts = byId.get(id) as TriageFacts;
          expect(facts.openLoops, id).toBe(loops.length);
          const oldest = loops.map((l) => Date.parse(l.since)).sort((a, b) => a - b)[0];
          expect(
            facts.oldestOpenLoopSince === null ? undefined : Date.parse(facts.oldestOpenLoopSince),
            id,
          ).toBe(oldest);
          // Waiting: the first inbound after the last outbound, null once answered.
          if (facts.lastInboundAt && (!facts.lastOutboundAt || facts.lastInboundAt > facts.lastOutboundAt)) {
            expect(facts.waitingSince, id).not.toBeNull();
            expect(facts.waitingSince! <= facts.lastInboundAt, id).toBe(true);
            if (facts.lastOutboundAt) expect(facts.waitingSince! > facts.lastOutboundAt, id).toBe(true);
          } else {
            expect(facts.waitingSince, id).toBeNull();
          }
        }
        // John's survey asked to be contacted three weeks ago, and nobody did (seeds/001).
        expect(byId.get('prf_john_carter')?.openLoops).toBeGreaterThanOrEqual(1);
        // Sofia's latest tweet: "bags never arrived" (negative); answered a minute later by the bot.
        expect(byId.get('prf_sofia_reyes')).toMatchObject({ negativeSentiment: true, waitingSince: null });
        expect(byId.get('prf_tyler_vance')).toMatchObject({ negativeSentiment: false, openLoops: 0 });
        // Mary: e-mail, then nothing for two months.
        expect(byId.get('prf_mary_okafor')?.waitingSince).not.toBeNull();

        const audit = (await auditRows('profile.read')).filter((r) => r.agent_id === agent.agentId);
        expect(audit).toHaveLength(1);
        expect(JSON.parse(audit[0]?.profile_ids ?? '[]')).toEqual(STORY);
        expect(audit[0]?.page_origin).toBe('https://x.com');
      });

      it('ranks Daniel, the quiet VIP, above the 20k-follower non-customer with the served settings', async () => {
        const settings = TriageSettings.parse((await call(ctx.url, '/v1/triage/settings')).body);
        const ids = ['prf_tyler_vance', 'prf_daniel_brooks'];
        const facts = new Map(
          TriageResponse.parse((await triage({ profileIds: ids })).body).items.map((f) => [f.profileId, f]),
        );
        const ranked = rankByPriority(
          await Promise.all(
            ids.map(async (id) => {
              const profile = ProfileDetail.parse(
                (await call(ctx.url, `/v1/profiles/${id}`)).body,
              ) as ProfileSummary;
              const p = priorityScore({ profile, facts: facts.get(id) ?? null }, settings, new Date());
              return { name: profile.name, followers: profile.reach.followers, score: p.score };
            }),
          ),
        );
        expect(ranked.map((r) => r.name)).toEqual(['Daniel Brooks', 'Tyler Vance']);
      });

      it('leaves out unknown, merged and other tenants’ ids', async () => {
        const now = new Date().toISOString();
        await ctx.db
          .insertInto('tenants')
          .values({ id: 'other_t', name: 'Other', created_at: now })
          .execute();
        const base = {
          external_id: null,
          loyalty_program: null,
          loyalty_tier: null,
          loyalty_tier_rank: null,
          loyalty_points: null,
          loyalty_member_since: null,
          value_currency: null,
          value_lifetime: null,
          value_last12m: null,
          value_orders_count: null,
          pref_channel: null,
          pref_language: null,
          pref_notes: '[]',
          created_at: now,
          updated_at: now,
          loyalty_tier_expires_at: null,
          value_last_order_at: null,
        };
        await ctx.db
          .insertInto('profiles')
          .values([
            { ...base, id: 'prf_elsewhere', tenant_id: 'other_t', name: 'Elsewhere', merged_into: null },
            {
              ...base,
              id: 'prf_old_daniel',
              tenant_id: 'demo',
              name: 'Old Daniel',
              merged_into: 'prf_daniel_brooks',
            },
          ])
          .execute();
        const reply = await triage({
          profileIds: ['prf_elsewhere', 'prf_old_daniel', 'nope', 'prf_daniel_brooks', 'prf_daniel_brooks'],
        });
        expect(reply.status).toBe(200);
        expect(TriageResponse.parse(reply.body).items.map((i) => i.profileId)).toEqual(['prf_daniel_brooks']);
      });

      it('400 naming the field for an empty, oversized or malformed batch', async () => {
        const cases: [unknown, RegExp][] = [
          [{ profileIds: [] }, /^profileIds/],
          [{ profileIds: Array.from({ length: 101 }, (_, i) => `p${i}`) }, /^profileIds/],
          [{ profileIds: [''] }, /^profileIds\[0\]/],
          [{ profileIds: 'prf_john_carter' }, /^profileIds/],
          [{ ids: ['x'] }, /^profileIds/],
        ];
        for (const [json, message] of cases) {
          const reply = await triage(json);
          expect(reply.status, JSON.stringify(json)).toBe(400);
          expect(ErrorBody.parse(reply.body).error.message).toMatch(message);
        }
      });

      it('costs the same number of queries for 1 id as for 100', async () => {
        let queries = 0;
        const counter: KyselyPlugin = {
          transformQuery: (args) => {
            queries++;
            return args.node;
          },
          transformResult: async (args) => args.result,
        };
        const db = ctx.db.withPlugin(counter);
        await loadTriageFacts(db, 'demo', ['prf_john_carter']);
        const one = queries;
        queries = 0;
        const many = (
          await ctx.db
            .selectFrom('profiles')
            .select('id')
            .where('tenant_id', '=', 'demo')
            .limit(100)
            .execute()
        ).map((r) => r.id);
        expect(many).toHaveLength(100);
        await loadTriageFacts(db, 'demo', many);
        expect(queries).toBe(one);
        expect(one).toBeLessThanOrEqual(8);
      });
    });
  });
}
