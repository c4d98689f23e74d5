import type { OpenLoop } from '../../lib/contract/history.ts';
import type { SlaPolicy } from '../../lib/contract/tasks.ts';
import { slaHours } from '../tasks/sla.ts';
import { asChannel } from './history-rows.ts';

// Open loops are computed when the profile is read, never stored: answering the customer, closing the case
// or finishing the task closes the loop with no bookkeeping that could drift.

// A contact request is due on the same tier SLA as a follow-up task (server/tasks/sla.ts owns the defaults and
// the rank → hours rule), so the open loop and the task an agent creates for it never disagree on the deadline.

export interface LoopInputs {
  now: Date;
  tierRank: number | null;
  sla: SlaPolicy;
  /** Interactions where the customer asked to be contacted. */
  contactRequests: { at: string; channel: string; summary: string; case_id: string | null }[];
  /** The latest outbound interaction on the profile: a reply after a request answers it. */
  lastOutboundAt: string | null;
  cases: {
    external_id: string;
    status: string;
    subject: string;
    opened_at: string;
    channels: string;
    promised_by: string | null;
  }[];
  tasks: { summary: string; created_at: string; due_at: string; channel: string | null; status: string }[];
}

const HOUR = 3_600_000;

const firstChannel = (channels: string): string | null => {
  try {
    const list: unknown = JSON.parse(channels);
    return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : null;
  } catch {
    return null;
  }
};

/** Most urgent first: overdue loops before the others, then the oldest first. */
export function openLoops(input: LoopInputs): OpenLoop[] {
  const now = input.now.getTime();
  const loops: OpenLoop[] = [];
  const caseWithRequest = new Set<string>();

  for (const r of input.contactRequests) {
    if (input.lastOutboundAt !== null && input.lastOutboundAt > r.at) continue;
    const dueAt = new Date(
      new Date(r.at).getTime() + slaHours(input.sla, input.tierRank) * HOUR,
    ).toISOString();
    if (r.case_id) caseWithRequest.add(r.case_id);
    loops.push({
      kind: 'contact_request',
      summary: `Asked to be contacted (${r.channel}); nobody has replied: ${r.summary}`.slice(0, 500),
      since: r.at,
      channel: asChannel(r.channel),
      caseId: r.case_id,
      dueAt,
      overdue: new Date(dueAt).getTime() < now,
    });
  }

  for (const c of input.cases) {
    if (c.status !== 'open' && c.status !== 'pending') continue;
    const promised = c.promised_by;
    if (promised !== null && new Date(promised).getTime() < now) {
      loops.push({
        kind: 'broken_promise',
        summary: `Promised a follow-up on "${c.subject}" by ${promised.slice(0, 10)}; the case is still ${c.status}`,
        since: promised,
        channel: asChannel(firstChannel(c.channels)),
        caseId: c.external_id,
        dueAt: promised,
        overdue: true,
      });
    } else if (!caseWithRequest.has(c.external_id)) {
      loops.push({
        kind: 'open_case',
        summary: `Case ${c.external_id} ${c.status}: ${c.subject}`,
        since: c.opened_at,
        channel: asChannel(firstChannel(c.channels)),
        caseId: c.external_id,
        dueAt: promised,
        overdue: false,
      });
    }
  }

  for (const t of input.tasks) {
    if (new Date(t.due_at).getTime() >= now) continue;
    loops.push({
      kind: 'overdue_task',
      summary: `Follow-up past due: ${t.summary}`.slice(0, 500),
      since: t.created_at,
      channel: asChannel(t.channel),
      caseId: null,
      dueAt: t.due_at,
      overdue: true,
    });
  }

  return loops.sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || (a.since < b.since ? -1 : a.since > b.since ? 1 : 0),
  );
}
