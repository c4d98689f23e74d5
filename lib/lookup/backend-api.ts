import * as z from 'zod/mini';
import { ErrorBody } from '../contract/errors.ts';
import { type TriageRequest, TriageResponse, TriageSettings } from '../contract/triage.ts';
import type { Failure } from '../messaging/schemas.ts';
import type { Connection } from '../settings/settings-storage.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** `status` is the HTTP status of a failed answer (absent when there was none): the outbox retries on 429. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: Failure; status?: number };

export interface ApiRequest<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  body?: unknown;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
  schema: z.ZodMiniType<T>;
}

const fail = (
  code: Failure['code'],
  message: string,
  status?: number,
): { ok: false; error: Failure; status?: number } => ({
  ok: false,
  error: { code, message },
  ...(status === undefined ? {} : { status }),
});

/**
 * One call to the Known backend, every failure turned into a typed `Failure` and every success validated
 * against the contract. Never throws.
 */
export async function callBackend<T>(
  fetchImpl: FetchLike,
  connection: Connection,
  request: ApiRequest<T>,
): Promise<ApiResult<T>> {
  if (!connection.token) {
    return fail('not_configured', 'No API token is set. Add one on the Known options page.');
  }
  let response: Response;
  try {
    response = await fetchImpl(`${connection.url}${request.path}`, {
      method: request.method,
      headers: {
        authorization: `Bearer ${connection.token}`,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      // The token goes in a header; no cookies of the backend's origin are needed or wanted.
      credentials: 'omit',
    });
  } catch {
    return fail(
      'unreachable',
      `Could not reach the backend at ${connection.url}. Check the address on the options page and that the backend is running.`,
    );
  }

  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }

  if (!response.ok) {
    const body = ErrorBody.safeParse(json);
    const said = body.success ? body.data.error.message : `HTTP ${response.status}`;
    if (response.status === 401 || response.status === 403) {
      return fail(
        'unauthorized',
        `The backend refused the API token (${said}). Set a valid token on the options page.`,
        response.status,
      );
    }
    if (response.status === 404 && body.success && body.data.error.code === 'not_found') {
      return fail('not_found', said, response.status);
    }
    if (response.status >= 500)
      return fail('server_error', `The backend failed (${said}). Try again later.`, response.status);
    if (!body.success) {
      return fail(
        'bad_response',
        `${connection.url} did not answer like a Known backend (HTTP ${response.status}).`,
        response.status,
      );
    }
    return fail('rejected', `The backend rejected the request: ${said}`, response.status);
  }

  const parsed = request.schema.safeParse(json);
  if (!parsed.success) {
    return fail('bad_response', `${connection.url} answered with data this extension does not understand.`);
  }
  return { ok: true, value: parsed.data };
}

const CsvText = z.object({ csv: z.string() });

/**
 * A report as CSV (`?format=csv`), with the same failures as callBackend. The CSV body is wrapped into JSON on
 * the way in, so refusals (which stay JSON error bodies) go through callBackend's one mapping.
 */
export async function callBackendCsv(
  fetchImpl: FetchLike,
  connection: Connection,
  path: string,
): Promise<ApiResult<string>> {
  const wrapped: FetchLike = async (input, init) => {
    const response = await fetchImpl(input, init);
    if (!response.ok) return response;
    return new Response(JSON.stringify({ csv: await response.text() }), {
      status: response.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  const result = await callBackend(wrapped, connection, {
    method: 'GET',
    path,
    headers: { accept: 'text/csv' },
    schema: CsvText,
  });
  return result.ok ? { ok: true, value: result.value.csv } : result;
}

/** `GET /v1/triage/settings`: the tenant's cut-offs and priority weights (issue 6). */
export const getTriageSettings = (fetchImpl: FetchLike, connection: Connection) =>
  callBackend(fetchImpl, connection, { method: 'GET', path: '/v1/triage/settings', schema: TriageSettings });

/** `POST /v1/triage`: open loops and waiting times of profiles matched on a page (audited by the backend). */
export const postTriage = (fetchImpl: FetchLike, connection: Connection, request: TriageRequest) =>
  callBackend(fetchImpl, connection, {
    method: 'POST',
    path: '/v1/triage',
    body: request,
    schema: TriageResponse,
  });
