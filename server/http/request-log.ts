import type { Logger } from '../log.ts';

/** The one access-log line per request, written by app.ts's middleware and by the lookup fast path alike. */
export function logRequest(
  logger: Logger,
  fields: { requestId: string; method: string; path: string; status: number; started: number },
): void {
  logger.info('request', {
    requestId: fields.requestId,
    method: fields.method,
    path: fields.path.slice(0, 200),
    status: fields.status,
    ms: Math.round((performance.now() - fields.started) * 10) / 10,
  });
}
