import { Hono } from 'hono';
import { describeRoute, resolver, validator } from 'hono-openapi';
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { type AuditEntry, AuditPage } from '../../lib/contract/audit.ts';
import { documentedErrors } from '../access/documented-errors.ts';
import { requireRole } from '../access/roles.ts';
import type { AuditLogTable, Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { validationHook } from '../http/validation.ts';

const Query = z.object({
  from: z.optional(z.iso.datetime({ offset: true })),
  to: z.optional(z.iso.datetime({ offset: true })),
  action: z.optional(
    z.string().check(z.minLength(1), z.maxLength(40), z.regex(/^[a-z.]+$/, 'an action name')),
  ),
  cursor: z.optional(z.string().check(z.maxLength(1000))),
  limit: z.optional(
    z.string().check(z.regex(/^(500|[1-4]\d{2}|[1-9]\d?)$/, 'must be an integer from 1 to 500')),
  ),
});

const jsonList = (text: string): string[] => {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
};

const toEntry = (r: AuditLogTable): AuditEntry => ({
  id: r.id,
  at: r.at,
  agentId: r.agent_id,
  action: r.action,
  identifierHashes: jsonList(r.identifier_hashes),
  profileIds: jsonList(r.profile_ids),
  pageOrigin: r.page_origin,
  requestId: r.request_id,
});

// Newest first; the cursor is the (at, id) of the page's last row.
function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      parsed.every((p) => typeof p === 'string' && !p.includes('\u0000'))
    ) {
      return parsed as [string, string];
    }
  } catch {
    // the 400 below
  }
  throw new ApiError(400, 'bad_request', 'cursor: not a cursor this API returned');
}

export function auditRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>().get(
    '/v1/audit',
    describeRoute({
      summary: 'The audit log: every lookup, profile read and write, newest first',
      description:
        'Filter by `from`/`to` (ISO times, from inclusive, to exclusive) and `action` (lookup, profile.read, ' +
        'identity.link, identity.unlink, merge, merge.undo, task.create, task.update, interaction.create, ' +
        'settings.update, search, import …). Identifiers appear only as tenant-scoped SHA-256 hashes. Role: admin.',
      tags: ['audit'],
      security: bearerSecurity,
      responses: {
        200: {
          description: 'A page of audit rows',
          content: { 'application/json': { schema: resolver(AuditPage) } },
        },
        ...errorResponses(400, 401, 500),
        ...documentedErrors(403, 429),
      },
    }),
    requireRole('admin'),
    validator('query', Query, validationHook),
    async (c) => {
      const caller = c.get('caller');
      const q = c.req.valid('query');
      const limit = q.limit ? Number(q.limit) : 100;
      let query = db.selectFrom('audit_log').selectAll().where('tenant_id', '=', caller.tenantId);
      if (q.from) query = query.where('at', '>=', new Date(q.from).toISOString());
      if (q.to) query = query.where('at', '<', new Date(q.to).toISOString());
      if (q.action) query = query.where('action', '=', q.action as AuditLogTable['action']);
      if (q.cursor) {
        const [at, id] = decodeCursor(q.cursor);
        query = query.where((eb) =>
          eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]),
        );
      }
      const rows = await query
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return c.json({
        items: page.map(toEntry),
        nextCursor:
          rows.length > limit && last
            ? Buffer.from(JSON.stringify([last.at, last.id])).toString('base64url')
            : null,
      } satisfies AuditPage);
    },
  );
}
