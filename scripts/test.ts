// `npm test`: every check that must pass, in order, with one summary at the end.
// Steps run even after an earlier one failed (so one run shows every problem), except those that need
// an earlier step's output: the bundle checks and e2e need the builds.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

type Step = { name: string; cmd: string[]; needs?: string[]; env?: Record<string, string> };

const steps: Step[] = [
  { name: 'lint (biome)', cmd: ['npx', 'biome', 'check', '--error-on-warnings', '.'] },
  { name: 'typecheck (tsc)', cmd: ['npx', 'tsc', '--noEmit'] },
  { name: 'unit + backend (vitest)', cmd: ['npx', 'vitest', 'run'] },
  { name: 'build chrome-mv3', cmd: ['npx', 'wxt', 'build'] },
  { name: 'build firefox-mv2', cmd: ['npx', 'wxt', 'build', '-b', 'firefox'] },
  {
    name: 'web-ext lint (firefox)',
    cmd: ['npx', 'web-ext', 'lint', '--source-dir', '.output/firefox-mv2', '--no-config-discovery'],
    needs: ['build firefox-mv2'],
  },
  { name: 'bundle sizes', cmd: ['npx', 'tsx', 'scripts/bundle-size.ts'], needs: ['build chrome-mv3'] },
  {
    name: 'e2e (real Chromium)',
    cmd: ['npx', 'vitest', 'run', '--config', 'vitest.e2e.config.ts'],
    needs: ['build chrome-mv3'],
    env: { KNOWN_E2E_SKIP_BUILD: '1' },
  },
];

type Outcome = { name: string; status: 'pass' | 'FAIL' | 'not run'; seconds: number; why?: string };
const outcomes: Outcome[] = [];
const started = performance.now();

for (const step of steps) {
  const unmet = (step.needs ?? []).filter((n) => outcomes.find((o) => o.name === n)?.status !== 'pass');
  if (unmet.length > 0) {
    outcomes.push({ name: step.name, status: 'not run', seconds: 0, why: `needs ${unmet.join(', ')}` });
    continue;
  }
  console.log(`\n━━ ${step.name}: ${step.cmd.join(' ')}`);
  const t0 = performance.now();
  const [bin, ...args] = step.cmd as [string, ...string[]];
  const run = spawnSync(bin, args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const seconds = (performance.now() - t0) / 1000;
  const ok = run.status === 0;
  outcomes.push({
    name: step.name,
    status: ok ? 'pass' : 'FAIL',
    seconds,
    why: ok ? undefined : run.error ? String(run.error) : `exit ${run.status ?? run.signal}`,
  });
}

const total = (performance.now() - started) / 1000;
console.log('\n━━ npm test summary');
for (const o of outcomes) {
  const time = o.status === 'not run' ? '' : `${o.seconds.toFixed(1)}s`;
  console.log(
    `  ${o.status.padEnd(7)} ${o.name.padEnd(28)} ${time.padStart(7)}${o.why ? `  (${o.why})` : ''}`,
  );
}
const failed = outcomes.filter((o) => o.status !== 'pass');
console.log(
  `  ${failed.length === 0 ? 'all' : outcomes.length - failed.length} of ${outcomes.length} steps passed in ${total.toFixed(1)}s`,
);
process.exit(failed.length === 0 ? 0 : 1);
