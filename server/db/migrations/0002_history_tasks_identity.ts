import type { Kysely } from 'kysely';

// The backend v1 (issue 3): a customer's history across channels, follow-up tasks, identity provenance and
// merge history, and per-tenant settings. Same rules as 0001: portable types only, tenant_id first in every
// index. Written once for both workstreams that build on it (history/import and identity/tasks).

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  // A merged profile keeps its row so its old id can answer with where it went.
  await db.schema.alterTable('profiles').addColumn('merged_into', 'text').execute();
  await db.schema.alterTable('profiles').addColumn('loyalty_tier_expires_at', 'text').execute();
  await db.schema.alterTable('profiles').addColumn('value_last_order_at', 'text').execute();

  // Provenance of each link: deterministic ones come from import; a handle needs an agent's confirmation.
  await db.schema.alterTable('identities').addColumn('linked_by', 'text').execute();
  await db.schema.alterTable('identities').addColumn('linked_at', 'text').execute();
  await db.schema.alterTable('identities').addColumn('evidence', 'text').execute();
  await db.schema.alterTable('identities').addColumn('confidence', 'double precision').execute();

  await db.schema
    .createTable('interactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('profile_id', 'text', (c) => c.notNull().references('profiles.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('sentiment', 'text')
    .addColumn('contact_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('agent', 'text')
    /** reply | call | offer | suggestion_used | suggestion_wrong | imported … */
    .addColumn('type', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The timeline read and its cursor: newest first within a profile.
  await db.schema
    .createIndex('interactions_profile_at')
    .on('interactions')
    .columns(['tenant_id', 'profile_id', 'at', 'id'])
    .execute();
  // Attention analytics (issue 6) scan a tenant's interactions by time.
  await db.schema
    .createIndex('interactions_tenant_at')
    .on('interactions')
    .columns(['tenant_id', 'at'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('profile_id', 'text', (c) => c.notNull().references('profiles.id').onDelete('cascade'))
    /** The case id as the source system knows it (C-77). */
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    /** JSON array of channels, in the order the case travelled through them. */
    .addColumn('channels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('promised_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cases_tenant_external')
    .on('cases')
    .columns(['tenant_id', 'external_id'])
    .unique()
    .execute();
  await db.schema.createIndex('cases_profile').on('cases').columns(['tenant_id', 'profile_id']).execute();

  /** Recent and upcoming flights, orders, stays, bookings, appointments. */
  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('profile_id', 'text', (c) => c.notNull().references('profiles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('items_profile_at')
    .on('items')
    .columns(['tenant_id', 'profile_id', 'at'])
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('profile_id', 'text', (c) => c.notNull().references('profiles.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('source_url', 'text')
    .addColumn('snoozed_until', 'text')
    .addColumn('done_at', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The same Idempotency-Key from the same agent creates one task, even from two API nodes at once: the
  // database refuses the second insert, so no lock or cache is needed.
  await db.schema
    .createIndex('tasks_idempotency')
    .on('tasks')
    .columns(['tenant_id', 'created_by', 'idempotency_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('tasks_assignee_due')
    .on('tasks')
    .columns(['tenant_id', 'assignee_id', 'status', 'due_at'])
    .execute();
  await db.schema
    .createIndex('tasks_profile')
    .on('tasks')
    .columns(['tenant_id', 'profile_id', 'status'])
    .execute();

  await db.schema
    .createTable('merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    /** The profile that disappeared into the target. */
    .addColumn('source_profile_id', 'text', (c) => c.notNull())
    .addColumn('target_profile_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    /** JSON: exactly which rows moved, so undo can move them back and nothing else. */
    .addColumn('moved', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .execute();
  await db.schema.createIndex('merges_tenant_at').on('merges').columns(['tenant_id', 'at']).execute();

  /** Every link, unlink, merge and undo: who, when, what, on what evidence. */
  await db.schema
    .createTable('identity_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('other_profile_id', 'text')
    .addColumn('kind', 'text')
    .addColumn('network', 'text')
    .addColumn('value', 'text')
    .addColumn('evidence', 'text')
    .addColumn('merge_id', 'text')
    .execute();
  await db.schema
    .createIndex('identity_events_profile')
    .on('identity_events')
    .columns(['tenant_id', 'profile_id', 'at'])
    .execute();

  /** Per-tenant settings as validated JSON: the SLA policy, the playbook, triage weights. */
  await db.schema
    .createTable('tenant_settings')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('tenant_settings_pk', ['tenant_id', 'key'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'tenant_settings',
    'identity_events',
    'merges',
    'tasks',
    'items',
    'cases',
    'interactions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ['confidence', 'evidence', 'linked_at', 'linked_by']) {
    await db.schema.alterTable('identities').dropColumn(column).execute();
  }
  for (const column of ['value_last_order_at', 'loyalty_tier_expires_at', 'merged_into']) {
    await db.schema.alterTable('profiles').dropColumn(column).execute();
  }
}
