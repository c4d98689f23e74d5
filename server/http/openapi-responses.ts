import { resolver } from 'hono-openapi';
import { ErrorBody } from '../../lib/contract/errors.ts';

// Every documented error answers with the same body; these are the reasons each status can occur.
const REASONS: Record<number, string> = {
  400: 'Malformed JSON or an invalid body (codes bad_request, invalid_body, unknown_identifier_kind, batch_too_large)',
  401: 'Missing or invalid bearer token (code unauthorized); carries WWW-Authenticate',
  403: 'Request from an origin that is not an allowed extension origin (code forbidden)',
  404: 'No such resource (code not_found)',
  405: 'Method not allowed on this path (code bad_request); carries Allow',
  413: 'Body larger than 1 MB (code bad_request)',
  415: 'Content-Type is not application/json (code bad_request)',
  500: 'Unexpected error (code internal); the message carries the Request-Id to quote',
};

export function errorResponses(...statuses: number[]) {
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

export const bearerSecurity = [{ bearerAuth: [] }];
