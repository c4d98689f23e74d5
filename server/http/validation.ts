import type { Context } from 'hono';
import { IDENTIFIER_KINDS } from '../../lib/contract/identifier.ts';
import { MAX_LOOKUP_BATCH } from '../../lib/contract/lookup.ts';
import { ApiError, errorResponse } from './errors.ts';

// Turns zod issues into the contract's error codes with a message that names the field
// (`identifiers[2].value: required`). zod/mini ships no message locale, so messages are written here from the
// issue codes and the input itself, which also keeps the input's content out of the message.

/** The subset of a zod issue read here (zod's Standard Schema issues carry these fields). */
interface Issue {
  code?: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined;
  message: string;
  expected?: string;
  values?: unknown[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  discriminator?: string;
}

type Segment = PropertyKey;

const segments = (issue: Issue): Segment[] =>
  (issue.path ?? []).map((p) => (typeof p === 'object' && p !== null ? p.key : p));

export function formatPath(path: Segment[]): string {
  if (path.length === 0) return 'body';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function valueAt(input: unknown, path: Segment[]): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function describe(issue: Issue, input: unknown): string {
  const path = segments(issue);
  switch (issue.code) {
    case 'invalid_type': {
      const actual = valueAt(input, path);
      return actual === undefined ? 'required' : `expected ${issue.expected}, got ${typeName(actual)}`;
    }
    case 'invalid_value':
      return `expected one of ${(issue.values ?? []).map(String).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must not be shorter than ${issue.minimum} characters`
        : issue.origin === 'array'
          ? `must have at least ${issue.minimum} item(s)`
          : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must not be longer than ${issue.maximum} characters`
        : issue.origin === 'array'
          ? `must have at most ${issue.maximum} items`
          : `must be at most ${issue.maximum}`;
    default:
      return issue.message;
  }
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
