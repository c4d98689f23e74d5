import { resolver } from 'hono-openapi';
import { ErrorBody } from '../../lib/contract/errors.ts';

// Statuses the shared errorResponses() list does not describe, with the codes these routes answer.
const REASONS: Record<number, string> = {
  403: 'Origin not allowed, or the token’s role is not enough (code forbidden; details.requiredRole names the role)',
  409: 'Conflicts with the current state (codes conflict, identity_conflict naming the other profile, merge_conflict saying why)',
  422: 'Well-formed but refers to something unusable (codes unprocessable, idempotency_mismatch)',
  429: 'Per-token rate limit reached (code rate_limited); carries Retry-After in seconds',
};

export function documentedErrors(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      String(s),
      {
        description: REASONS[s] ?? 'Error',
        content: { 'application/json': { schema: resolver(ErrorBody) } },
      },
    ]),
  );
}
