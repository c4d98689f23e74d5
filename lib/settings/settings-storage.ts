import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { checkBackendUrl, DEFAULT_BACKEND_URL } from './backend-url.ts';

// Both live in `local:` storage, which only extension contexts can read. The token never leaves the
// background: content scripts and pages get at most `hasToken`.
export const backendUrlItem = storage.defineItem<string>('local:backendUrl', {
  fallback: DEFAULT_BACKEND_URL,
  version: 1,
});

export const tokenItem = storage.defineItem<string | null>('local:apiToken', {
  fallback: null,
  version: 1,
});

/** A stored backend URL, re-checked on every read and normalised like the options page saves it. */
export const BackendUrl = z.pipe(
  z.string().check(z.refine((value) => checkBackendUrl(value).ok, 'not an http(s) URL')),
  z.transform((value) => value.trim().replace(/\/+$/, '')),
);

const Token = z.string().check(z.minLength(1), z.maxLength(4096));

/** Where to reach the backend and how to sign in; `token` is null until one is saved. */
export interface Connection {
  url: string;
  token: string | null;
}

/** Reads both items and validates them: storage is external data too (older versions, manual edits). */
export async function readConnection(): Promise<Connection> {
  const [rawUrl, rawToken] = await Promise.all([backendUrlItem.getValue(), tokenItem.getValue()]);
  const url = BackendUrl.safeParse(rawUrl);
  const token = Token.safeParse(rawToken);
  return {
    url: url.success ? url.data : DEFAULT_BACKEND_URL,
    token: token.success ? token.data : null,
  };
}
