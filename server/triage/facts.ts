import { type Kysely, sql } from 'kysely';
import type { TriageFacts } from '../../lib/contract/triage.ts';
import type { Database } from '../db/types.ts';
import { openLoops } from '../profiles/open-loops.ts';
import { DEFAULT_SLA } from '../tasks/sla.ts';

// What a priority needs about up to 100 profiles on a page, in a fixed number of indexed queries (seven,
// run together) whatever the batch: never a query per profile. Open loops are the very function the profile
// read uses (server/profiles/open-loops.ts), fed with the same rows, batched, so the count here is the
// length of ProfileDetail.openLoops (test/server/triage.test.ts checks it on the story personas).
// Ids of other tenants, unknown ids and MERGED ids are absent from the answer: the page's ids come from a
// lookup, which already follows merges, so a merged id means the page is stale and should look up again.

/** Contact requests read per batch; far more than 100 customers on one page ever have open. */
const MAX_CONTACT_REQUESTS = 5_000;
const MAX_TASKS = 5_000;

const iso = (at: string | null | undefined): string | null => (at ? new Date(at).toISOString() : null);

export async function loadTriageFacts(
  db: Kysely<Database>,
  tenantId: string,
  ids: readonly string[],
  now = new Date(),
): Promise<TriageFacts[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const nowIso = now.toISOString();

  const [profiles, lastByDirection, latestInbound, waiting, contactRequests, cases, tasks] =
    await Promise.all([
      db
        .selectFrom('profiles')
        .select(['id', 'loyalty_tier_rank'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', unique)
        .where('merged_into', 'is', null)
        .execute(),
      db
        .selectFrom('interactions')
        .select((eb) => ['profile_id', 'direction', eb.fn.max('at').as('at')])
        .where('tenant_id', '=', tenantId)
        .where('profile_id', 'in', unique)
        .where('direction', 'in', ['inbound', 'outbound'])
        .groupBy(['profile_id', 'direction'])
        .execute(),
      // The sentiment of each profile's latest inbound interaction (ties on time broken by id, as the timeline does).
      db
        .selectFrom((eb) =>
          eb
            .selectFrom('interactions')
            .select([
              'profile_id',
              'sentiment',
              sql<number>`row_number() over (partition by profile_id order by at desc, id desc)`.as('rn'),
            ])
            .where('tenant_id', '=', tenantId)
            .where('profile_id', 'in', unique)
            .where('direction', '=', 'inbound')
            .as('latest'),
        )
        .select(['profile_id', 'sentiment'])
        .where('rn', '=', 1)
        .execute(),
      // The first inbound interaction after the latest outbound one: the customer has waited since then.
      db
        .selectFrom('interactions as i')
        .select((eb) => ['i.profile_id', eb.fn.min('i.at').as('at')])
        .where('i.tenant_id', '=', tenantId)
        .where('i.profile_id', 'in', unique)
        .where('i.direction', '=', 'inbound')
        .where(({ eb, selectFrom }) =>
          eb(
            'i.at',
            '>',
            eb.fn.coalesce(
              selectFrom('interactions as o')
                .select((o) => o.fn.max('o.at').as('at'))
                .whereRef('o.tenant_id', '=', 'i.tenant_id')
                .whereRef('o.profile_id', '=', 'i.profile_id')
                .where('o.direction', '=', 'outbound'),
              sql.lit(''),
            ),
          ),
        )
        .groupBy('i.profile_id')
        .execute(),
      db
        .selectFrom('interactions')
        .select(['profile_id', 'at', 'channel', 'summary', 'case_id'])
        .where('tenant_id', '=', tenantId)
        .where('profile_id', 'in', unique)
        .where('contact_requested', '=', 1)
        .orderBy('at', 'desc')
        .limit(MAX_CONTACT_REQUESTS)
        .execute(),
      db
        .selectFrom('cases')
        .select(['profile_id', 'external_id', 'status', 'subject', 'opened_at', 'channels', 'promised_by'])
        .where('tenant_id', '=', tenantId)
        .where('profile_id', 'in', unique)
        .where('status', 'in', ['open', 'pending'])
        .execute(),
      db
        .selectFrom('tasks')
        .select(['profile_id', 'summary', 'created_at', 'due_at', 'channel', 'status', 'snoozed_until'])
        .where('tenant_id', '=', tenantId)
        .where('profile_id', 'in', unique)
        .where('status', '!=', 'done')
        .orderBy('due_at', 'asc')
        .limit(MAX_TASKS)
        .execute(),
    ]);

  const group = <T extends { profile_id: string }>(rows: readonly T[]) => {
    const out = new Map<string, T[]>();
    for (const r of rows) {
      const list = out.get(r.profile_id);
      if (list) list.push(r);
      else out.set(r.profile_id, [r]);
    }
    return out;
  };
  const lastInbound = new Map<string, string>();
  const lastOutbound = new Map<string, string>();
  for (const r of lastByDirection) {
    if (typeof r.at !== 'string') continue;
    (r.direction === 'inbound' ? lastInbound : lastOutbound).set(r.profile_id, r.at);
  }
  const negative = new Set(latestInbound.filter((r) => r.sentiment === 'negative').map((r) => r.profile_id));
  const waitingSince = new Map(waiting.map((r) => [r.profile_id, typeof r.at === 'string' ? r.at : null]));
  const requestsBy = group(contactRequests);
  const casesBy = group(cases);
  const tasksBy = group(tasks);

  return profiles.map((p): TriageFacts => {
    // As the profile read does (server/profiles/profile-history.ts): a snoozed task is not an open loop until
    // its snooze ends. The SLA only sets due dates, which neither the count nor the oldest loop depends on.
    const activeTasks = (tasksBy.get(p.id) ?? []).filter(
      (t) => t.status === 'open' || (t.snoozed_until !== null && t.snoozed_until <= nowIso),
    );
    const loops = openLoops({
      now,
      tierRank: p.loyalty_tier_rank,
      sla: DEFAULT_SLA,
      contactRequests: requestsBy.get(p.id) ?? [],
      lastOutboundAt: lastOutbound.get(p.id) ?? null,
      cases: casesBy.get(p.id) ?? [],
      tasks: activeTasks,
    });
    const oldest = loops.reduce<string | null>(
      (min, l) => (min === null || l.since < min ? l.since : min),
      null,
    );
    return {
      profileId: p.id,
      openLoops: loops.length,
      oldestOpenLoopSince: iso(oldest),
      negativeSentiment: negative.has(p.id),
      lastInboundAt: iso(lastInbound.get(p.id)),
      lastOutboundAt: iso(lastOutbound.get(p.id)),
      waitingSince: iso(waitingSince.get(p.id)),
    };
  });
}
