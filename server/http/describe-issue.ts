// One wording for zod issues, used by the HTTP validation hook and the importer's row reports. zod/mini ships
// no message locale, so messages are written here from the issue code and the input, and never echo the
// input's content (it may be PII).

/** The subset of a zod issue read here (zod's Standard Schema issues carry these fields). */
export interface Issue {
  code?: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined;
  message: string;
  expected?: string;
  values?: readonly unknown[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  discriminator?: string;
  keys?: readonly string[];
}

export const segments = (issue: Issue): PropertyKey[] =>
  (issue.path ?? []).map((p) => (typeof p === 'object' && p !== null ? p.key : p));

export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export function describeIssue(issue: Issue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const actual = valueAt(input, segments(issue));
      return actual === undefined ? 'required' : `expected ${issue.expected}, got ${typeName(actual)}`;
    }
    case 'invalid_value':
      return `expected one of ${(issue.values ?? []).map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'datetime'
        ? 'expected an ISO-8601 date-time with offset, e.g. 2026-11-20T18:02:00Z'
        : `expected ${issue.format ?? 'another format'}`;
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
    case 'unrecognized_keys':
      // Strict objects (settings a lead edits) refuse a misspelt key rather than drop it: name it.
      return `unknown field(s): ${(issue.keys ?? []).join(', ')}`;
    default:
      // Includes invalid_union: the contract's Identifier union carries its own message.
      return issue.message;
  }
}
