import type { Kysely } from 'kysely';

// What import and lookup (issue 3, history half) need beyond 0002:
// - profiles.import_hash: SHA-256 of the last imported row, so re-importing an unchanged row is one indexed
//   read and no write (the `unchanged` count), and a changed row is told apart without comparing children.
// - items.ref_key: an order item's number normalised like an `order` identifier, so an order number seen on
//   a page finds the customer through their recent or upcoming orders too. Two live profiles holding the
//   same order number is what makes a lookup `ambiguous`.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('profiles').addColumn('import_hash', 'text').execute();
  await db.schema.alterTable('items').addColumn('ref_key', 'text').execute();
  await db.schema.createIndex('items_ref_key').on('items').columns(['tenant_id', 'ref_key']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('items_ref_key').execute();
  await db.schema.alterTable('items').dropColumn('ref_key').execute();
  await db.schema.alterTable('profiles').dropColumn('import_hash').execute();
}
