import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditWriteAction, Database } from '../db/types.ts';
import type { Caller } from '../http/env.ts';
import { hashIdentityKey } from '../profiles/audit.ts';

// Writes (link, merge, task, settings …) are audited like reads: who, when, which profiles and — hashed —
// which identifiers. Called inside the write's transaction, so a rejected or rolled-back write leaves no row.

export interface AuditWrite {
  action: AuditWriteAction;
  profileIds?: readonly string[];
  /** identityKey()s involved; stored as tenant-scoped hashes, never in clear. */
  identityKeys?: readonly string[];
  requestId?: string | undefined;
}

export async function auditWrite(db: Kysely<Database>, caller: Caller, entry: AuditWrite): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      tenant_id: caller.tenantId,
      agent_id: caller.agentId,
      at: new Date().toISOString(),
      action: entry.action,
      identifier_hashes: JSON.stringify(
        [...new Set(entry.identityKeys ?? [])].map((k) => hashIdentityKey(caller.tenantId, k)),
      ),
      profile_ids: JSON.stringify([...new Set(entry.profileIds ?? [])]),
      page_origin: null,
      request_id: entry.requestId ?? null,
    })
    .execute();
}
