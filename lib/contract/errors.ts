import * as z from 'zod/mini';

export const ERROR_CODES = [
  'bad_request',
  'invalid_body',
  'unknown_identifier_kind',
  'batch_too_large',
  'unauthorized',
  'forbidden',
  'not_found',
  'rate_limited',
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
