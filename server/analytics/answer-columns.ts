import type { Kysely } from 'kysely';
import type { Database, InteractionsTable } from '../db/types.ts';

// Each inbound interaction carries its own answer (migration 0005 says why): answered_at, response_minutes
// and handler. The rule, the same as the open loops' (server/profiles/open-loops.ts): an inbound interaction
// is answered by the first outbound interaction strictly after it on the same profile, on any channel.
// Every write path keeps the columns true: POST /v1/interactions and the import (and so the seed) call
// refreshAnswers() for the profiles whose timelines they touched; new imported timelines are computed in
// memory before they are inserted (withAnswers()).

export type AnswerFields = Pick<InteractionsTable, 'answered_at' | 'response_minutes' | 'handler'>;

type TimelineRow = Pick<InteractionsTable, 'id' | 'at' | 'direction' | 'agent'>;

/**
 * Time order; at the same instant a reply sorts first, so it counts as "before" for the handler (it was said
 * by then) while never answering a message of the same instant (an answer comes strictly after).
 */
export function timelineOrder(a: TimelineRow, b: TimelineRow): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  const da = a.direction === 'outbound' ? 0 : 1;
  const db = b.direction === 'outbound' ? 0 : 1;
  if (da !== db) return da - db;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The answer columns of every inbound interaction of ONE profile's timeline (any order). */
export function answerColumns(timeline: readonly TimelineRow[]): Map<string, AnswerFields> {
  const sorted = [...timeline].sort(timelineOrder);
  const out = new Map<string, AnswerFields>();
  // Walk backwards to know the next outbound after each row, forwards for the last one before it.
  const nextOutbound: (TimelineRow | undefined)[] = new Array(sorted.length);
  let next: TimelineRow | undefined;
  for (let i = sorted.length - 1; i >= 0; i--) {
    nextOutbound[i] = next;
    const r = sorted[i] as TimelineRow;
    if (r.direction === 'outbound') next = r;
  }
  let lastOutbound: TimelineRow | undefined;
  for (const [i, r] of sorted.entries()) {
    if (r.direction === 'outbound') {
      lastOutbound = r;
      continue;
    }
    if (r.direction !== 'inbound') continue;
    // The next outbound in sort order may share this row's timestamp: an answer must come strictly after.
    let answer = nextOutbound[i];
    for (let j = i + 1; answer && answer.at <= r.at && j < sorted.length; j++) {
      answer = nextOutbound[j];
    }
    out.set(r.id, {
      answered_at: answer?.at ?? null,
      response_minutes: answer ? Math.floor((Date.parse(answer.at) - Date.parse(r.at)) / 60_000) : null,
      handler: answer ? answer.agent : (lastOutbound?.agent ?? null),
    });
  }
  return out;
}

/** Fills the answer columns of a new profile's interactions before they are inserted. */
export function withAnswers<T extends TimelineRow>(rows: readonly T[]): (T & AnswerFields)[] {
  const answers = answerColumns(rows);
  return rows.map((r) => ({
    ...r,
    ...(answers.get(r.id) ?? { answered_at: null, response_minutes: null, handler: null }),
  }));
}

const IN_CHUNK = 500;

/**
 * Recomputes the answer columns of these profiles' inbound interactions from what is stored, and writes the
 * ones that changed. Call inside the write's transaction, after the write.
 */
export async function refreshAnswers(
  db: Kysely<Database>,
  tenantId: string,
  profileIds: readonly string[],
): Promise<number> {
  let changed = 0;
  const ids = [...new Set(profileIds)];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await db
      .selectFrom('interactions')
      .select(['id', 'profile_id', 'at', 'direction', 'agent', 'answered_at', 'response_minutes', 'handler'])
      .where('tenant_id', '=', tenantId)
      .where('profile_id', 'in', ids.slice(i, i + IN_CHUNK))
      .where('direction', 'in', ['inbound', 'outbound'])
      .execute();
    const byProfile = new Map<string, typeof rows>();
    for (const r of rows) {
      const list = byProfile.get(r.profile_id);
      if (list) list.push(r);
      else byProfile.set(r.profile_id, [r]);
    }
    for (const timeline of byProfile.values()) {
      const answers = answerColumns(timeline);
      for (const r of timeline) {
        const a = answers.get(r.id);
        if (
          !a ||
          (a.answered_at === r.answered_at &&
            a.response_minutes === (r.response_minutes === null ? null : Number(r.response_minutes)) &&
            a.handler === r.handler)
        ) {
          continue;
        }
        await db
          .updateTable('interactions')
          .set(a)
          .where('tenant_id', '=', tenantId)
          .where('id', '=', r.id)
          .execute();
        changed++;
      }
    }
  }
  return changed;
}
