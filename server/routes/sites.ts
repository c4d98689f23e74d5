import { Hono } from 'hono';
import { describeRoute, resolver, validator } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { SiteList } from '../../lib/contract/sites.ts';
import { requireRole } from '../access/roles.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { limitBody, requireJsonContentType } from '../http/json-body.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { validationHook } from '../http/validation.ts';
import type { Logger } from '../log.ts';

const SETTINGS_KEY = 'sites';

/**
 * The tenant's extra site definitions, from `tenant_settings` (key `sites`). Validated on read as well as on
 * write: a row written by an older version or by hand must not reach the extensions of the whole team.
 */
async function readSites(db: Kysely<Database>, tenantId: string, logger?: Logger): Promise<SiteList> {
  const row = await db
    .selectFrom('tenant_settings')
    .select('value')
    .where('tenant_id', '=', tenantId)
    .where('key', '=', SETTINGS_KEY)
    .executeTakeFirst();
  if (!row) return { sites: [] };
  let json: unknown;
  try {
    json = JSON.parse(row.value);
  } catch {
    json = undefined;
  }
  const parsed = SiteList.safeParse(json);
  if (parsed.success) return parsed.data;
  logger?.error('invalid stored site definitions; answering none', { tenantId });
  return { sites: [] };
}

export function siteRoutes(db: Kysely<Database>, logger?: Logger) {
  return new Hono<AppEnv>()
    .get(
      '/v1/sites',
      describeRoute({
        summary: 'Extra sites the admin enabled for the team (URL patterns and selectors, no code)',
        description:
          'The extension offers these on its options page; each still needs the agent’s browser to grant the ' +
          'origin. Empty when none are configured.',
        tags: ['sites'],
        security: bearerSecurity,
        responses: {
          200: {
            description: 'The site definitions',
            content: { 'application/json': { schema: resolver(SiteList) } },
          },
          ...errorResponses(401, 403, 500),
        },
      }),
      async (c) => c.json((await readSites(db, c.get('caller').tenantId, logger)) satisfies SiteList),
    )
    .put(
      '/v1/sites',
      describeRoute({
        summary: 'Replace the team’s extra site definitions (admin)',
        tags: ['sites'],
        security: bearerSecurity,
        responses: {
          200: {
            description: 'The stored definitions',
            content: { 'application/json': { schema: resolver(SiteList) } },
          },
          ...errorResponses(400, 401, 403, 413, 415, 500),
        },
      }),
      requireRole('admin'),
      requireJsonContentType,
      limitBody,
      validator('json', SiteList, validationHook),
      async (c) => {
        const caller = c.get('caller');
        const body = c.req.valid('json');
        const row = {
          tenant_id: caller.tenantId,
          key: SETTINGS_KEY,
          value: JSON.stringify(body),
          updated_at: new Date().toISOString(),
          updated_by: caller.agentId,
        };
        // Same statement on SQLite and PostgreSQL: both support ON CONFLICT … DO UPDATE.
        await db
          .insertInto('tenant_settings')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'key']).doUpdateSet({
              value: row.value,
              updated_at: row.updated_at,
              updated_by: row.updated_by,
            }),
          )
          .execute();
        return c.json(body satisfies SiteList);
      },
    );
}
