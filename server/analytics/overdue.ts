import { type Kysely, type RawBuilder, SqliteAdapter, sql } from 'kysely';
import type { OverdueItem, OverdueResponse } from '../../lib/contract/analytics.ts';
import type { Database } from '../db/types.ts';
import { ApiError } from '../http/errors.ts';
import { asChannel } from '../profiles/history-rows.ts';
import type { AnalyticsWindow } from './analytics-window.ts';

// GET /v1/analytics/overdue: follow-ups past due and still open, and contact requests nobody ever answered,
// oldest first, in keyset pages. Both come from partial indexes (migration 0005) that hold only open items,
// so the list costs what is overdue, not what the tenant ever had; the page is cut before the customers are
// joined, so a tenant with 70k overdue items joins 51 profiles, not 70k (at 10M interactions the join first
// made this list take seconds on SQLite). Every task and interaction has its profile (foreign keys).

export const OVERDUE_DEFAULT_LIMIT = 50;
export const OVERDUE_MAX_LIMIT = 500;

interface Cursor {
  since: string;
  kind: string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.since, c.kind, c.id]), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    const [since, kind, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof since === 'string' && typeof kind === 'string' && typeof id === 'string')
      return { since, kind, id };
  } catch {
    // fall through
  }
  throw new ApiError(
    400,
    'bad_request',
    'cursor: not a cursor this API returned; pass nextCursor back as is',
  );
}

/**
 * `interactions i`, on SQLite pinned to the partial index of unanswered contact requests: its planner otherwise
 * took the attention index (tenant, direction, …) and read every inbound interaction of the tenant — 2 s at 10M
 * interactions to find none — where the partial index holds only what is still unanswered.
 */
function unansweredRequestsScan(db: Kysely<Database>): RawBuilder<unknown> {
  return db.getExecutor().adapter instanceof SqliteAdapter
    ? sql`interactions i INDEXED BY interactions_unanswered_requests`
    : sql`interactions i`;
}

export async function overdueItems(
  db: Kysely<Database>,
  tenantId: string,
  w: AnalyticsWindow,
  opts: { windowed: boolean; limit: number; cursor?: Cursor | undefined; now?: Date },
): Promise<OverdueResponse> {
  const now = (opts.now ?? new Date()).toISOString();
  const taskWhere: RawBuilder<unknown>[] = [
    sql`t.tenant_id = ${tenantId}`,
    sql`t.status <> 'done'`,
    sql`t.due_at < ${now}`,
    sql`(t.snoozed_until IS NULL OR t.snoozed_until <= ${now})`,
  ];
  const requestWhere: RawBuilder<unknown>[] = [
    sql`i.tenant_id = ${tenantId}`,
    sql`i.direction = 'inbound'`,
    sql`i.contact_requested = 1`,
    sql`i.answered_at IS NULL`,
  ];
  if (opts.windowed) {
    taskWhere.push(sql`t.created_at >= ${w.from}`, sql`t.created_at < ${w.to}`);
    requestWhere.push(sql`i.at >= ${w.from}`, sql`i.at < ${w.to}`);
  }
  if (w.channel) {
    taskWhere.push(sql`t.channel = ${w.channel}`);
    requestWhere.push(sql`i.channel = ${w.channel}`);
  }
  if (w.teamAgents) {
    taskWhere.push(sql`t.assignee_id IN (${sql.join(w.teamAgents.ids)})`);
    requestWhere.push(sql`i.handler IN (${sql.join(w.teamAgents.refs)})`);
  }
  const c = opts.cursor;
  const after = c
    ? sql`WHERE o.since > ${c.since} OR (o.since = ${c.since} AND (o.kind > ${c.kind} OR (o.kind = ${c.kind} AND o.id > ${c.id})))`
    : sql``;
  const result = await sql<{
    kind: 'task' | 'contact_request';
    id: string;
    profile_id: string;
    summary: string;
    since: string;
    due_at: string | null;
    agent_ref: string | null;
    channel: string | null;
    name: string;
    loyalty_program: string | null;
    loyalty_tier: string | null;
    loyalty_tier_rank: number | null;
  }>`
    SELECT o.kind, o.id, o.profile_id, o.summary, o.since, o.due_at, o.agent_ref, o.channel,
      p.name, p.loyalty_program, p.loyalty_tier, p.loyalty_tier_rank
    FROM (
      SELECT * FROM (
        SELECT 'task' AS kind, t.id AS id, t.profile_id AS profile_id, t.summary AS summary, t.created_at AS since,
          t.due_at AS due_at, t.assignee_id AS agent_ref, t.channel AS channel
        FROM tasks t WHERE ${sql.join(taskWhere, sql` AND `)}
        UNION ALL
        SELECT 'contact_request' AS kind, i.id AS id, i.profile_id AS profile_id, i.summary AS summary,
          i.at AS since, CAST(NULL AS text) AS due_at, i.handler AS agent_ref, i.channel AS channel
        FROM ${unansweredRequestsScan(db)} WHERE ${sql.join(requestWhere, sql` AND `)}
      ) o
      ${after}
      ORDER BY o.since, o.kind, o.id
      LIMIT ${opts.limit + 1}
    ) o INNER JOIN profiles p ON p.id = o.profile_id
    ORDER BY o.since, o.kind, o.id`.execute(db);

  const page = result.rows.slice(0, opts.limit);
  const refs = [...new Set(page.flatMap((r) => (r.agent_ref === null ? [] : [r.agent_ref])))];
  const agents = refs.length
    ? await db
        .selectFrom('agents')
        .select(['id', 'name', 'team'])
        .where('tenant_id', '=', tenantId)
        .where((eb) => eb.or([eb('id', 'in', refs), eb('name', 'in', refs)]))
        .execute()
    : [];
  const byId = new Map(agents.map((a) => [a.id, a]));
  const byName = new Map(agents.map((a) => [a.name, a]));
  const items: OverdueItem[] = page.map((r) => {
    const agent = r.agent_ref === null ? undefined : (byId.get(r.agent_ref) ?? byName.get(r.agent_ref));
    return {
      kind: r.kind,
      id: r.id,
      profileId: r.profile_id,
      profileName: r.name,
      tier:
        r.loyalty_tier !== null && r.loyalty_tier_rank !== null
          ? { program: r.loyalty_program ?? '', name: r.loyalty_tier, rank: Number(r.loyalty_tier_rank) }
          : null,
      summary: r.summary,
      since: new Date(r.since).toISOString(),
      dueAt: r.due_at === null ? null : new Date(r.due_at).toISOString(),
      // An agent string that names no agent of the tenant (a bot, an imported name) is still shown.
      assignee:
        r.agent_ref === null
          ? null
          : agent
            ? { id: agent.id, name: agent.name, team: agent.team }
            : { id: null, name: r.agent_ref, team: null },
      channel: asChannel(r.channel),
    };
  });
  const last = page[page.length - 1];
  return {
    items,
    nextCursor:
      result.rows.length > opts.limit && last
        ? encodeCursor({ since: last.since, kind: last.kind, id: last.id })
        : null,
  };
}
