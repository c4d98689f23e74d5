import * as z from 'zod/mini';

/** One row of the audit log (`GET /v1/audit`, admins): who did what, when; identifiers only as hashes. */
export const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    agentId: z.string(),
    action: z.string(),
    /** SHA-256 of (tenant, identity key): which identifiers were involved, without the PII itself. */
    identifierHashes: z.array(z.string()),
    profileIds: z.array(z.string()),
    pageOrigin: z.nullable(z.string()),
    requestId: z.nullable(z.string()),
  })
  .register(z.globalRegistry, { id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Newest first. */
export const AuditPage = z
  .object({ items: z.array(AuditEntry), nextCursor: z.nullable(z.string()) })
  .register(z.globalRegistry, { id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;
