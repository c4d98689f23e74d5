import { type Kysely, sql } from 'kysely';

// Attention analytics (issue 6): agents get a team, and every inbound interaction carries its own answer.
//
// Why denormalised answer columns and indexes rather than a daily pre-aggregate table: the report groups by
// the customer's value-versus-reach class and tier, and both are properties of the profile that move on their
// own — class thresholds are percentiles of the tenant's distribution, recomputed as customers are imported,
// and tiers change on every re-import. A pre-aggregate keyed by class or tier goes stale the moment either
// moves; one keyed by (profile, day) is hardly smaller than the interactions themselves (about ten per
// customer per year). What is expensive per row is finding each inbound interaction's first answer (a
// self-join over the profile's timeline), and that never changes once the timeline is known, so it is
// computed when interactions are written (server/analytics/answer-columns.ts, called by POST
// /v1/interactions, the import and so the seed) and stored here:
//   answered_at      the first outbound interaction after it for the same profile; null while unanswered
//   response_minutes whole minutes from the interaction to answered_at (null while unanswered)
//   handler          who answered it, or while unanswered, who last spoke to the customer before it (the
//                    agent field of that outbound interaction: an agent id or name); the team filter and the
//                    overdue list attribute an engagement through it
// The attention query is then one range scan of a covering index per window, grouped per profile before the
// profile is joined once for its class and tier.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agents').addColumn('team', 'text').execute();
  await db.schema.alterTable('interactions').addColumn('answered_at', 'text').execute();
  await db.schema.alterTable('interactions').addColumn('response_minutes', 'integer').execute();
  await db.schema.alterTable('interactions').addColumn('handler', 'text').execute();

  // Covers the attention scan: a tenant's inbound interactions in a time window, with everything the report
  // reads, so neither SQLite nor PostgreSQL visits the table rows.
  await db.schema
    .createIndex('interactions_attention')
    .on('interactions')
    .columns([
      'tenant_id',
      'direction',
      'at',
      'profile_id',
      'channel',
      'response_minutes',
      'contact_requested',
      'handler',
    ])
    .execute();
  // Follow-ups due in a window, and the overdue list.
  await db.schema.createIndex('tasks_tenant_due').on('tasks').columns(['tenant_id', 'due_at']).execute();
  await db.schema.createIndex('agents_tenant_team').on('agents').columns(['tenant_id', 'team']).execute();
  // The overdue list reads only what is still open: partial indexes (both databases have them) hold just
  // those rows, so the list costs what is overdue, not the tenant's whole history. The queries repeat these
  // WHERE clauses with literals, which is what lets SQLite use a partial index.
  await sql`CREATE INDEX tasks_open_due ON tasks (tenant_id, due_at) WHERE status <> 'done'`.execute(db);
  await sql`CREATE INDEX interactions_unanswered_requests ON interactions (tenant_id, at) WHERE direction = 'inbound' AND contact_requested = 1 AND answered_at IS NULL`.execute(
    db,
  );

  await backfill(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('interactions_unanswered_requests').execute();
  await db.schema.dropIndex('tasks_open_due').execute();
  await db.schema.dropIndex('agents_tenant_team').execute();
  await db.schema.dropIndex('tasks_tenant_due').execute();
  await db.schema.dropIndex('interactions_attention').execute();
  for (const column of ['handler', 'response_minutes', 'answered_at']) {
    await db.schema.alterTable('interactions').dropColumn(column).execute();
  }
  await db.schema.alterTable('agents').dropColumn('team').execute();
}

interface Row {
  id: string;
  tenant_id: string;
  profile_id: string;
  at: string;
  direction: string;
  agent: string | null;
}

/**
 * Fills the new columns for the interactions already stored, a page of profiles' timelines at a time in
 * (tenant, profile, at) order, so memory stays flat. Self-contained on purpose: a migration must keep doing
 * what it did when it shipped, whatever server/analytics becomes.
 */
// biome-ignore lint/suspicious/noExplicitAny: see up().
async function backfill(db: Kysely<any>): Promise<void> {
  const PAGE = 5000;
  let after: { tenant_id: string; profile_id: string } | undefined;
  for (;;) {
    // A page of whole timelines: the profiles first, then all their interactions.
    let q = db
      .selectFrom('interactions')
      .select(['tenant_id', 'profile_id'])
      .distinct()
      .orderBy('tenant_id')
      .orderBy('profile_id')
      .limit(PAGE);
    if (after) {
      const a = after;
      q = q.where((eb) =>
        eb.or([
          eb('tenant_id', '>', a.tenant_id),
          eb.and([eb('tenant_id', '=', a.tenant_id), eb('profile_id', '>', a.profile_id)]),
        ]),
      );
    }
    const profiles: { tenant_id: string; profile_id: string }[] = await q.execute();
    if (profiles.length === 0) return;
    after = profiles[profiles.length - 1];
    const byTenant = new Map<string, string[]>();
    for (const p of profiles) byTenant.set(p.tenant_id, [...(byTenant.get(p.tenant_id) ?? []), p.profile_id]);
    for (const [tenantId, ids] of byTenant) {
      for (let i = 0; i < ids.length; i += 500) {
        const rows: Row[] = await db
          .selectFrom('interactions')
          .select(['id', 'tenant_id', 'profile_id', 'at', 'direction', 'agent'])
          .where('tenant_id', '=', tenantId)
          .where('profile_id', 'in', ids.slice(i, i + 500))
          .where('direction', 'in', ['inbound', 'outbound'])
          .orderBy('profile_id')
          .orderBy('at')
          .orderBy('id')
          .execute();
        // PostgreSQL runs a migration inside a transaction already (Kysely's transactional DDL); SQLite does
        // not, and one transaction per page spares it a commit per row.
        const inTransaction = (fn: (trx: typeof db) => Promise<void>) =>
          db.isTransaction ? fn(db) : db.transaction().execute(fn);
        await inTransaction(async (trx) => {
          // Rows with nothing to store keep the columns' NULLs: no write for a never-answered first message.
          for (const u of answers(rows).filter((a) => a.answeredAt !== null || a.handler !== null)) {
            await trx
              .updateTable('interactions')
              .set({ answered_at: u.answeredAt, response_minutes: u.minutes, handler: u.handler })
              .where('id', '=', u.id)
              .execute();
          }
        });
      }
    }
    if (profiles.length < PAGE) return;
  }
}

/** The same rule as server/analytics/answer-columns.ts, over rows sorted by profile, then time. */
function answers(rows: Row[]) {
  const out: { id: string; answeredAt: string | null; minutes: number | null; handler: string | null }[] = [];
  let start = 0;
  while (start < rows.length) {
    let end = start;
    while (end < rows.length && rows[end]?.profile_id === rows[start]?.profile_id) end++;
    // Time order, a reply first at the same instant (said by then, but no answer to a message of that instant).
    const timeline = rows
      .slice(start, end)
      .sort((a, b) =>
        a.at !== b.at
          ? a.at < b.at
            ? -1
            : 1
          : (a.direction === 'outbound' ? 0 : 1) - (b.direction === 'outbound' ? 0 : 1) ||
            (a.id < b.id ? -1 : 1),
      );
    let lastOutbound: Row | undefined;
    for (const [i, r] of timeline.entries()) {
      if (r.direction === 'outbound') {
        lastOutbound = r;
        continue;
      }
      const answer = timeline.slice(i + 1).find((o) => o.direction === 'outbound' && o.at > r.at);
      out.push({
        id: r.id,
        answeredAt: answer?.at ?? null,
        minutes: answer ? Math.floor((Date.parse(answer.at) - Date.parse(r.at)) / 60_000) : null,
        handler: answer ? answer.agent : (lastOutbound?.agent ?? null),
      });
    }
    start = end;
  }
  return out;
}
