import { DEFAULT_DETECTION_PATTERNS, DetectionPatterns } from '../contract/detection-patterns.ts';
import type { Identifier } from '../contract/identifier.ts';
import { MIN_SEARCH_LENGTH, SearchResponse } from '../contract/identity.ts';
import { extractIdentifiers } from '../detect/extract-identifiers.ts';
import { networkForHost } from '../detect/network-for-host.ts';
import { compilePatterns } from '../detect/number-patterns.ts';
import { callBackend, type FetchLike } from '../lookup/backend-api.ts';
import type { Failure } from '../messaging/schemas.ts';
import type { Connection } from '../settings/settings-storage.ts';

/** What "Look up in Known" makes of the selected text. */
export type SelectionLookup =
  /** An identifier in the text (e-mail, handle, card or order number): the sidebar looks it up. */
  | { status: 'identifier'; identifier: Identifier }
  /** No identifier, but the backend's search found this profile; the sidebar opens on one of its identifiers. */
  | { status: 'found'; identifier: Identifier; matches: number }
  | { status: 'no_match'; query: string }
  /** The backend has no POST /v1/search (an older or partial backend): said, not thrown. */
  | { status: 'search_unavailable'; query: string }
  | { status: 'error'; error: Failure };

/** Selections longer than this are a paragraph, not a name or number: only their identifiers count. */
const MAX_QUERY = 200;

export interface ResolveOptions {
  fetchImpl: FetchLike;
  connection: Connection;
  pageUrl: string | undefined;
}

async function tenantPatterns(options: ResolveOptions) {
  const reply = await callBackend(options.fetchImpl, options.connection, {
    method: 'GET',
    path: '/v1/detection-patterns',
    schema: DetectionPatterns,
  });
  return compilePatterns(reply.ok ? reply.value : DEFAULT_DETECTION_PATTERNS);
}

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

/**
 * Turns selected text into the identity to show: the first identifier the page's extractors find in it
 * (the same e-mail, handle and tenant number rules as the badges), else a name search on the backend.
 */
export async function resolveSelection(text: string, options: ResolveOptions): Promise<SelectionLookup> {
  const selection = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const network = networkForHost(hostOf(options.pageUrl));
  const [first] = extractIdentifiers(selection, network, await tenantPatterns(options));
  if (first) return { status: 'identifier', identifier: first.identifier };

  const query = selection.slice(0, MAX_QUERY);
  if (query.length < MIN_SEARCH_LENGTH) return { status: 'no_match', query };
  const found = await callBackend(options.fetchImpl, options.connection, {
    method: 'POST',
    path: '/v1/search',
    body: { q: query },
    schema: SearchResponse,
  });
  if (!found.ok) {
    return found.error.code === 'not_found'
      ? { status: 'search_unavailable', query }
      : { status: 'error', error: found.error };
  }
  const [best] = found.value.results;
  // The sidebar shows a profile by one of its identifiers; e-mail first, the strongest link.
  const identifier =
    best?.identities.find((id) => id.kind === 'email') ??
    best?.identities.find((id) => id.kind !== 'handle') ??
    best?.identities[0];
  if (!identifier) return { status: 'no_match', query };
  return { status: 'found', identifier, matches: found.value.results.length };
}
