import { type Kysely, sql } from 'kysely';

// Written against Kysely's schema builder only, with types both SQLite and PostgreSQL understand the same way
// (text, integer, double precision), so one migration behaves identically on both. Every table carries
// tenant_id from day one: it is the distribution key when PostgreSQL is sharded (DESIGN.md, Citus).

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('agent', 'lead', 'admin')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agents_tenant').on('agents').columns(['tenant_id']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_agent').on('api_tokens').columns(['agent_id']).execute();

  await db.schema
    .createTable('profiles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('external_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('loyalty_program', 'text')
    .addColumn('loyalty_tier', 'text')
    .addColumn('loyalty_tier_rank', 'integer')
    .addColumn('loyalty_points', 'integer')
    .addColumn('loyalty_member_since', 'text')
    .addColumn('value_currency', 'text')
    .addColumn('value_lifetime', 'double precision')
    .addColumn('value_last12m', 'double precision')
    .addColumn('value_orders_count', 'integer')
    .addColumn('pref_channel', 'text')
    .addColumn('pref_language', 'text')
    .addColumn('pref_notes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Reads are always (tenant_id, id): with only the primary key, SQLite's planner preferred the tenant_id
  // prefix of the external-id index below and scanned the tenant. Also the key a tenant-distributed table needs.
  await db.schema
    .createIndex('profiles_tenant_id')
    .on('profiles')
    .columns(['tenant_id', 'id'])
    .unique()
    .execute();
  // Import (issue 3) upserts by external id; NULLs are distinct on both dialects, so profiles without one coexist.
  await db.schema
    .createIndex('profiles_tenant_external')
    .on('profiles')
    .columns(['tenant_id', 'external_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('identities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('profile_id', 'text', (c) => c.notNull().references('profiles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('email', 'handle', 'loyalty', 'order')`))
    .addColumn('network', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The lookup index: one identifier resolves to at most one profile per tenant.
  await db.schema
    .createIndex('identities_key')
    .on('identities')
    .columns(['tenant_id', 'kind', 'network', 'value'])
    .unique()
    .execute();
  // Led by tenant_id like every index here: a query filtered on tenant_id and profile_id must find this one
  // rather than the lookup index's tenant_id prefix (SQLite picked that and scanned the tenant), and it is
  // the shape a tenant-distributed PostgreSQL needs.
  await db.schema
    .createIndex('identities_profile')
    .on('identities')
    .columns(['tenant_id', 'profile_id'])
    .execute();

  await db.schema
    .createTable('social_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('profile_id', 'text', (c) => c.notNull().references('profiles.id').onDelete('cascade'))
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('followers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('social_accounts_profile')
    .on('social_accounts')
    .columns(['tenant_id', 'profile_id', 'network', 'handle'])
    .unique()
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('identifier_hashes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('profile_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('page_origin', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('audit_log_tenant_at').on('audit_log').columns(['tenant_id', 'at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'social_accounts',
    'identities',
    'profiles',
    'api_tokens',
    'agents',
    'tenants',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
