import type { Kysely } from 'kysely';
import type * as z from 'zod/mini';
import type { ImportRow } from '../../lib/contract/import-row.ts';
import type { Database, TasksTable } from '../db/types.ts';
import { importRows } from '../import/import-rows.ts';
import type { SourceRow } from '../import/source-row.ts';

// A team's month (issue 6): 200 customers in four clusters, two teams, four agents, where influencers got
// fast answers and quiet VIPs waited. Deterministic: a pure function of `now`; seeding twice with the same
// `now` writes nothing new (profiles go through the import, tasks are upserted by id).
//
// Every cluster holds identical values (followers, lifetime), so the classes come out the same whatever
// percentile the tenant's thresholds sit at, as long as the cut-off falls inside a cluster or between them.
//
//   class                     n   tier ranks          followers  lifetime  last12m  engagements  answered after
//   quiet_vip                40   1 (20), 2 (20)             75    25,000    6,000  2 each = 80   1st: 720 min (12 h);
//                                                                                                 2nd: 1,440 min,
//                                                                                                 or never for k%4=0
//   loud_vip                 10   1                      20,000    25,000    6,000  2 each = 20   15 min
//   influencer_not_customer  30   none                   20,000         0        0  2 each = 60   10 min
//   regular                 120   3 (60), none (60)        120       800      200  1 each = 120  120 min, never k%6=0
//
// In the month ending `now` ([now − 30 d, now)), for THIS seed alone (the demo tenant adds the story
// personas: their figures are in test/server/analytics.test.ts, which asserts the API's exact answer):
//   quiet_vip:  80 engagements, 70 answered, median first response 720 min, 10 unanswered contact requests,
//               10 follow-ups due, 10 overdue (SLA compliance 0)
//   loud_vip:   20 engagements, 20 answered, median 15 min
//   influencer: 60 engagements, 60 answered, median 10 min, 5 contact requests (answered),
//               10 follow-ups due, all done on time (SLA compliance 1)
//   regular:   120 engagements, 100 answered, median 120 min, 5 unanswered contact requests (of the 20
//               unanswered), 10 follow-ups due, 5 done late and 5 overdue (SLA compliance 0)
// The demo seed (`npm start`: this month plus the story personas), GET /v1/analytics/attention with the
// default window (the last 30 days), byClass rows as profiles / engagements / answeredShare / median minutes /
// follow-ups due / overdue / slaCompliance / contact requests / unanswered ones:
//   quiet_vip   43 /  87 / 72 of 87 / 720 / 10 / 10 / 0 / 10 / 10   (+ Sofia, Daniel, Priya)
//   loud_vip    10 /  20 / 20 of 20 /  15 /  0 /  0 / null / 0 / 0
//   influencer  31 /  61 / 61 of 61 /  10 / 10 /  0 / 1 / 5 / 0     (+ Tyler)
//   regular    121 / 122 / 100 of 122 / 120 / 10 / 5 / 0 / 6 / 6   (+ John, whose survey nobody answered)
//   totals: 290 engagements, 253 answered, 205 customers, median 120 min; teams ["Care", "Social"]
// With team=Social: only loud VIPs (20 engagements, 15 min) and influencers (60, 10 min; Tyler's reply came
// from "dana", in no team). Scatter: influencers `fast`, 30 quiet VIPs `slow`, 10 (+ Daniel, Priya) `unanswered`.
// Teams: Social (Ana Lima, Ben Okoro; interactions carry their NAMES) answers the influencers and the loud
// VIPs; Care (Chloe Martin, Dev Patel; interactions carry their agent IDS) answers the quiet VIPs and regulars.
// Overdue follow-ups: Chloe Martin 5 (quiet VIPs), Dev Patel 5 (quiet VIPs) + 5 (regulars). Unanswered contact
// requests: 10 quiet VIPs, handled last by Chloe (5) and Dev (5); 5 regulars nobody ever answered (no agent).

export const MONTH_TEAMS = { social: 'Social', care: 'Care' } as const;

export const MONTH_AGENTS = [
  { id: 'agt_month_ana', name: 'Ana Lima', team: MONTH_TEAMS.social },
  { id: 'agt_month_ben', name: 'Ben Okoro', team: MONTH_TEAMS.social },
  { id: 'agt_month_chloe', name: 'Chloe Martin', team: MONTH_TEAMS.care },
  { id: 'agt_month_dev', name: 'Dev Patel', team: MONTH_TEAMS.care },
] as const;
const [ANA, BEN, CHLOE, DEV] = MONTH_AGENTS;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const FIRST = [
  'Alex',
  'Bea',
  'Carl',
  'Dina',
  'Eli',
  'Fay',
  'Gus',
  'Hale',
  'Iris',
  'Jon',
  'Kai',
  'Lea',
  'Max',
];
const LAST = [
  'Arden',
  'Bloom',
  'Cole',
  'Drake',
  'Ellis',
  'Frost',
  'Grant',
  'Hayes',
  'Irving',
  'Joyce',
  'Kerr',
];

type Cluster = 'quiet_vip' | 'loud_vip' | 'influencer_not_customer' | 'regular';

interface Customer {
  cluster: Cluster;
  k: number;
  externalId: string;
  profileId: string;
  tierRank: number | null;
}

const CLUSTERS: { cluster: Cluster; prefix: string; n: number; rank: (k: number) => number | null }[] = [
  { cluster: 'quiet_vip', prefix: 'q', n: 40, rank: (k) => (k < 20 ? 1 : 2) },
  { cluster: 'loud_vip', prefix: 'l', n: 10, rank: () => 1 },
  { cluster: 'influencer_not_customer', prefix: 'i', n: 30, rank: () => null },
  { cluster: 'regular', prefix: 'r', n: 120, rank: (k) => (k < 60 ? 3 : null) },
];

export function monthCustomers(): Customer[] {
  return CLUSTERS.flatMap(({ cluster, prefix, n, rank }) =>
    Array.from({ length: n }, (_, k) => {
      const num = String(k + 1).padStart(3, '0');
      return {
        cluster,
        k,
        externalId: `TM-${prefix.toUpperCase()}-${num}`,
        profileId: `prf_tm_${prefix}${num}`,
        tierRank: rank(k),
      };
    }),
  );
}

/** What an import line holds before parsing (optional fields may be left out). */
type ImportRowIn = z.input<typeof ImportRow>;

const TIER_NAMES: Record<number, string> = { 1: 'Platinum', 2: 'Gold', 3: 'Silver' };

type InteractionInput = NonNullable<ImportRowIn['interactions']>[number];

/** One customer's import row: profile, and the month's interactions dated back from `now`. */
function customerRow(c: Customer, now: number): ImportRowIn {
  const iso = (t: number) => new Date(t).toISOString();
  const name = `${FIRST[(c.k * 5 + c.cluster.length) % FIRST.length]} ${LAST[(c.k * 7 + c.cluster.length) % LAST.length]}`;
  const handle = `tm_${c.profileId.slice(7)}`;
  const vip = c.cluster === 'quiet_vip' || c.cluster === 'loud_vip';
  const followers = c.cluster === 'quiet_vip' ? 75 : c.cluster === 'regular' ? 120 : 20_000;
  const lifetime = vip ? 25_000 : c.cluster === 'regular' ? 800 : 0;
  const last12m = vip ? 6_000 : c.cluster === 'regular' ? 200 : 0;
  // First engagement 5 to 24 days ago (so every answer, up to a day later, lands before now).
  const t1 = now - (5 + (c.k % 20)) * DAY - ((c.k * 37) % 600) * MINUTE;
  const t2 = t1 + 3 * DAY;
  const interactions: InteractionInput[] = [];
  const inbound = (at: number, channel: InteractionInput['channel'], summary: string, contact = false) =>
    interactions.push({
      at: iso(at),
      channel,
      direction: 'inbound',
      summary,
      ...(contact ? { contactRequested: true } : {}),
    });
  const reply = (at: number, channel: InteractionInput['channel'], agent: string) =>
    interactions.push({ at: iso(at), channel, direction: 'outbound', summary: 'Replied', agent });
  // Quiet VIPs k%8=0 are Chloe's, the same as their overdue call-backs below; everyone else cared for is Dev's.
  const careAgent = c.k % 8 === 0 ? CHLOE.id : DEV.id;
  const socialAgent = c.k % 2 === 0 ? ANA.name : BEN.name;

  switch (c.cluster) {
    case 'quiet_vip': {
      const channel = c.k % 3 === 0 ? 'twitter' : c.k % 3 === 1 ? 'email' : 'phone';
      inbound(t1, channel, 'Question about my next stay');
      reply(t1 + 720 * MINUTE, channel, careAgent);
      const forgotten = c.k % 4 === 0;
      inbound(t2, channel, forgotten ? 'Please call me back' : 'One more thing', forgotten);
      if (!forgotten) reply(t2 + 1440 * MINUTE, channel, careAgent);
      break;
    }
    case 'loud_vip':
      inbound(t1, 'twitter', 'Loved the lounge');
      reply(t1 + 15 * MINUTE, 'twitter', socialAgent);
      inbound(t2, 'twitter', 'Any upgrade for my next trip?');
      reply(t2 + 15 * MINUTE, 'twitter', socialAgent);
      break;
    case 'influencer_not_customer': {
      const channel = c.k % 2 === 0 ? 'twitter' : 'instagram';
      inbound(t1, channel, 'Collab?', c.k % 6 === 0);
      reply(t1 + 10 * MINUTE, channel, socialAgent);
      inbound(t2, channel, 'Free stay for a post?');
      reply(t2 + 10 * MINUTE, channel, socialAgent);
      break;
    }
    case 'regular': {
      const channel = c.k % 2 === 0 ? 'chat' : 'email';
      const unanswered = c.k % 6 === 0;
      const contact = c.k % 24 === 0;
      inbound(t1, channel, contact ? 'Please get back to me' : 'Where is my order?', contact);
      if (!unanswered) reply(t1 + 120 * MINUTE, channel, careAgent);
      break;
    }
  }

  return {
    externalId: c.externalId,
    name,
    identities: [
      { kind: 'email', value: `${handle}@example.org` },
      { kind: 'handle', network: 'x', value: handle },
    ],
    loyalty:
      c.tierRank === null
        ? null
        : {
            program: 'Harbor Hotels',
            tier: TIER_NAMES[c.tierRank] ?? 'Member',
            tierRank: c.tierRank,
            points: 1000 * (4 - c.tierRank),
          },
    value: { currency: 'USD', lifetime, last12m, ordersCount: vip ? 40 : c.cluster === 'regular' ? 3 : 0 },
    social: [{ network: 'x', handle, followers }],
    interactions,
  };
}

/** Follow-ups with known assignees: quiet VIPs' call-backs left overdue, influencers' done on time. */
function monthTasks(customers: Customer[], tenantId: string, now: number): TasksTable[] {
  const tasks: TasksTable[] = [];
  const iso = (t: number) => new Date(t).toISOString();
  for (const c of customers) {
    const t1 = now - (5 + (c.k % 20)) * DAY - ((c.k * 37) % 600) * MINUTE;
    const base = {
      tenant_id: tenantId,
      profile_id: c.profileId,
      snoozed_until: null,
      idempotency_key: null,
      request_hash: null,
      source_url: null,
    };
    if (c.cluster === 'quiet_vip' && c.k % 4 === 0) {
      const created = t1 + 3 * DAY;
      const due = created + (c.tierRank === 1 ? 2 : 8) * HOUR;
      tasks.push({
        ...base,
        id: `tsk_tm_${c.profileId.slice(7)}`,
        summary: 'Call back about the next stay',
        status: 'open',
        created_at: iso(created),
        created_by: CHLOE.id,
        due_at: iso(due),
        assignee_id: c.k % 8 === 0 ? CHLOE.id : DEV.id,
        channel: c.k % 3 === 0 ? 'twitter' : c.k % 3 === 1 ? 'email' : 'phone',
        done_at: null,
        updated_at: iso(created),
      });
    } else if (c.cluster === 'influencer_not_customer' && c.k < 10) {
      const created = t1 + 10 * MINUTE;
      tasks.push({
        ...base,
        id: `tsk_tm_${c.profileId.slice(7)}`,
        summary: 'Send the collab brief',
        status: 'done',
        created_at: iso(created),
        created_by: ANA.id,
        due_at: iso(created + 72 * HOUR),
        assignee_id: ANA.id,
        channel: c.k % 2 === 0 ? 'twitter' : 'instagram',
        done_at: iso(created + HOUR),
        updated_at: iso(created + HOUR),
      });
    } else if (c.cluster === 'regular' && c.k % 12 === 1) {
      const created = t1 + 120 * MINUTE;
      const due = created + (c.tierRank === 3 ? 24 : 72) * HOUR;
      const late = c.k % 24 === 1;
      tasks.push({
        ...base,
        id: `tsk_tm_${c.profileId.slice(7)}`,
        summary: 'Check the order status',
        status: late ? 'done' : 'open',
        created_at: iso(created),
        created_by: DEV.id,
        due_at: iso(due),
        assignee_id: DEV.id,
        channel: c.k % 2 === 0 ? 'chat' : 'email',
        done_at: late ? iso(due + DAY) : null,
        updated_at: iso(created),
      });
    }
  }
  return tasks;
}

async function* asSource<T>(rows: readonly T[]): AsyncGenerator<SourceRow> {
  for (const [i, value] of rows.entries()) yield { line: i + 1, value };
}

/** The team month in `tenantId`, dated back from `now`: agents with teams, customers, interactions, tasks. */
export async function seedAttentionMonth(
  db: Kysely<Database>,
  { tenantId, now }: { tenantId: string; now: Date },
): Promise<{ profiles: number; tasks: number }> {
  const created = now.toISOString();
  for (const a of MONTH_AGENTS) {
    await db
      .insertInto('agents')
      .values({
        id: a.id,
        tenant_id: tenantId,
        name: a.name,
        role: 'agent',
        created_at: created,
        team: a.team,
      })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: a.name, team: a.team }))
      .execute();
  }
  const customers = monthCustomers();
  const report = await importRows(db, asSource(customers.map((c) => customerRow(c, now.getTime()))), {
    tenantId,
    profileIdFor: (externalId) => customers.find((c) => c.externalId === externalId)?.profileId,
  });
  if (report.rejectedTotal > 0) {
    const first = report.rejected[0];
    throw new Error(`seed: team month row ${first?.line} rejected at ${first?.field}: ${first?.reason}`);
  }
  const tasks = monthTasks(customers, tenantId, now.getTime());
  for (const t of tasks) {
    const { id: _id, tenant_id: _t, ...changes } = t;
    await db
      .insertInto('tasks')
      .values(t)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute();
  }
  return { profiles: customers.length, tasks: tasks.length };
}
