import type { Context } from 'hono';
import { IDENTIFIER_KINDS } from '../../lib/contract/identifier.ts';
import { MAX_LOOKUP_BATCH } from '../../lib/contract/lookup.ts';
import { describeIssue as describe, type Issue, segments, valueAt } from './describe-issue.ts';
import { ApiError, errorResponse } from './errors.ts';

// Turns zod issues into the contract's error codes with a message that names the field
// (`identifiers[2].value: required`); the wording of each issue is in describe-issue.ts.

type Segment = PropertyKey;

export function formatPath(path: Segment[]): string {
  if (path.length === 0) return 'body';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

export function issuesToApiError(issues: readonly Issue[], input: unknown): ApiError {
  const batch = issues.find(
    (i) => i.code === 'too_big' && i.origin === 'array' && segments(i).join('.') === 'identifiers',
  );
  if (batch) {
    const got = valueAt(input, ['identifiers']);
    const count = Array.isArray(got) ? `, got ${got.length}` : '';
    return new ApiError(
      400,
      'batch_too_large',
      `identifiers: at most ${MAX_LOOKUP_BATCH} identifiers per lookup${count}; split the batch`,
    );
  }
  const kind = issues.find((i) => i.code === 'invalid_union' && i.discriminator === 'kind');
  if (kind) {
    const path = segments(kind);
    const given = valueAt(input, path);
    const shown = typeof given === 'string' ? ` "${given.slice(0, 40)}"` : '';
    return new ApiError(
      400,
      'unknown_identifier_kind',
      `${formatPath(path)}: unknown identifier kind${shown}; expected one of ${IDENTIFIER_KINDS.join(', ')}`,
    );
  }
  const lines = issues.slice(0, 5).map((i) => `${formatPath(segments(i))}: ${describe(i, input)}`);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return new ApiError(400, 'invalid_body', `${lines.join('; ')}${more}`, {
    issues: issues.slice(0, 20).map((i) => ({ path: formatPath(segments(i)), message: describe(i, input) })),
  });
}

/**
 * A body that is not JSON at all. Hono's validator throws this wording (as an HTTPException that app.ts's
 * onError turns into `bad_request`); the lookup fast path answers the same.
 */
export function malformedJson(): ApiError {
  return new ApiError(400, 'bad_request', 'Malformed JSON in request body');
}

/** The hook for hono-openapi's `validator()`: a failed validation answers with the contract's error body. */
export function validationHook(
  result:
    | { success: true }
    | { success: false; error: readonly { message: string; path?: Issue['path'] }[]; data: unknown },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  // zod's Standard Schema issues are its own issue objects, so the fields of Issue are there at run time.
  return errorResponse(c, issuesToApiError(result.error as readonly Issue[], result.data));
}
