import { type Kysely, sql } from 'kysely';
import type { SlaPreview, SlaPreviewTier } from '../../lib/contract/analytics.ts';
import type { SlaPolicy } from '../../lib/contract/tasks.ts';
import type { Database } from '../db/types.ts';
import { slaHours } from '../tasks/sla.ts';

// POST /v1/settings/sla/preview: the tenant's open follow-ups under the SLA in force and under a proposed one,
// per tier, read-only. "Under the proposed SLA" is created_at + the proposed hours for the customer's tier:
// the due time the follow-up would have had. Counting is one grouped query whatever the number of tasks
// (the per-tier cut-off times are parameters, so no date arithmetic is needed in SQL).

const HOUR = 3_600_000;
const EXAMPLES = 5;

export async function slaPreview(
  db: Kysely<Database>,
  tenantId: string,
  current: SlaPolicy,
  proposed: SlaPolicy,
  now = new Date(),
): Promise<SlaPreview> {
  const nowIso = now.toISOString();
  const cut = (rank: number | null) =>
    new Date(now.getTime() - slaHours(proposed, rank) * HOUR).toISOString();
  const ranks = [...new Set(Object.keys(proposed.hoursByTierRank).map(Number))];
  // created_at before the tier's cut-off ⇔ created_at + proposed hours before now.
  const cutoff = sql`CASE WHEN p.loyalty_tier_rank IS NULL THEN ${cut(null)} ${sql.join(
    ranks.map((r) => sql`WHEN p.loyalty_tier_rank = ${r} THEN ${cut(r)}`),
    sql` `,
  )} ELSE ${cut(1_000)} END`;
  const { rows } = await sql<{
    rank: number | null;
    tasks: number | string;
    overdue_now: number | string;
    overdue_after: number | string;
  }>`
    SELECT p.loyalty_tier_rank AS rank, count(*) AS tasks,
      sum(CASE WHEN t.due_at < ${nowIso} THEN 1 ELSE 0 END) AS overdue_now,
      sum(CASE WHEN t.created_at < ${cutoff} THEN 1 ELSE 0 END) AS overdue_after
    FROM tasks t INNER JOIN profiles p ON p.id = t.profile_id
    WHERE t.tenant_id = ${tenantId} AND t.status <> 'done'
    GROUP BY p.loyalty_tier_rank`.execute(db);
  const byTier: SlaPreviewTier[] = rows
    .map((r) => {
      const rank = r.rank === null ? null : Number(r.rank);
      return {
        key: rank === null ? 'none' : String(rank),
        label: rank === null ? 'No tier' : `Rank ${rank}`,
        openTasks: Number(r.tasks),
        currentHours: slaHours(current, rank),
        proposedHours: slaHours(proposed, rank),
        overdueNow: Number(r.overdue_now),
        overdueUnderProposed: Number(r.overdue_after),
      };
    })
    .sort((a, b) => (a.key === 'none' ? 1 : b.key === 'none' ? -1 : Number(a.key) - Number(b.key)));

  // Examples from the follow-ups due soonest (the ones a lead is looking at), those that flip first.
  const candidates = await db
    .selectFrom('tasks as t')
    .innerJoin('profiles as p', 'p.id', 't.profile_id')
    .select([
      't.id',
      't.profile_id',
      'p.name',
      't.summary',
      't.created_at',
      't.due_at',
      'p.loyalty_tier_rank',
    ])
    .where('t.tenant_id', '=', tenantId)
    .where('t.status', '<>', 'done')
    .orderBy('t.due_at')
    .orderBy('t.id')
    .limit(200)
    .execute();
  const examples = candidates
    .map((t) => {
      const rank = t.loyalty_tier_rank === null ? null : Number(t.loyalty_tier_rank);
      const proposedDueAt = new Date(
        Date.parse(t.created_at) + slaHours(proposed, rank) * HOUR,
      ).toISOString();
      return {
        taskId: t.id,
        profileId: t.profile_id,
        profileName: t.name,
        summary: t.summary,
        tierKey: rank === null ? 'none' : String(rank),
        createdAt: new Date(t.created_at).toISOString(),
        dueAt: new Date(t.due_at).toISOString(),
        proposedDueAt,
        overdueNow: t.due_at < nowIso,
        overdueUnderProposed: proposedDueAt < nowIso,
      };
    })
    .filter((e) => e.proposedDueAt !== e.dueAt)
    .sort(
      (a, b) =>
        Number(b.overdueNow !== b.overdueUnderProposed) - Number(a.overdueNow !== a.overdueUnderProposed),
    )
    .slice(0, EXAMPLES);
  return { openTasks: byTier.reduce((n, t) => n + t.openTasks, 0), byTier, examples };
}
