// Turns zod's issues for a playbook into `{ path, message }` a team lead can act on ("rules[3].when.intents.any[0]:
// unknown intent \"lost_bags\""). Shared by the backend (400 invalid_playbook) and the extension (which keeps the
// last good playbook and says why a new one was refused). zod/mini ships no message locale, so the wording for
// the generic issue codes is written here.

export interface PlaybookIssue {
  path: string;
  message: string;
}

interface RawIssue {
  code?: string;
  path?: ReadonlyArray<PropertyKey>;
  message: string;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  errors?: RawIssue[][];
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'playbook';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function message(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `must have at least ${issue.minimum} item(s)`
        : issue.origin === 'string'
          ? `must not be shorter than ${issue.minimum} characters`
          : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `must have at most ${issue.maximum} items`
        : issue.origin === 'string'
          ? `must not be longer than ${issue.maximum} characters`
          : `must be at most ${issue.maximum}`;
    case 'unrecognized_keys':
      return 'unknown field';
    default:
      return issue.message;
  }
}

/**
 * A union (`text`: one template or a list) fails as a whole; the branch worth reporting is the one the input
 * was meant for, i.e. the one that did not fail on the value's type alone.
 */
function branchIssues(issue: RawIssue): RawIssue[] | undefined {
  const branches = issue.errors ?? [];
  return (
    branches.find(
      (b) => b.length > 0 && !b.every((i) => i.code === 'invalid_type' && (i.path ?? []).length === 0),
    ) ?? undefined
  );
}

export function playbookIssues(
  issues: readonly RawIssue[],
  base: readonly PropertyKey[] = [],
): PlaybookIssue[] {
  const out: PlaybookIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path ?? [])];
    const nested = issue.code === 'invalid_union' ? branchIssues(issue) : undefined;
    if (nested) out.push(...playbookIssues(nested, path));
    else if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      for (const key of issue.keys) out.push({ path: formatPath([...path, key]), message: 'unknown field' });
    } else out.push({ path: formatPath(path), message: message(issue) });
  }
  return out;
}
