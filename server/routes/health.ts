import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { Health } from '../../lib/contract/health.ts';
import type { AppEnv } from '../http/env.ts';
import { errorResponses } from '../http/openapi-responses.ts';

export function healthRoutes(opts: { version: string; database: Health['database'] }) {
  return new Hono<AppEnv>().get(
    '/healthz',
    describeRoute({
      summary: 'Liveness: the process answers (no auth, no database round trip)',
      tags: ['meta'],
      responses: {
        200: { description: 'Alive', content: { 'application/json': { schema: resolver(Health) } } },
        ...errorResponses(500),
      },
    }),
    (c) => c.json({ status: 'ok', version: opts.version, database: opts.database } satisfies Health),
  );
}
