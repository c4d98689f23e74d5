import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../../server/start.ts';

// The reference backend as the e2e suites use it: a fresh SQLite file with the demo seed (the five stories,
// the team month, the demo admin token `known-demo-token`) on a free port, over real HTTP. Each suite gets its
// own, so suites never see each other's writes.

export type Backend = Awaited<ReturnType<typeof startServer>>;

export interface DemoBackend {
  backend: Backend;
  /** The folder holding its SQLite file (`known.db`); removed by stop(). */
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the demo backend in a new temporary folder named after `prefix`. */
export async function startDemoBackend(prefix: string): Promise<DemoBackend> {
  const dataDir = await mkdtemp(path.join(tmpdir(), prefix));
  const backend = await startServer({
    port: 0,
    database: { kind: 'sqlite', file: path.join(dataDir, 'known.db') },
    migrate: true,
    seed: true,
    quiet: true,
  });
  return {
    backend,
    dataDir,
    async stop() {
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
