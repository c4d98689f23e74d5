import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Reach on the profile row (issue 6, analytics at 10M interactions): profiles.social_followers, the followers
// summed over the profile's social accounts, NULL when it has none (an unknown audience, not a zero one).
//
// Why now, when migration 0006 chose indexes over a copy: classing a profile (value against reach) was a row
// read plus a seek into social_accounts, and the attention report classes every customer who engaged in the
// window — 370k of them in a month of a 10M-interaction tenant, the larger half of the report's time. With
// the sum on the row, classing is one read of a covering index. 0006's worry was a copy that drifts when one
// of the many writers of social_accounts (import, identity links, merges and their undo, the seeds) forgets it;
// so no writer maintains it: triggers on social_accounts do, on both databases, whatever writes the row.
//
// - The trigger recomputes the sum for the profile(s) a changed row belongs to (before and after, for a row
//   moved by a merge), from the covering index social_accounts_followers: one seek, never a running total that
//   a missed delta would corrupt. On PostgreSQL it first locks the profile row, so two transactions adding
//   accounts to one profile at once cannot each store a sum without the other's (read committed takes a new
//   snapshot per statement inside the function, after the lock is granted).
// - profiles_live_followers: the followers sample of the triage cut-offs (live profiles with an account) as an
//   index, so its percentile is LIMIT 2 OFFSET k like spend and lifetime value (0006), not a grouped pass over
//   every account.
// - profiles_class: what the class and tier read (and merged_into, which the triage preview filters on), keyed
//   by profile id, so the analytics join one profile in one index seek (SQLite) or an index-only scan
//   (PostgreSQL), and the preview scans it, rather than reading the whole, wide row.

const COLUMNS = [
  'tenant_id',
  'id',
  'loyalty_tier_rank',
  'loyalty_program',
  'loyalty_tier',
  'value_currency',
  'value_lifetime',
  'value_last12m',
  'social_followers',
  'merged_into',
];

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('profiles').addColumn('social_followers', 'bigint').execute();
  await sql`UPDATE profiles SET social_followers = s.f
    FROM (SELECT tenant_id, profile_id, sum(followers) AS f FROM social_accounts GROUP BY tenant_id, profile_id) s
    WHERE profiles.tenant_id = s.tenant_id AND profiles.id = s.profile_id`.execute(db);

  const sum = (row: 'new' | 'old') =>
    sql.raw(`(SELECT sum(s.followers) FROM social_accounts s
      WHERE s.tenant_id = ${row}.tenant_id AND s.profile_id = ${row}.profile_id)`);
  const where = (row: 'new' | 'old') => sql.raw(`tenant_id = ${row}.tenant_id AND id = ${row}.profile_id`);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE FUNCTION social_followers_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          PERFORM 1 FROM profiles WHERE ${where('old')} FOR UPDATE;
          UPDATE profiles SET social_followers = ${sum('old')} WHERE ${where('old')};
        END IF;
        IF TG_OP <> 'DELETE' THEN
          PERFORM 1 FROM profiles WHERE ${where('new')} FOR UPDATE;
          UPDATE profiles SET social_followers = ${sum('new')} WHERE ${where('new')};
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER social_accounts_followers_sync
      AFTER INSERT OR DELETE OR UPDATE OF tenant_id, profile_id, followers ON social_accounts
      FOR EACH ROW EXECUTE FUNCTION social_followers_sync()`.execute(db);
  } else {
    const set = (row: 'new' | 'old') =>
      sql`UPDATE profiles SET social_followers = ${sum(row)} WHERE ${where(row)};`;
    await sql`CREATE TRIGGER social_accounts_followers_insert AFTER INSERT ON social_accounts BEGIN
      ${set('new')} END`.execute(db);
    await sql`CREATE TRIGGER social_accounts_followers_delete AFTER DELETE ON social_accounts BEGIN
      ${set('old')} END`.execute(db);
    await sql`CREATE TRIGGER social_accounts_followers_update
      AFTER UPDATE OF tenant_id, profile_id, followers ON social_accounts BEGIN
      ${set('old')} ${set('new')} END`.execute(db);
  }

  await db.schema
    .createIndex('profiles_live_followers')
    .on('profiles')
    .columns(['tenant_id', 'social_followers'])
    .where(sql.ref('merged_into'), 'is', null)
    .where(sql.ref('social_followers'), 'is not', null)
    .execute();
  await db.schema.createIndex('profiles_class').on('profiles').columns(COLUMNS).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('profiles_class').execute();
  await db.schema.dropIndex('profiles_live_followers').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`DROP TRIGGER social_accounts_followers_sync ON social_accounts`.execute(db);
    await sql`DROP FUNCTION social_followers_sync()`.execute(db);
  } else {
    for (const op of ['insert', 'delete', 'update']) {
      await sql`DROP TRIGGER ${sql.raw(`social_accounts_followers_${op}`)}`.execute(db);
    }
  }
  await db.schema.alterTable('profiles').dropColumn('social_followers').execute();
}
