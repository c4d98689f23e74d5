import { type Kysely, sql } from 'kysely';
import { CHANNELS, type Channel } from '../../lib/contract/history.ts';
import type { Database } from '../db/types.ts';
import { ApiError } from '../http/errors.ts';
import { interactionsScan } from './reach-class-sql.ts';
import { engagementsWhere } from './window-filters.ts';

// The query every analytics route shares: a time window (`to` exclusive), a team, a channel. Validated by
// hand rather than by the zod schema alone so each refusal is a 400 that names its field and says why
// ("from: must be before to"), and so `from`/`to` can default to the last 30 days.

export const MAX_WINDOW_DAYS = 366;
const DAY = 86_400_000;

export interface RawAnalyticsQuery {
  from?: string | undefined;
  to?: string | undefined;
  team?: string | undefined;
  channel?: string | undefined;
}

export interface AnalyticsWindow {
  from: string;
  to: string;
  team: string | null;
  /** The team's agents by id and by name (interactions.agent and handler hold either); null when no team. */
  teamAgents: { ids: string[]; refs: string[] } | null;
  channel: Channel | null;
}

const bad = (field: string, message: string) => new ApiError(400, 'bad_request', `${field}: ${message}`);

// RFC 3339 with an offset, as the contract's IsoTime; Date.parse alone accepts "2026-02-30" and "1".
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function time(field: string, value: string): string {
  const ms = Date.parse(value);
  if (!ISO.test(value) || Number.isNaN(ms)) {
    throw bad(
      field,
      `not an ISO 8601 date-time with an offset, e.g. 2026-11-01T00:00:00Z; got "${value.slice(0, 40)}"`,
    );
  }
  const iso = new Date(ms).toISOString();
  // "2026-02-30T00:00:00Z" parses to March 2nd: refuse it rather than answer for another day.
  if (value.endsWith('Z') && iso.slice(0, 10) !== value.slice(0, 10))
    throw bad(field, `no such date "${value.slice(0, 10)}"`);
  return iso;
}

export async function analyticsWindow(
  db: Kysely<Database>,
  tenantId: string,
  q: RawAnalyticsQuery,
  now = new Date(),
  { defaultDays = 30 }: { defaultDays?: number } = {},
): Promise<AnalyticsWindow> {
  const to = q.to === undefined ? now.toISOString() : time('to', q.to);
  const from =
    q.from === undefined ? new Date(Date.parse(to) - defaultDays * DAY).toISOString() : time('from', q.from);
  if (from >= to) throw bad('from', `must be before to (${from} is not before ${to})`);
  if (Date.parse(to) - Date.parse(from) > MAX_WINDOW_DAYS * DAY) {
    throw bad('to', `the window is at most ${MAX_WINDOW_DAYS} days; ask for a shorter period`);
  }
  let channel: Channel | null = null;
  if (q.channel !== undefined) {
    if (!(CHANNELS as readonly string[]).includes(q.channel)) {
      throw bad(
        'channel',
        `unknown channel "${q.channel.slice(0, 40)}"; expected one of ${CHANNELS.join(', ')}`,
      );
    }
    channel = q.channel as Channel;
  }
  let team: string | null = null;
  let teamAgents: AnalyticsWindow['teamAgents'] = null;
  if (q.team !== undefined) {
    if (q.team.length === 0 || q.team.length > 100 || q.team.includes('\u0000')) {
      throw bad('team', 'must be 1 to 100 characters');
    }
    const agents = await db
      .selectFrom('agents')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('team', '=', q.team)
      .execute();
    if (agents.length === 0)
      throw bad('team', `no agent of this tenant is in team "${q.team.slice(0, 100)}"`);
    team = q.team;
    teamAgents = {
      ids: agents.map((a) => a.id),
      refs: [...new Set(agents.flatMap((a) => [a.id, a.name]))],
    };
  }
  return { from, to, team, teamAgents, channel };
}

/** Teams known to the tenant, for the filter. */
export async function tenantTeams(db: Kysely<Database>, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('agents')
    .select('team')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('team', 'is not', null)
    .orderBy('team')
    .execute();
  return rows.flatMap((r) => (r.team === null ? [] : [r.team]));
}

/**
 * The most engagements one report reads. The attention report costs roughly 10–25 µs of database time per
 * engagement in the window (bench/analytics.ts: a year of a 1M-interaction tenant, ~500k engagements, took
 * 8–12 s on a loaded 2-core machine), so a year of a 10M-interaction tenant would run for minutes: such a
 * window is refused up front with the window that would fit, instead of ending in a timeout. Counting first is
 * one range count on the covering index.
 */
export const MAX_ENGAGEMENTS_PER_REPORT = 500_000;

export async function checkWindowSize(
  db: Kysely<Database>,
  tenantId: string,
  w: AnalyticsWindow,
  max = MAX_ENGAGEMENTS_PER_REPORT,
): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    SELECT count(*) AS n FROM ${interactionsScan(db)} WHERE ${engagementsWhere(tenantId, w)}`.execute(db);
  const n = Number(rows[0]?.n ?? 0);
  if (n > max) {
    const days = (Date.parse(w.to) - Date.parse(w.from)) / DAY;
    const fits = Math.max(1, Math.floor((days * max) / n));
    throw new ApiError(
      400,
      'window_too_large',
      `from: this window holds ${n.toLocaleString('en-US')} engagements, more than the ${max.toLocaleString('en-US')} one report reads; ask for about ${fits} days or fewer, or filter by team or channel`,
      { engagements: n, max, suggestedDays: fits },
    );
  }
  return n;
}
