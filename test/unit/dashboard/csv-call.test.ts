import { describe, expect, it } from 'vitest';
import { analyticsPath } from '../../../lib/dashboard/analytics-path.ts';
import { callBackendCsv, type FetchLike } from '../../../lib/lookup/backend-api.ts';

const connection = { url: 'https://known.example', token: 'tok' };
const query = { from: '2026-10-24T12:00:00.000Z', to: '2026-11-23T12:00:00.000Z', team: 'Care & Co' };

describe('CSV exports through the background', () => {
  it('asks for ?format=csv with the bearer token and hands back the text as sent', async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const fetchImpl: FetchLike = async (url, init) => {
      seen.push({ url, headers: init?.headers as Record<string, string> });
      return new Response('kind,id\ntask,"a,b"\n', { status: 200, headers: { 'content-type': 'text/csv' } });
    };
    const result = await callBackendCsv(
      fetchImpl,
      connection,
      analyticsPath('overdue', query, { format: 'csv' }),
    );
    expect(result).toEqual({ ok: true, value: 'kind,id\ntask,"a,b"\n' });
    expect(seen[0]?.url).toBe(
      'https://known.example/v1/analytics/overdue?from=2026-10-24T12%3A00%3A00.000Z&to=2026-11-23T12%3A00%3A00.000Z&team=Care+%26+Co&format=csv',
    );
    expect(seen[0]?.headers.authorization).toBe('Bearer tok');
    expect(seen[0]?.headers.accept).toBe('text/csv');
  });

  it('passes a 403 on with its status, so the page can say "needs the lead role"', async () => {
    const fetchImpl: FetchLike = async () =>
      Response.json({ error: { code: 'forbidden', message: 'lead role required' } }, { status: 403 });
    const result = await callBackendCsv(fetchImpl, connection, '/v1/analytics/attention?format=csv');
    expect(result).toMatchObject({ ok: false, status: 403, error: { code: 'unauthorized' } });
  });
});
