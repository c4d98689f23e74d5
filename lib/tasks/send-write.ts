import * as z from 'zod/mini';
import { Task } from '../contract/tasks.ts';
import type { ApiResult, FetchLike } from '../lookup/backend-api.ts';
import { callBackend } from '../lookup/backend-api.ts';
import type { Connection } from '../settings/settings-storage.ts';
import type { OutboxEntry, SendOutcome } from './outbox.ts';

const Anything = z.unknown();

/** One write to the backend, always with its Idempotency-Key, so a retry is never a second task. */
export function sendWrite(
  fetchImpl: FetchLike,
  connection: Connection,
  entry: Pick<OutboxEntry, 'kind' | 'key' | 'body'>,
): Promise<ApiResult<unknown>> {
  const headers = { 'idempotency-key': entry.key };
  return entry.kind === 'task'
    ? callBackend(fetchImpl, connection, {
        method: 'POST',
        path: '/v1/tasks',
        body: entry.body,
        headers,
        schema: Task,
      })
    : callBackend(fetchImpl, connection, {
        method: 'POST',
        path: '/v1/interactions',
        body: entry.body,
        headers,
        // The answer is not shown; any 2xx means it is logged.
        schema: Anything,
      });
}

/**
 * Whether the same request may succeed later. Unreachable, 5xx, 408 and 429 pass; so do a missing or refused
 * token, which the agent can fix on the options page. Any other 4xx, or a 2xx we cannot read, is final.
 */
export function isRetryable(result: Extract<ApiResult<unknown>, { ok: false }>): boolean {
  const { code } = result.error;
  if (code === 'unreachable' || code === 'server_error') return true;
  if (code === 'unauthorized' || code === 'not_configured') return true;
  return result.status === 408 || result.status === 429;
}

/** Whether to put a fresh write into the outbox instead of telling the agent it failed. */
export function shouldQueue(result: Extract<ApiResult<unknown>, { ok: false }>): boolean {
  const { code } = result.error;
  return code === 'unreachable' || code === 'server_error' || result.status === 408 || result.status === 429;
}

export function toSendOutcome(result: ApiResult<unknown>): SendOutcome {
  if (result.ok) return { outcome: 'delivered' };
  return { outcome: isRetryable(result) ? 'retry' : 'rejected', error: result.error.message };
}
