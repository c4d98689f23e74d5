import { formatPath } from '../http/validation.ts';

// zod/mini carries no message locale, so a rejected row's reason is written here from the issue code, the
// same way the HTTP validation hook does, and without echoing the row's content (it may be PII).

interface Issue {
  code?: string;
  path?: ReadonlyArray<PropertyKey>;
  message: string;
  expected?: string;
  values?: readonly unknown[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function reason(issue: Issue, input: unknown): string {
  const path = issue.path ?? [];
  switch (issue.code) {
    case 'invalid_type': {
      const actual = valueAt(input, path);
      return actual === undefined ? 'required' : `expected ${issue.expected}, got ${typeName(actual)}`;
    }
    case 'invalid_value':
      return `expected one of ${(issue.values ?? []).map(String).join(', ')}`;
    case 'invalid_union':
      return 'unknown identifier kind; expected one of email, handle, loyalty, order';
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
    default:
      return issue.message;
  }
}

/** The first issue of a failed row as `{field, reason}`; the field is a path like `interactions[2].at`. */
export function firstIssue(issues: readonly Issue[], input: unknown): { field: string; reason: string } {
  const issue = issues[0];
  if (!issue) return { field: 'row', reason: 'invalid row' };
  const path = issue.path ?? [];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue(s))` : '';
  return {
    field: path.length === 0 ? 'row' : formatPath([...path]),
    reason: `${reason(issue, input)}${more}`,
  };
}
