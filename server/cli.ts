import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { AgentRole, Database } from './db/types.ts';

// Each command imports what it needs when it runs: usage errors answer at once, and `token create` does not
// load the HTTP stack.

const USAGE = `Usage: npm run server -- <command> [options]

Commands:
  serve [--port N] [--host H] [--demo DIR]
                         migrate, then serve the API (default 127.0.0.1:8787; --demo serves DIR at /demo/)
  migrate                apply pending database migrations
  seed                   create the demo tenant, the story personas and the demo token (idempotent);
                         prints the demo token on the last line
  seed --synthetic N     also write N generated profiles (reproducible; re-running changes nothing)
  import FILE [--tenant ID] [--format jsonl|csv] [--quiet]
                         import profiles from JSON Lines (.jsonl) or CSV (.csv), upserting by externalId
                         (default tenant demo); idempotent; prints a summary, every rejected row with its
                         line, field and reason on stderr, and progress on stderr unless --quiet;
                         exit 0 when rows landed, 1 when the file cannot be read or no row landed
  token create --name NAME --role agent|lead|admin [--team TEAM] [--tenant ID]
                         create an agent and a token for it; prints the token once, on the last line;
                         --team puts the agent in a team (the analytics team filter)
  token list [--tenant ID]
                         list tokens: id (hash prefix), role, agent, created, last used — never a token
  token revoke --id ID   delete the token with this id (from token list); servers refuse it within 30 s

Environment:
  KNOWN_DB               SQLite file (default data/known.db)
  DATABASE_URL           PostgreSQL instead of SQLite
  KNOWN_PORT             port for serve (default 8787)
  KNOWN_HOST             interface for serve (default 127.0.0.1; 0.0.0.0 behind a load balancer)
  KNOWN_SEED_TOKEN       the demo token's plaintext for seed (default known-demo-token)
  KNOWN_ALLOWED_ORIGINS  comma-separated extension origins allowed by CORS (default: any extension origin)
`;

class UsageError extends Error {}

const ROLES: readonly AgentRole[] = ['agent', 'lead', 'admin'];

type FlagOptions = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

function parse(args: string[], options: FlagOptions) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function positiveInt(value: unknown, flag: string, { allowZero = false } = {}): number {
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || (!allowZero && n === 0) || n > 65_535_000) {
    throw new UsageError(
      `${flag} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${value}"`,
    );
  }
  return n;
}

async function withDatabase<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const { databaseConfigFromEnv, openDatabase } = await import('./db/open.ts');
  const { migrateToLatest } = await import('./db/migrate.ts');
  const database = openDatabase(databaseConfigFromEnv());
  try {
    await migrateToLatest(database.db);
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

async function serve(args: string[]) {
  const v = parse(args, { port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'string' } });
  const port = v.port === undefined ? undefined : positiveInt(v.port, '--port', { allowZero: true });
  const { startServer } = await import('./start.ts');
  const server = await startServer({
    ...(port === undefined ? {} : { port }),
    ...(typeof v.host === 'string' ? { host: v.host } : {}),
    ...(typeof v.demo === 'string' ? { demoDir: resolve(v.demo) } : {}),
    migrate: true,
  });
  console.log(`Known backend listening on ${server.url}`);
  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function migrate(args: string[]) {
  parse(args, {});
  const { databaseConfigFromEnv, openDatabase } = await import('./db/open.ts');
  const { migrateToLatest } = await import('./db/migrate.ts');
  const database = openDatabase(databaseConfigFromEnv());
  try {
    const { applied } = await migrateToLatest(database.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await database.close();
  }
}

async function seed(args: string[]) {
  const v = parse(args, { synthetic: { type: 'string' } });
  const synthetic = v.synthetic === undefined ? 0 : positiveInt(v.synthetic, '--synthetic');
  const { seedDemo } = await import('./seed/seed-demo.ts');
  const { seedSynthetic } = await import('./seed/synthetic.ts');
  const token = await withDatabase(async (db) => {
    const result = await seedDemo(db);
    console.log(`seeded tenant demo with ${result.profiles} personas`);
    if (synthetic > 0) {
      const started = Date.now();
      await seedSynthetic(db, synthetic, {
        onProgress: (done) => process.stderr.write(`\rsynthetic profiles: ${done}/${synthetic}`),
      });
      process.stderr.write('\n');
      const secs = (Date.now() - started) / 1000;
      console.log(`wrote ${synthetic} synthetic profiles in ${secs.toFixed(1)} s`);
    }
    return result.token;
  });
  console.log(token);
}

async function token(args: string[]) {
  const [sub, ...rest] = args;
  if (sub === 'list' || sub === 'revoke') return tokenAdmin(sub, rest);
  if (sub !== 'create') {
    throw new UsageError(`unknown token command "${sub ?? ''}"; expected: token create|list|revoke`);
  }
  const v = parse(rest, {
    name: { type: 'string' },
    role: { type: 'string' },
    tenant: { type: 'string' },
    team: { type: 'string' },
  });
  if (typeof v.name !== 'string' || v.name.trim() === '') throw new UsageError('--name is required');
  const team = typeof v.team === 'string' ? v.team.trim() : undefined;
  if (team !== undefined && (team === '' || team.length > 100)) {
    throw new UsageError('--team must be 1 to 100 characters');
  }
  const role = v.role ?? 'agent';
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got "${String(role)}"`);
  }
  const tenantId = typeof v.tenant === 'string' ? v.tenant : 'demo';
  const { createAgentToken } = await import('./auth/tokens.ts');
  const created = await withDatabase(async (db) => {
    const tenant = await db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst();
    if (!tenant) {
      await db
        .insertInto('tenants')
        .values({ id: tenantId, name: tenantId, created_at: new Date().toISOString() })
        .execute();
      console.error(`created tenant ${tenantId}`);
    }
    return createAgentToken(db, { tenantId, agentName: v.name as string, role: role as AgentRole, team });
  });
  console.error(
    `created ${role} "${v.name}" (${created.agentId})${team ? ` in team ${team}` : ''} in tenant ${tenantId}; the token is shown only once:`,
  );
  console.log(created.token);
}

/** Exit status of `import` when the file was read but no row landed. */
class NothingLandedError extends Error {}

async function importCommand(args: string[]) {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: { tenant: { type: 'string' }, format: { type: 'string' }, quiet: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError('import takes exactly one FILE');
  if (v.format !== undefined && v.format !== 'jsonl' && v.format !== 'csv') {
    throw new UsageError(`--format must be jsonl or csv, got "${String(v.format)}"`);
  }
  const tenantId = typeof v.tenant === 'string' ? v.tenant : 'demo';
  const quiet = v.quiet === true;
  const { importFile } = await import('./import/import-stream.ts');
  const report = await withDatabase(async (db) => {
    await db
      .insertInto('tenants')
      .values({ id: tenantId, name: tenantId, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const started = Date.now();
    let lastPrinted = started;
    let printed = 0;
    return importFile(db, resolve(file), {
      tenantId,
      ...(v.format === undefined ? {} : { format: v.format as 'jsonl' | 'csv' }),
      keepRejected: 0,
      onRejected: (r) => {
        // Every rejection is reported, but a file of nothing but bad rows should not flood the terminal.
        if (printed++ < 1000) process.stderr.write(`line ${r.line}: ${r.field}: ${r.reason}\n`);
        else if (printed === 1002) process.stderr.write('… more rejected rows are counted, not printed\n');
      },
      onProgress: (p) => {
        const now = Date.now();
        if (quiet || now - lastPrinted < 2000) return;
        lastPrinted = now;
        const rate = Math.round(p.read / ((now - started) / 1000));
        process.stderr.write(`import: ${p.read} rows read (${rate}/s), ${p.rejected} rejected\n`);
      },
    });
  });
  const landed = report.created + report.updated + report.unchanged;
  console.log(
    `read ${report.read}, created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejectedTotal}`,
  );
  if (landed === 0 && report.rejectedTotal > 0) throw new NothingLandedError('no row landed');
}

async function tokenAdmin(sub: 'list' | 'revoke', args: string[]) {
  const { listTokens, revokeToken } = await import('./access/token-admin.ts');
  if (sub === 'list') {
    const v = parse(args, { tenant: { type: 'string' } });
    const tokens = await withDatabase((db) =>
      listTokens(db, typeof v.tenant === 'string' ? v.tenant : undefined),
    );
    for (const t of tokens) {
      console.log(
        `${t.id}  ${t.tenantId}  ${t.role.padEnd(5)}  ${t.agentName} (${t.agentId})  created ${t.createdAt}  last used ${t.lastUsedAt ?? 'never'}`,
      );
    }
    if (tokens.length === 0) console.error('no tokens');
    return;
  }
  const v = parse(args, { id: { type: 'string' } });
  if (typeof v.id !== 'string') throw new UsageError('--id is required (see token list)');
  const id = v.id;
  const revoked = await withDatabase((db) => revokeToken(db, id));
  console.log(`revoked token ${revoked.id} of ${revoked.agentName} (${revoked.agentId})`);
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  serve,
  migrate,
  seed,
  import: importCommand,
  token,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  try {
    await run(args);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof NothingLandedError) return 1;
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  // serve keeps running; every other command ends here.
  if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
});
