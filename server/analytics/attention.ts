import { type Kysely, sql } from 'kysely';
import type { AttentionGap, AttentionReport, AttentionRow } from '../../lib/contract/analytics.ts';
import type { SegmentThresholds } from '../../lib/contract/triage.ts';
import { REACH_CLASSES, type ReachClassName } from '../../lib/contract/triage.ts';
import type { Database } from '../db/types.ts';
import { type AnalyticsWindow, tenantTeams } from './analytics-window.ts';
import { classedProfiles, classOf, interactionsScan, tierOf } from './reach-class-sql.ts';
import {
  addToHistogram,
  type Histogram,
  histogramMedian,
  medianOf,
  responseBucketSql,
} from './response-histogram.ts';
import { engagementsWhere, tasksDueWhere } from './window-filters.ts';

// GET /v1/analytics/attention: where the team's attention went, per class and per tier. Three grouped queries
// (engagements by response-time bucket, follow-ups, the largest gaps), each one range scan of an index over the
// window (migration 0005); the rows they return are bounded by classes × tiers × buckets, not by customers.

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

  // Engagements per profile and response bucket first (a range scan of the covering index), then each
  // engaged profile classed once (followers read once) and joined. `rn = 1` marks one row per profile, to
  // count customers and to list the profiles to class in the same pass. MATERIALIZED: e is read twice.
  const bucket = responseBucketSql('i.response_minutes');
  const engagements = await sql<{
    cls: string;
    rank: number | null;
    tier: string | null;
    bucket: number | null;
    n: number | string;
    cr: number | string;
    cr_open: number | string;
    profiles: number | string;
  }>`
    WITH e AS MATERIALIZED (
      SELECT i.profile_id AS profile_id, ${bucket} AS bucket, count(*) AS n,
        sum(i.contact_requested) AS cr,
        sum(CASE WHEN i.contact_requested = 1 AND i.response_minutes IS NULL THEN 1 ELSE 0 END) AS cr_open,
        row_number() OVER (PARTITION BY i.profile_id) AS rn
      FROM ${interactionsScan(db)}
      WHERE ${engagementsWhere(tenantId, w)}
      GROUP BY 1, 2
    )
    SELECT pc.cls AS cls, pc.rank AS rank, pc.tier AS tier, e.bucket AS bucket,
      sum(e.n) AS n, sum(e.cr) AS cr, sum(e.cr_open) AS cr_open,
      sum(CASE WHEN e.rn = 1 THEN 1 ELSE 0 END) AS profiles
    FROM e INNER JOIN ${classedProfiles(thresholds, sql`SELECT profile_id FROM e WHERE rn = 1`)} ON pc.id = e.profile_id
    GROUP BY 1, 2, 3, 4`.execute(db);
  for (const r of engagements.rows) {
    const n = Number(r.n);
    for (const a of accs(r.cls, r.rank, r.tier)) {
      a.engagements += n;
      a.profiles += Number(r.profiles);
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
    gaps: await attentionGaps(db, tenantId, w, thresholds),
  };
}

/**
 * The customers whose value most outweighs the attention they got: last-12-months value times their attention
 * deficit, the mean over their engagements of min(wait, 1 day) / 1 day, an unanswered one counting a full
 * day. Ranked in SQL (one grouped scan of the window); medians and class are then read for the 50 shown.
 */
async function attentionGaps(
  db: Kysely<Database>,
  tenantId: string,
  w: AnalyticsWindow,
  thresholds: SegmentThresholds,
): Promise<AttentionGap[]> {
  const ranked = await sql<{
    profile_id: string;
    n: number | string;
    waiting_since: string | null;
    gap: number | string;
  }>`
    WITH g AS (
      SELECT i.profile_id AS profile_id, count(*) AS n,
        sum(CASE WHEN i.response_minutes IS NULL OR i.response_minutes >= 1440 THEN 1440 ELSE i.response_minutes END) AS wait,
        min(CASE WHEN i.response_minutes IS NULL THEN i.at END) AS waiting_since
      FROM ${interactionsScan(db)}
      WHERE ${engagementsWhere(tenantId, w)}
      GROUP BY i.profile_id
    )
    SELECT g.profile_id, g.n, g.waiting_since,
      coalesce(p.value_last12m, 0) * g.wait / (1440.0 * g.n) AS gap
    FROM g INNER JOIN profiles p ON p.id = g.profile_id
    WHERE coalesce(p.value_last12m, 0) > 0 AND g.wait > 0
    ORDER BY 4 DESC, 1
    LIMIT ${GAPS}`.execute(db);
  if (ranked.rows.length === 0) return [];
  const ids = ranked.rows.map((r) => r.profile_id);
  const [profiles, social, responses] = await Promise.all([
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
      ])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('social_accounts')
      .select(['profile_id', 'followers'])
      .where('tenant_id', '=', tenantId)
      .where('profile_id', 'in', ids)
      .execute(),
    db
      .selectFrom('interactions as i')
      .select(['i.profile_id', 'i.response_minutes'])
      .where(sql<boolean>`${engagementsWhere(tenantId, w)}`)
      .where('i.profile_id', 'in', ids)
      .where('i.response_minutes', 'is not', null)
      .execute(),
  ]);
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const followers = new Map<string, number>();
  for (const s of social)
    followers.set(s.profile_id, (followers.get(s.profile_id) ?? 0) + Number(s.followers));
  const minutes = new Map<string, number[]>();
  for (const r of responses)
    minutes.set(r.profile_id, [...(minutes.get(r.profile_id) ?? []), Number(r.response_minutes)]);
  return ranked.rows.flatMap((r) => {
    const p = byId.get(r.profile_id);
    if (!p) return [];
    const tier = tierOf(p);
    const reach = followers.get(p.id) ?? 0;
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
