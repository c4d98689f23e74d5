import { describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/tokens.ts';
import { startServer } from '../../server/start.ts';
import { BACKENDS } from './support/backends.ts';
import { runCli } from './support/cli.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`token list and revoke — ${backend.title}`, () => {
    const ctx = useServer(backend);

    it('lists tokens by hash prefix without ever printing a token, and a revoked token stops working', async () => {
      const created = await runCli(
        ['token', 'create', '--name', 'Revocable Ria', '--role', 'lead'],
        ctx.backend.env,
      );
      expect(created.code, created.stderr).toBe(0);
      const token = created.lastLine;
      // A second server process over the same database checks the token (and so caches it, see http/auth.ts);
      // the test's main server never sees it before the revoke.
      const other = await startServer({
        port: 0,
        quiet: true,
        migrate: false,
        database: ctx.backend.database,
      });
      try {
        expect((await call(other.url, '/v1/me', { token })).status).toBe(200);
      } catch (err) {
        await other.close();
        throw err;
      }

      const listed = await runCli(['token', 'list'], ctx.backend.env);
      expect(listed.code, listed.stderr).toBe(0);
      const id = hashToken(token).slice(0, 12);
      const line = listed.stdout.split('\n').find((l) => l.startsWith(id));
      expect(line).toMatch(/lead\s+Revocable Ria/);
      expect(listed.stdout).not.toContain(token);
      expect(listed.stdout).not.toContain('known-demo-token');
      expect(listed.stdout).not.toContain(hashToken(token));

      const bad = await runCli(['token', 'revoke', '--id', 'not-hex'], ctx.backend.env);
      expect(bad.code).toBe(1);
      const revoked = await runCli(['token', 'revoke', '--id', id], ctx.backend.env);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(revoked.stdout).toContain('Revocable Ria');
      // A server that has not checked the token recently refuses it at once…
      expect((await call(ctx.url, '/v1/me', { token })).status).toBe(401);
      // …one that has trusts it until its cache entry expires (30 s; documented in README's backend section).
      expect((await call(other.url, '/v1/me', { token })).status).toBe(200);
      await other.close();
      const again = await runCli(['token', 'revoke', '--id', id], ctx.backend.env);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/no token/);
    }, 60_000); // five CLI processes, each starting tsx
  });
}
