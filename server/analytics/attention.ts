import { type Kysely, sql } from 'kysely';
import type { AttentionGap, AttentionReport, AttentionRow } from '../../lib/contract/analytics.ts';
import type { SegmentThresholds } from '../../lib/contract/triage.ts';
import { REACH_CLASSES, type ReachClassName } from '../../lib/contract/triage.ts';
import type { Database } from '../db/types.ts';
import { type AnalyticsWindow, tenantTeams } from './analytics-window.ts';
import { engagementAggregates, type RankedGap } from './attention-aggregates.ts';
import { classedProfiles, classOf, tierOf } from './reach-class-sql.ts';
import { addToHistogram, type Histogram, histogramMedian, medianOf } from './response-histogram.ts';
import { responseMinutesOf } from './response-minutes.ts';
import { engagementsWhere, tasksDueWhere } from './window-filters.ts';

// GET /v1/analytics/attention: where the team's attention went, per class and per tier. The engagements, the
// customers per class and the largest gaps come from one range scan of the covering index over the window
// (attention-aggregates.ts), the follow-ups from a second query on tasks; what they return is bounded by
// classes × tiers × buckets, not by customers.

export const CLASS_LABELS: Record<ReachClassName, string> = {
  quiet_vip: 'Quiet VIP',
  loud_vip: 'Loud VIP',
  influencer_not_customer: 'Influencer, not a customer',
  regular: 'Regular',
};

const GAPS = 50;

interface Acc {
  tierNames: Set<string>;
  profiles: number;
  engagements: number;
  answered: number;
  histogram: Histogram;
  contactRequests: number;
  unansweredContactRequests: number;
  followUpsDue: number;
  followUpsOverdue: number;
  followUpsOnTime: number;
}

const emptyAcc = (): Acc => ({
  tierNames: new Set(),
  profiles: 0,
  engagements: 0,
  answered: 0,
  histogram: new Map(),
  contactRequests: 0,
  unansweredContactRequests: 0,
  followUpsDue: 0,
  followUpsOverdue: 0,
  followUpsOnTime: 0,
});

const tierKey = (rank: unknown) => (rank === null || rank === undefined ? 'none' : String(Number(rank)));

export async function attentionReport(
  db: Kysely<Database>,
  tenantId: string,
  w: AnalyticsWindow,
  thresholds: SegmentThresholds,
  now = new Date(),
): Promise<AttentionReport> {
  const byClass = new Map<string, Acc>(REACH_CLASSES.map((c) => [c, emptyAcc()]));
  const byTier = new Map<string, Acc>();
  const total = emptyAcc();
  const accs = (c: string, rank: unknown, tier: string | null) => {
    const key = tierKey(rank);
    let t = byTier.get(key);
    if (!t) byTier.set(key, (t = emptyAcc()));
    if (tier) t.tierNames.add(tier);
    return [byClass.get(c) ?? emptyAcc(), t, total];
  };

  const { rows: tableRows, gaps: ranked } = await engagementAggregates(db, tenantId, w, thresholds, GAPS);
  for (const r of tableRows) {
    const n = Number(r.n);
    for (const a of accs(r.cls, r.rank, r.tier)) {
      if (r.kind === 'profiles') {
        a.profiles += n;
        continue;
      }
      a.engagements += n;
      a.contactRequests += Number(r.cr);
      a.unansweredContactRequests += Number(r.cr_open);
      if (r.bucket !== null) {
        a.answered += n;
        addToHistogram(a.histogram, Number(r.bucket), n);
      }
    }
  }

  const nowIso = now.toISOString();
  const tasks = await sql<{
    cls: string;
    rank: number | null;
    tier: string | null;
    due: number | string;
    overdue: number | string;
    on_time: number | string;
  }>`
    WITH d AS MATERIALIZED (
      SELECT t.profile_id AS profile_id, count(*) AS due,
        sum(CASE WHEN t.status <> 'done' AND t.due_at < ${nowIso} THEN 1 ELSE 0 END) AS overdue,
        sum(CASE WHEN t.status = 'done' AND t.done_at <= t.due_at THEN 1 ELSE 0 END) AS on_time
      FROM tasks t
      WHERE ${tasksDueWhere(tenantId, w)}
      GROUP BY t.profile_id
    )
    SELECT pc.cls AS cls, pc.rank AS rank, pc.tier AS tier, sum(d.due) AS due, sum(d.overdue) AS overdue,
      sum(d.on_time) AS on_time
    FROM d INNER JOIN ${classedProfiles(thresholds, sql`SELECT profile_id FROM d`)} ON pc.id = d.profile_id
    GROUP BY 1, 2, 3`.execute(db);
  for (const r of tasks.rows) {
    for (const a of accs(r.cls, r.rank, r.tier)) {
      a.followUpsDue += Number(r.due);
      a.followUpsOverdue += Number(r.overdue);
      a.followUpsOnTime += Number(r.on_time);
    }
  }

  const row = (dimension: 'class' | 'tier', key: string, label: string, a: Acc): AttentionRow => ({
    dimension,
    key,
    label,
    profiles: a.profiles,
    engagements: a.engagements,
    attentionShare: total.answered === 0 ? 0 : a.answered / total.answered,
    engagementShare: total.engagements === 0 ? 0 : a.engagements / total.engagements,
    medianFirstResponseMinutes: histogramMedian(a.histogram),
    answeredShare: a.engagements === 0 ? null : a.answered / a.engagements,
    followUpsDue: a.followUpsDue,
    followUpsOverdue: a.followUpsOverdue,
    slaCompliance: a.followUpsDue === 0 ? null : a.followUpsOnTime / a.followUpsDue,
    contactRequests: a.contactRequests,
    unansweredContactRequests: a.unansweredContactRequests,
  });

  const tierRows = [...byTier.entries()]
    .sort(([a], [b]) => (a === 'none' ? 1 : b === 'none' ? -1 : Number(a) - Number(b)))
    .map(([key, a]) =>
      row(
        'tier',
        key,
        key === 'none'
          ? 'No tier'
          : `Rank ${key}${a.tierNames.size ? ` (${[...a.tierNames].sort().join(', ')})` : ''}`,
        a,
      ),
    );

  return {
    from: w.from,
    to: w.to,
    team: w.team,
    channel: w.channel,
    generatedAt: nowIso,
    teams: await tenantTeams(db, tenantId),
    totals: {
      engagements: total.engagements,
      answered: total.answered,
      profiles: total.profiles,
      medianFirstResponseMinutes: histogramMedian(total.histogram),
    },
    byClass: REACH_CLASSES.map((c) => row('class', c, CLASS_LABELS[c], byClass.get(c) ?? emptyAcc())),
    byTier: tierRows,
    gaps: await attentionGaps(db, tenantId, w, thresholds, ranked),
  };
}

/**
 * The ranked gaps (from engagementAggregates) with what a row shows: name, class, tier, value, followers and
 * the median first response, read for the 50 shown only.
 */
async function attentionGaps(
  db: Kysely<Database>,
  tenantId: string,
  w: AnalyticsWindow,
  thresholds: SegmentThresholds,
  ranked: RankedGap[],
): Promise<AttentionGap[]> {
  if (ranked.length === 0) return [];
  const ids = ranked.map((r) => r.profile_id);
  const [profiles, minutes] = await Promise.all([
    db
      .selectFrom('profiles')
      .select([
        'id',
        'name',
        'loyalty_program',
        'loyalty_tier',
        'loyalty_tier_rank',
        'value_lifetime',
        'value_last12m',
        'value_currency',
        'social_followers',
      ])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute(),
    responseMinutesOf(db, tenantId, w, ids),
  ]);
  const byId = new Map(profiles.map((p) => [p.id, p]));
  return ranked.flatMap((r) => {
    const p = byId.get(r.profile_id);
    if (!p) return [];
    const tier = tierOf(p);
    const reach = Number(p.social_followers ?? 0);
    return [
      {
        profileId: p.id,
        name: p.name,
        class: classOf(p, reach, thresholds),
        tier,
        valueLast12m: p.value_last12m === null ? null : Number(p.value_last12m),
        followers: reach,
        engagements: Number(r.n),
        medianFirstResponseMinutes: medianOf(minutes.get(p.id) ?? []),
        waitingSince: r.waiting_since === null ? null : new Date(r.waiting_since).toISOString(),
        gap: Math.round(Number(r.gap) * 100) / 100,
      },
    ];
  });
}
