import { Hono } from 'hono';
import { describeRoute, resolver, validator } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { SlaPreview } from '../../lib/contract/analytics.ts';
import { SlaPolicy } from '../../lib/contract/tasks.ts';
import { auditWrite } from '../access/audit-writes.ts';
import { documentedErrors } from '../access/documented-errors.ts';
import { requireRole } from '../access/roles.ts';
import { slaPreview } from '../analytics/sla-preview.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { limitBody, requireJsonContentType } from '../http/json-body.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { validationHook } from '../http/validation.ts';
import { checkSlaRanks, readSla, SLA_KEY } from '../tasks/sla.ts';

const policyResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: resolver(SlaPolicy) } },
});

export function settingsRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>()
    .get(
      '/v1/settings/sla',
      describeRoute({
        summary: 'The tenant’s follow-up SLA: hours to due by tier rank',
        description:
          'Defaults: rank 1 → 2 h, 2 → 8 h, 3 → 24 h, other ranks 48 h, untiered 72 h. Role: lead.',
        tags: ['settings'],
        security: bearerSecurity,
        responses: {
          200: policyResponse('The policy in force'),
          ...errorResponses(401, 500),
          ...documentedErrors(403, 429),
        },
      }),
      requireRole('lead'),
      async (c) => c.json(await readSla(db, c.get('caller').tenantId)),
    )
    .put(
      '/v1/settings/sla',
      describeRoute({
        summary: 'Replace the tenant’s follow-up SLA',
        description:
          'hoursByTierRank keys are tier ranks ("1" is the top tier); hours are positive. Audited. Role: lead.',
        tags: ['settings'],
        security: bearerSecurity,
        responses: {
          200: policyResponse('The policy now in force'),
          ...errorResponses(400, 401, 413, 415, 500),
          ...documentedErrors(403, 429),
        },
      }),
      requireRole('lead'),
      requireJsonContentType,
      limitBody,
      validator('json', SlaPolicy, validationHook),
      async (c) => {
        const caller = c.get('caller');
        const policy = c.req.valid('json');
        checkSlaRanks(policy);
        const now = new Date().toISOString();
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('tenant_settings')
            .values({
              tenant_id: caller.tenantId,
              key: SLA_KEY,
              value: JSON.stringify(policy),
              updated_at: now,
              updated_by: caller.agentId,
            })
            .onConflict((oc) =>
              oc.columns(['tenant_id', 'key']).doUpdateSet({
                value: JSON.stringify(policy),
                updated_at: now,
                updated_by: caller.agentId,
              }),
            )
            .execute();
          await auditWrite(trx, caller, { action: 'settings.update', requestId: c.get('requestId') });
        });
        return c.json(policy satisfies SlaPolicy);
      },
    )
    .post(
      '/v1/settings/sla/preview',
      describeRoute({
        summary: 'Preview an SLA change: how the open follow-ups’ due times would move, per tier',
        description:
          'The body is an SlaPolicy, validated as PUT /v1/settings/sla would. Answers, per tier, the open ' +
          'follow-ups, the hours now and proposed, how many are overdue now and how many would be had they been ' +
          'made under the proposed policy, and up to 5 examples. Nothing is written. Role: lead.',
        tags: ['settings'],
        security: bearerSecurity,
        responses: {
          200: {
            description: 'The preview',
            content: { 'application/json': { schema: resolver(SlaPreview) } },
          },
          ...errorResponses(400, 401, 413, 415, 500),
          ...documentedErrors(403, 429),
        },
      }),
      requireRole('lead'),
      requireJsonContentType,
      limitBody,
      validator('json', SlaPolicy, validationHook),
      async (c) => {
        const caller = c.get('caller');
        const proposed = c.req.valid('json');
        checkSlaRanks(proposed);
        const preview = await slaPreview(db, caller.tenantId, await readSla(db, caller.tenantId), proposed);
        return c.json(preview satisfies SlaPreview);
      },
    );
}
