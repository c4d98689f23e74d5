import { describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/tokens.ts';
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
      expect((await call(ctx.url, '/v1/me', { token })).status).toBe(200);

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
      expect((await call(ctx.url, '/v1/me', { token })).status).toBe(401);
      const again = await runCli(['token', 'revoke', '--id', id], ctx.backend.env);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/no token/);
    }, 60_000); // five CLI processes, each starting tsx
  });
}
