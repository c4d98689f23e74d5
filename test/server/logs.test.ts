import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { type OpenDatabase, openDatabase } from '../../server/db/open.ts';
import type { Logger } from '../../server/log.ts';
import { seedDemo } from '../../server/seed/seed-demo.ts';
import { BACKENDS, type BackendInstance } from './support/backends.ts';
import { call } from './support/http.ts';

// Structured logs must carry no PII: the access log of identity, search, task and interaction requests is
// captured from a real server and searched for every identifier and free text those requests carried.

const sqlite = BACKENDS[0];

describe.skipIf(!sqlite)('access logs carry no PII — SQLite', () => {
  const lines: string[] = [];
  let instance: BackendInstance;
  let database: OpenDatabase;
  let url = '';
  let close: () => void = () => {};

  beforeAll(async () => {
    instance = await (sqlite?.create() ?? Promise.reject(new Error('no SQLite backend')));
    database = openDatabase(instance.database);
    await migrateToLatest(database.db);
    await seedDemo(database.db);
    const capture = (level: string) => (event: string, fields?: object) =>
      lines.push(JSON.stringify({ level, event, ...fields }));
    const logger: Logger = { info: capture('info'), error: capture('error') };
    const app = createApp({ db: database.db, database: 'sqlite', logger });
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(async () => {
    close();
    await database?.close();
    await instance?.cleanup();
  });

  it('logs method, path, status and timing, never identifiers, queries or bodies', async () => {
    const secrets = [
      'pii.person@example.com',
      'piihandle',
      'SK777000',
      'Private summary text',
      'Secret Name',
    ];
    await call(url, '/v1/profiles/prf_sofia_reyes/identities', {
      method: 'POST',
      json: { identifier: { kind: 'email', value: secrets[0] } },
    });
    await call(url, '/v1/profiles/prf_sofia_reyes/identities', {
      method: 'POST',
      json: {
        identifier: { kind: 'handle', network: 'x', value: secrets[1] },
        evidence: 'https://x.com/piihandle',
      },
    });
    await call(url, `/v1/search?q=${secrets[2]}`);
    await call(url, '/v1/search', { method: 'POST', json: { q: secrets[4] } });
    await call(url, '/v1/interactions', {
      method: 'POST',
      json: { profileId: 'prf_sofia_reyes', channel: 'email', direction: 'outbound', summary: secrets[3] },
    });
    await call(url, '/v1/tasks', {
      method: 'POST',
      json: { profileId: 'prf_sofia_reyes', summary: secrets[3] },
      headers: { 'Idempotency-Key': 'log-test' },
    });
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(lines.some((l) => l.includes('"path":"/v1/search"'))).toBe(true);
    const all = lines.join('\n').toLowerCase();
    for (const secret of secrets) expect(all).not.toContain(secret.toLowerCase());
  });
});
