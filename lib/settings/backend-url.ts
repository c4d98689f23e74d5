// Plain code, no zod: the options page uses this too, and should not bundle a schema library for one check.

export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8787';

export const BACKEND_URL_HINT =
  'Enter the backend address as http:// or https:// followed by a host, e.g. http://127.0.0.1:8787';

export type BackendUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/** A Known backend's base URL: http or https only, returned without a trailing slash. */
export function checkBackendUrl(value: string): BackendUrlCheck {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: BACKEND_URL_HINT };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    return { ok: false, message: BACKEND_URL_HINT };
  }
  return { ok: true, url: trimmed.replace(/\/+$/, '') };
}
