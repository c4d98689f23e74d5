import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

export interface AuditEntry {
  tenantId: string;
  agentId: string;
  action: 'lookup' | 'profile.read';
  /** identityKey()s of what was asked; stored hashed so the audit log is not a second copy of the PII. */
  identityKeys: readonly string[];
  profileIds: readonly string[];
  pageOrigin?: string | undefined;
  requestId?: string | undefined;
}

/** Tenant-scoped so equal identifiers in two tenants hash differently. */
export function hashIdentityKey(tenantId: string, key: string): string {
  return createHash('sha256').update(`${tenantId}\u0000${key}`, 'utf8').digest('hex');
}

export async function writeAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      tenant_id: entry.tenantId,
      agent_id: entry.agentId,
      at: new Date().toISOString(),
      action: entry.action,
      identifier_hashes: JSON.stringify(
        [...new Set(entry.identityKeys)].map((k) => hashIdentityKey(entry.tenantId, k)),
      ),
      profile_ids: JSON.stringify([...new Set(entry.profileIds)]),
      page_origin: entry.pageOrigin ?? null,
      request_id: entry.requestId ?? null,
    })
    .execute();
}
