import {
  type Case,
  CHANNELS,
  type Channel,
  type Interaction,
  type Item,
} from '../../lib/contract/history.ts';
import type { Task } from '../../lib/contract/tasks.ts';
import type { CasesTable, InteractionsTable, ItemsTable, TasksTable } from '../db/types.ts';

// Database rows → contract shapes. Stored text that no longer fits the contract (a channel a newer version
// wrote) degrades to a valid value instead of failing the whole profile.

export const asChannel = (value: string | null): Channel | null =>
  value === null ? null : (CHANNELS as readonly string[]).includes(value) ? (value as Channel) : 'other';

function channels(text: string): Channel[] {
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list)
      ? list.flatMap((c) => (typeof c === 'string' ? [asChannel(c) ?? 'other'] : []))
      : [];
  } catch {
    return [];
  }
}

export function toInteraction(row: InteractionsTable): Interaction {
  return {
    id: row.id,
    at: row.at,
    channel: asChannel(row.channel) ?? 'other',
    direction: row.direction,
    summary: row.summary,
    caseId: row.case_id,
    sentiment: row.sentiment,
    contactRequested: row.contact_requested === 1,
    agent: row.agent,
  };
}

const CASE_STATUSES = ['open', 'pending', 'solved', 'closed'] as const;

export function toCase(row: CasesTable): Case {
  return {
    id: row.external_id,
    status: (CASE_STATUSES as readonly string[]).includes(row.status) ? row.status : 'open',
    subject: row.subject,
    openedAt: row.opened_at,
    channels: channels(row.channels),
    promisedBy: row.promised_by,
  };
}

export function toItem(row: ItemsTable): Item {
  return { kind: row.kind, ref: row.ref, at: row.at, summary: row.summary, status: row.status };
}

export function toTask(row: TasksTable & { assignee_name: string | null }, now: Date): Task {
  return {
    id: row.id,
    profileId: row.profile_id,
    summary: row.summary,
    status: row.status,
    createdAt: row.created_at,
    dueAt: row.due_at,
    overdue: row.status !== 'done' && new Date(row.due_at).getTime() < now.getTime(),
    assignee: { id: row.assignee_id, name: row.assignee_name ?? row.assignee_id },
    channel: asChannel(row.channel),
    sourceUrl: row.source_url,
    snoozedUntil: row.snoozed_until,
  };
}
