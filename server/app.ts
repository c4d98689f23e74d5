import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { openAPIRouteHandler } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, type RateLimiter, rateLimit } from './access/rate-limit.ts';
import type { Database } from './db/types.ts';
import { type Authenticator, bearerAuth } from './http/auth.ts';
import { cors } from './http/cors.ts';
import type { AppEnv } from './http/env.ts';
import { ApiError, errorBody, errorResponse, internalError } from './http/errors.ts';
import { allowedMethodsFinder } from './http/method-not-allowed.ts';
import { MAX_REQUEST_ID_LENGTH, REQUEST_ID_HEADER } from './http/request-id.ts';
import { logRequest } from './http/request-log.ts';
import { createLogger, type Logger } from './log.ts';
import { agentRoutes } from './routes/agents.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { auditRoutes } from './routes/audit.ts';
import { detectionPatternRoutes } from './routes/detection-patterns.ts';
import { docsRoutes } from './routes/docs.ts';
import { healthRoutes } from './routes/health.ts';
import { identityRoutes } from './routes/identities.ts';
import { importRoutes } from './routes/import.ts';
import { interactionRoutes } from './routes/interactions.ts';
import { lookupRoutes } from './routes/lookup.ts';
import { meRoutes } from './routes/me.ts';
import { mergeRoutes } from './routes/merges.ts';
import { playbookRoutes } from './routes/playbook.ts';
import { profileRoutes } from './routes/profiles.ts';
import { searchRoutes } from './routes/search.ts';
import { settingsRoutes } from './routes/settings.ts';
import { siteRoutes } from './routes/sites.ts';
import { taskRoutes } from './routes/tasks.ts';
import { triageRoutes } from './routes/triage.ts';
import { VERSION } from './version.ts';

export interface AppOptions {
  db: Kysely<Database>;
  database: 'sqlite' | 'postgres';
  /** Serves this folder's files at /demo/ without auth (the demo pages). */
  demoDir?: string | undefined;
  /** Exact extension origins; when unset every extension origin is answered. See http/cors.ts. */
  allowedOrigins?: readonly string[] | undefined;
  logger?: Logger;
  /** Requests per minute per agent (token bucket, per process); default 600. See access/rate-limit.ts. */
  rateLimitPerMinute?: number | undefined;
  /** How long a checked token is trusted without re-reading it (default 30 s, 0 = never). See http/auth.ts. */
  tokenCacheMs?: number | undefined;
  /** Shared with the lookup fast path (start.ts) so both use one token cache; else built from tokenCacheMs. */
  authenticator?: Authenticator | undefined;
  /** Shared with the lookup fast path (start.ts) so both draw on one bucket per agent. */
  limiter?: RateLimiter | undefined;
}

/** The HTTP API as a plain Hono app over a database: no listening, no environment reading. */
export function createApp(opts: AppOptions): Hono<AppEnv> {
  const logger = opts.logger ?? createLogger();
  const app = new Hono<AppEnv>();

  // hono's request-id only echoes [A-Za-z0-9_=-]{1,128}; anything else is replaced, so logs stay clean.
  app.use(requestId({ headerName: REQUEST_ID_HEADER, limitLength: MAX_REQUEST_ID_LENGTH }));
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logRequest(logger, {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      started,
    });
  });
  app.use(cors(opts.allowedOrigins));
  app.use('/v1/*', bearerAuth(opts.authenticator ?? opts.db, { cacheMs: opts.tokenCacheMs }));
  app.use('/v1/*', rateLimit(opts.limiter ?? opts.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE));

  app.route('/', healthRoutes({ version: VERSION, database: opts.database }));
  app.route('/', meRoutes());
  app.route('/', lookupRoutes(opts.db));
  app.route('/', profileRoutes(opts.db));
  app.route('/', importRoutes(opts.db));
  app.route('/', detectionPatternRoutes(opts.db));
  app.route('/', identityRoutes(opts.db));
  app.route('/', mergeRoutes(opts.db));
  app.route('/', searchRoutes(opts.db));
  app.route('/', taskRoutes(opts.db));
  app.route('/', interactionRoutes(opts.db));
  app.route('/', settingsRoutes(opts.db));
  app.route('/', triageRoutes(opts.db));
  app.route('/', playbookRoutes(opts.db));
  app.route('/', auditRoutes(opts.db));
  app.route('/', analyticsRoutes(opts.db));
  app.route('/', agentRoutes(opts.db));
  app.route(
    '/',
    docsRoutes(async () => (await app.request('/openapi.json')).json()),
  );
  app.route('/', siteRoutes(opts.db, logger));

  app.get(
    '/openapi.json',
    openAPIRouteHandler(app, {
      documentation: {
        info: {
          title: 'Known profile API',
          version: VERSION,
          description:
            'The reference backend of Known. JSON over HTTPS, bearer tokens, errors as {"error":{"code","message"}}, ' +
            'a Request-Id header on every response.',
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An agent token' } },
        },
      },
    }),
  );

  if (opts.demoDir) {
    const root = opts.demoDir;
    app.get('/demo', (c) => c.redirect('/demo/'));
    app.use('/demo/*', serveStatic({ root, rewriteRequestPath: (p) => p.replace(/^\/demo/, '') }));
  }

  const allowedMethods = allowedMethodsFinder(app);
  app.notFound((c) => {
    const allow = allowedMethods(c.req.path);
    if (allow.length > 0) {
      c.header('Allow', allow.join(', '));
      return errorResponse(
        c,
        new ApiError(
          405,
          'bad_request',
          `method ${c.req.method} not allowed on ${c.req.path}; use ${allow.join(', ')}`,
        ),
      );
    }
    return errorResponse(
      c,
      new ApiError(404, 'not_found', `no route ${c.req.method} ${c.req.path.slice(0, 200)}`),
    );
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    // hono's own 4xx (malformed JSON in the validator, a bad URL): keep the status, use the contract's body.
    if (err instanceof HTTPException && err.status < 500) {
      const code = err.status === 401 ? 'unauthorized' : err.status === 404 ? 'not_found' : 'bad_request';
      return c.json(errorBody(code, err.message || 'bad request'), err.status);
    }
    return errorResponse(
      c,
      internalError(logger, err, { requestId: c.get('requestId'), method: c.req.method, path: c.req.path }),
    );
  });

  return app;
}
