import { describeIssue, type Issue, segments } from '../http/describe-issue.ts';
import { formatPath } from '../http/validation.ts';

// A rejected row's reason, worded like the HTTP validation errors (describe-issue.ts).

/** The first issue of a failed row as `{field, reason}`; the field is a path like `interactions[2].at`. */
export function firstIssue(issues: readonly Issue[], input: unknown): { field: string; reason: string } {
  const issue = issues[0];
  if (!issue) return { field: 'row', reason: 'invalid row' };
  const path = segments(issue);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue(s))` : '';
  return {
    field: path.length === 0 ? 'row' : formatPath([...path]),
    reason: `${describeIssue(issue, input)}${more}`,
  };
}
