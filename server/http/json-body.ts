import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError, errorResponse } from './errors.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Runs before the body validator: hono's validator silently treats a non-JSON body as `{}`, which would turn
 * a wrong Content-Type into a confusing "required" error, so it is refused here with 415 first.
 */
export const requireJsonContentType: MiddlewareHandler = async (c, next) => {
  const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim() ?? '';
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    return errorResponse(
      c,
      new ApiError(
        415,
        'bad_request',
        `Content-Type must be application/json, got "${mediaType.slice(0, 60)}"`,
      ),
    );
  }
  await next();
};

/** Bodies over 1 MB are refused before they are read whole (a 100-identifier batch is ~30 kB). */
export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => {
    // The rest of the body is still on the wire: closing the connection stops a keep-alive client from
    // reusing a socket the server is about to drain or drop.
    c.header('Connection', 'close');
    return errorResponse(c, new ApiError(413, 'bad_request', 'request body exceeds 1 MB'));
  },
});
