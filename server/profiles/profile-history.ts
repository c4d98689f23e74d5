import type { Kysely } from 'kysely';
import type { Case, InteractionPage, Item, OpenLoop } from '../../lib/contract/history.ts';
import type { Task } from '../../lib/contract/tasks.ts';
import type { Database } from '../db/types.ts';
import { readSla } from '../tasks/sla.ts';
import { toCase, toInteraction, toItem, toTask } from './history-rows.ts';
import { type CursorKey, encodeCursor } from './interactions-cursor.ts';
import { openLoops } from './open-loops.ts';

// A profile's history in a fixed number of indexed queries (nine, run together), whatever its size: the
// timeline and the item lists are bounded by LIMIT, open loops read only the rows that can open one.

const RECENT_DAYS = 90;
const ITEM_LIMIT = 20;
export const TIMELINE_PAGE = 20;

export interface ProfileHistory {
  openLoops: OpenLoop[];
  cases: Case[];
  interactions: InteractionPage['items'];
  interactionsCursor: string | null;
  recent: Item[];
  upcoming: Item[];
  tasks: Task[];
}

/** One page of the timeline, newest first, after `cursor` (exclusive). */
export async function interactionsPage(
  db: Kysely<Database>,
  tenantId: string,
  profileId: string,
  limit: number,
  cursor?: CursorKey,
): Promise<InteractionPage> {
  let query = db
    .selectFrom('interactions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', profileId);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([eb('at', '<', cursor.at), eb.and([eb('at', '=', cursor.at), eb('id', '<', cursor.id)])]),
    );
  }
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toInteraction),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
  };
}

export async function loadHistory(
  db: Kysely<Database>,
  tenantId: string,
  profileId: string,
  tierRank: number | null,
  now = new Date(),
): Promise<ProfileHistory> {
  const nowIso = now.toISOString();
  const recentFrom = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const [timeline, cases, recent, upcoming, tasks, contactRequests, lastOutbound, sla] = await Promise.all([
    interactionsPage(db, tenantId, profileId, TIMELINE_PAGE),
    db
      .selectFrom('cases')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('profile_id', '=', profileId)
      .execute(),
    db
      .selectFrom('items')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('profile_id', '=', profileId)
      .where('at', '<=', nowIso)
      .where('at', '>=', recentFrom)
      .orderBy('at', 'desc')
      .limit(ITEM_LIMIT)
      .execute(),
    db
      .selectFrom('items')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('profile_id', '=', profileId)
      .where('at', '>', nowIso)
      .orderBy('at', 'asc')
      .limit(ITEM_LIMIT)
      .execute(),
    db
      .selectFrom('tasks as t')
      .leftJoin('agents as a', 'a.id', 't.assignee_id')
      .selectAll('t')
      .select('a.name as assignee_name')
      .where('t.tenant_id', '=', tenantId)
      .where('t.profile_id', '=', profileId)
      .where('t.status', '!=', 'done')
      .orderBy('t.due_at', 'asc')
      .limit(50)
      .execute(),
    db
      .selectFrom('interactions')
      .select(['at', 'channel', 'summary', 'case_id'])
      .where('tenant_id', '=', tenantId)
      .where('profile_id', '=', profileId)
      .where('contact_requested', '=', 1)
      .orderBy('at', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('interactions')
      .select((eb) => eb.fn.max('at').as('at'))
      .where('tenant_id', '=', tenantId)
      .where('profile_id', '=', profileId)
      .where('direction', '=', 'outbound')
      .executeTakeFirst(),
    readSla(db, tenantId),
  ]);

  // Open (and pending) cases first, then the latest opened.
  const isOpen = (status: string) => status === 'open' || status === 'pending';
  cases.sort(
    (a, b) =>
      Number(isOpen(b.status)) - Number(isOpen(a.status)) ||
      (a.opened_at < b.opened_at ? 1 : a.opened_at > b.opened_at ? -1 : 0),
  );
  // A snoozed task comes back when its snooze ends; until then it is not an open loop.
  const activeTasks = tasks.filter(
    (t) => t.status === 'open' || (t.snoozed_until !== null && t.snoozed_until <= nowIso),
  );

  return {
    openLoops: openLoops({
      now,
      tierRank,
      sla,
      contactRequests,
      lastOutboundAt: lastOutbound?.at ?? null,
      cases,
      tasks: activeTasks,
    }),
    cases: cases.map(toCase),
    interactions: timeline.items,
    interactionsCursor: timeline.nextCursor,
    recent: recent.map(toItem),
    upcoming: upcoming.map(toItem),
    tasks: tasks.map((t) => toTask(t, now)),
  };
}
