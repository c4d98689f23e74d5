import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { DEFAULT_DETECTION_PATTERNS, DetectionPatterns } from '../../lib/contract/detection-patterns.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';

/** The tenant_settings key that holds a tenant's DetectionPatterns as JSON. */
export const DETECTION_SETTING_KEY = 'detection';

export function detectionPatternRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>().get(
    '/v1/detection-patterns',
    describeRoute({
      summary: "What the tenant's loyalty card and order numbers look like (regex sources with check digits)",
      description:
        "Read from the tenant's `detection` setting; the demo brands' formats until one is set. The extension " +
        'compiles them with fixed flags; unsafe sources (nested quantifiers, back-references, >120 characters) ' +
        'are refused by the schema.',
      tags: ['detection'],
      security: bearerSecurity,
      responses: {
        200: {
          description: 'The patterns the extension should look for',
          content: { 'application/json': { schema: resolver(DetectionPatterns) } },
        },
        ...errorResponses(401, 403, 500),
      },
    }),
    async (c) => {
      const caller = c.get('caller');
      const row = await db
        .selectFrom('tenant_settings')
        .select('value')
        .where('tenant_id', '=', caller.tenantId)
        .where('key', '=', DETECTION_SETTING_KEY)
        .executeTakeFirst();
      if (!row) return c.json(DEFAULT_DETECTION_PATTERNS);
      let stored: unknown;
      try {
        stored = JSON.parse(row.value);
      } catch {
        stored = undefined;
      }
      const parsed = DetectionPatterns.safeParse(stored);
      // A stored value that no longer parses (written by hand, or by an older schema) must not blind every
      // agent's extension: serve the defaults and say so in the log.
      if (!parsed.success) {
        console.warn(`[known] tenant ${caller.tenantId}: invalid "detection" setting, serving defaults`);
        return c.json(DEFAULT_DETECTION_PATTERNS);
      }
      return c.json(parsed.data);
    },
  );
}
