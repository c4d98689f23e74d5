import * as z from 'zod/mini';

export const ERROR_CODES = [
  'bad_request',
  'invalid_body',
  'unknown_identifier_kind',
  'batch_too_large',
  'unauthorized',
  'forbidden',
  'not_found',
  /** The profile was merged into another: `details.mergedInto` is the surviving id. */
  'merged',
  'rate_limited',
  /** PUT /v1/playbook: `details.path` names the bad field. */
  'invalid_playbook',
  'conflict',
  'identity_conflict',
  'merge_conflict',
  'idempotency_mismatch',
  'unprocessable',
  'internal',
] as const;

/** Every 4xx/5xx body: `{"error":{"code","message","details?"}}`. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.optional(z.unknown()),
    }),
  })
  .register(z.globalRegistry, { id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;
