import type { Failure } from '../lib/messaging/schemas.ts';

/** What the agent can do about each kind of failure, in one sentence. */
export function failureHint(failure: Failure): string {
  switch (failure.code) {
    case 'not_configured':
      return 'Open the options page and paste the API token your Known admin gave you.';
    case 'unreachable':
      return 'Check the backend URL on the options page, and that the backend is running.';
    case 'unauthorized':
      return 'The API token was refused: paste a valid one on the options page.';
    case 'bad_response':
      return 'The backend URL on the options page does not point at a Known backend.';
    case 'server_error':
      return 'The backend had a problem. Try again in a minute, or tell your Known admin.';
    case 'rejected':
      return 'The backend did not accept the request; check the options page or tell your Known admin.';
    case 'not_found':
      return 'This profile no longer exists on the backend.';
    case 'extension_error':
      return 'The extension was updated or restarted: reload this page.';
  }
}

/** Failures that the options page can fix, so the UI offers a link to it. */
export const fixableInOptions = (failure: Failure) =>
  ['not_configured', 'unreachable', 'unauthorized', 'bad_response', 'rejected'].includes(failure.code);
