import { playbookIssues } from '../../lib/suggest/playbook-issues.ts';
import { ApiError } from '../http/errors.ts';

/**
 * 400 `invalid_playbook`: the message leads with the path of the first bad field, `details.path` holds it
 * alone (for an editor to jump to), `details.issues` up to 20 of them.
 */
export function invalidPlaybook(issues: readonly { message: string }[]): ApiError {
  const list = playbookIssues(issues as Parameters<typeof playbookIssues>[0]);
  const first = list[0] ?? { path: 'playbook', message: 'invalid' };
  const shown = list.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  const more = list.length > 5 ? ` (and ${list.length - 5} more)` : '';
  return new ApiError(400, 'invalid_playbook', `${shown.join('; ')}${more}`, {
    path: first.path,
    issues: list.slice(0, 20),
  });
}
