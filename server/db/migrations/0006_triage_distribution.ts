import { type Kysely, sql } from 'kysely';

// Triage (issue 6): the tenant's distribution of spend, lifetime value and followers, read for percentiles
// (server/triage/distribution.ts) and, per profile, for the value-versus-reach class (server/triage/class-sql.ts).
//
// Why indexes and not a denormalised followers column on profiles: followers live in social_accounts, which
// import, identity links and merges (moving accounts between profiles) all write; a copy on profiles would
// have to be kept right in every one of those paths, and a missed one drifts silently. Indexes cannot drift.
// - Partial indexes over live profiles (merged ones are never counted): a percentile is then one seek to an
//   offset in an index that holds only the value, no table row read (SQLite walks the index entries up to the
//   offset, PostgreSQL an index-only scan).
// - Followers summed per profile come from a covering index (profile, followers), so neither the distribution
//   nor a per-profile class ever reads social_accounts rows; merged profiles (which may keep a duplicate
//   account) are listed from their own small partial index and left out.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('profiles_live_last12m')
    .on('profiles')
    .columns(['tenant_id', 'value_last12m'])
    .where(sql.ref('merged_into'), 'is', null)
    .execute();
  await db.schema
    .createIndex('profiles_live_lifetime')
    .on('profiles')
    .columns(['tenant_id', 'value_lifetime'])
    .where(sql.ref('merged_into'), 'is', null)
    .execute();
  // Merged profiles are rare; listing them is one seek here instead of a scan of the tenant.
  await db.schema
    .createIndex('profiles_merged')
    .on('profiles')
    .columns(['tenant_id', 'id'])
    .where(sql.ref('merged_into'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('social_accounts_followers')
    .on('social_accounts')
    .columns(['tenant_id', 'profile_id', 'followers'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('social_accounts_followers').execute();
  await db.schema.dropIndex('profiles_merged').execute();
  await db.schema.dropIndex('profiles_live_lifetime').execute();
  await db.schema.dropIndex('profiles_live_last12m').execute();
}
