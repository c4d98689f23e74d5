import type { Kysely } from 'kysely';
import { Playbook, type PlaybookResponse } from '../../lib/contract/playbook.ts';
import { demoPlaybook } from '../../lib/suggest/playbooks/index.ts';
import { auditWrite } from '../access/audit-writes.ts';
import type { Database } from '../db/types.ts';
import type { Caller } from '../http/env.ts';

export const PLAYBOOK_KEY = 'playbook';

/**
 * The tenant's playbook from tenant_settings, validated on read as on write; the shipped combined playbook when
 * the tenant has none. A stored value that no longer validates (a schema change, a hand edit of the database)
 * answers the default too rather than handing the extension something it would refuse.
 */
export async function readPlaybook(db: Kysely<Database>, tenantId: string): Promise<PlaybookResponse> {
  const row = await db
    .selectFrom('tenant_settings')
    .select(['value', 'updated_at', 'updated_by'])
    .where('tenant_id', '=', tenantId)
    .where('key', '=', PLAYBOOK_KEY)
    .executeTakeFirst();
  if (row) {
    let stored: unknown;
    try {
      stored = JSON.parse(row.value);
    } catch {
      stored = undefined;
    }
    const parsed = Playbook.safeParse(stored);
    if (parsed.success) {
      return {
        playbook: parsed.data,
        source: 'tenant',
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
      };
    }
  }
  return { playbook: demoPlaybook(), source: 'default', updatedAt: null, updatedBy: null };
}

/** Replaces the tenant's playbook and audits it, in one transaction. */
export async function writePlaybook(
  db: Kysely<Database>,
  caller: Caller,
  playbook: Playbook,
  requestId: string | undefined,
): Promise<PlaybookResponse> {
  const now = new Date().toISOString();
  const value = JSON.stringify(playbook);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('tenant_settings')
      .values({
        tenant_id: caller.tenantId,
        key: PLAYBOOK_KEY,
        value,
        updated_at: now,
        updated_by: caller.agentId,
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'key']).doUpdateSet({ value, updated_at: now, updated_by: caller.agentId }),
      )
      .execute();
    await auditWrite(trx, caller, { action: 'settings.update', requestId });
  });
  return { playbook, source: 'tenant', updatedAt: now, updatedBy: caller.agentId };
}
