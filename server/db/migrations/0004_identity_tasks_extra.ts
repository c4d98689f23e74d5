import type { Kysely } from 'kysely';

// A task remembers a fingerprint of the request that created it, so a retry with the same Idempotency-Key
// but a different body is told apart from a true retry (422 idempotency_mismatch) without comparing columns
// whose values the server derived (the SLA due time moves on between a request and its retry).

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('request_hash', 'text').execute();
  // GET /v1/audit filters a tenant's log by action and time.
  await db.schema
    .createIndex('audit_log_tenant_action_at')
    .on('audit_log')
    .columns(['tenant_id', 'action', 'at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_tenant_action_at').execute();
  await db.schema.alterTable('tasks').dropColumn('request_hash').execute();
}
