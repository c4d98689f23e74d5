import { describe, expect, it } from 'vitest';
import { resolveSelection } from '../../../lib/context-menu/resolve-selection.ts';
import type { FetchLike } from '../../../lib/lookup/backend-api.ts';
import { BACKENDS } from '../../server/support/backends.ts';
import { DEMO_TOKEN } from '../../server/support/http.ts';
import { useServer } from '../../server/support/server.ts';

// Against the real seeded backend over HTTP: the selection is parsed with the page's extractors first and only
// a plain name goes to POST /v1/search.
const sqlite = BACKENDS[0];
if (!sqlite) throw new Error('no SQLite backend');

describe('resolveSelection ("Look up in Known")', () => {
  const ctx = useServer(sqlite);
  const asked: string[] = [];
  const fetchImpl: FetchLike = (input, init) => {
    asked.push(`${init?.method ?? 'GET'} ${new URL(input).pathname}`);
    return fetch(input, init);
  };
  const resolve = (text: string, pageUrl = 'https://x.com/home', fetchLike = fetchImpl) =>
    resolveSelection(text, {
      fetchImpl: fetchLike,
      connection: { url: ctx.url, token: DEMO_TOKEN },
      pageUrl,
    });

  it('finds an e-mail, a handle or a card number in the selection without searching', async () => {
    asked.length = 0;
    expect(await resolve('  write to Sofia.Reyes@EXAMPLE.com please ')).toEqual({
      status: 'identifier',
      identifier: { kind: 'email', value: 'sofia.reyes@example.com' },
    });
    expect(await resolve('@dbrooks_travels')).toEqual({
      status: 'identifier',
      identifier: { kind: 'handle', network: 'x', value: 'dbrooks_travels' },
    });
    expect(await resolve('card SK-204816', 'https://acme.zendesk.com/agent/tickets/1')).toEqual({
      status: 'identifier',
      identifier: { kind: 'loyalty', value: 'SK204816' },
    });
    expect(asked.some((call) => call.includes('/v1/search'))).toBe(false);
  });

  it('searches a plain name and opens on one of the profile’s identifiers', async () => {
    const found = await resolve('Mary Okafor');
    if (found.status === 'search_unavailable') {
      throw new Error('POST /v1/search is not mounted on this backend yet (server/app.ts)');
    }
    expect(found).toMatchObject({
      status: 'found',
      identifier: { kind: 'email', value: 'mary.okafor@example.org' },
    });
    expect(await resolve('Nobody Whatsoever')).toEqual({ status: 'no_match', query: 'Nobody Whatsoever' });
  });

  it('says the search is unavailable when the backend has no search route (404), instead of failing', async () => {
    // An older backend: the real server, asked at a path it does not serve, answers its real 404.
    const olderBackend: FetchLike = (input, init) =>
      fetch(input.replace('/v1/search', '/v1/search-not-here'), init);
    expect(await resolve('Mary Okafor', undefined, olderBackend)).toEqual({
      status: 'search_unavailable',
      query: 'Mary Okafor',
    });
  });
});
