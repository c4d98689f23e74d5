import { type RawBuilder, sql } from 'kysely';
import type { AnalyticsWindow } from './analytics-window.ts';

// The WHERE clauses of the analytics queries, in one place so every report filters alike.

/**
 * A tenant's inbound interactions (engagements) in the window, `i` the interactions alias. `direction` is a
 * literal, not a parameter, so the planner matches it against the covering index's leading columns.
 * The team filter keeps the engagements its agents answered or, unanswered, last handled (`handler`).
 */
export function engagementsWhere(tenantId: string, w: AnalyticsWindow): RawBuilder<unknown> {
  const parts = [
    sql`i.tenant_id = ${tenantId}`,
    sql`i.direction = 'inbound'`,
    sql`i.at >= ${w.from}`,
    sql`i.at < ${w.to}`,
  ];
  if (w.channel) parts.push(sql`i.channel = ${w.channel}`);
  if (w.teamAgents) parts.push(sql`i.handler IN (${sql.join(w.teamAgents.refs)})`);
  return sql.join(parts, sql` AND `);
}

/** Follow-up tasks due in the window, `t` the tasks alias; the team filter keeps its agents' tasks. */
export function tasksDueWhere(tenantId: string, w: AnalyticsWindow): RawBuilder<unknown> {
  const parts = [sql`t.tenant_id = ${tenantId}`, sql`t.due_at >= ${w.from}`, sql`t.due_at < ${w.to}`];
  if (w.channel) parts.push(sql`t.channel = ${w.channel}`);
  if (w.teamAgents) parts.push(sql`t.assignee_id IN (${sql.join(w.teamAgents.ids)})`);
  return sql.join(parts, sql` AND `);
}
