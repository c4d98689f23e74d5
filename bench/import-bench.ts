import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Runs `npm run server -- import FILE` as its own process (exactly what an operator runs) and samples the
// process's peak resident set (VmHWM, which the kernel keeps monotonic) while it works.

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface ImportRun {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  summary: string;
}

function peakRssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0; // exited, or not Linux
  }
}

export function runImport(file: string, rows: number, env: Record<string, string>): Promise<ImportRun> {
  const { DATABASE_URL: _a, KNOWN_DB: _b, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', 'import', file, '--tenant', 'bench', '--quiet'],
      {
        cwd: ROOT,
        env: { ...inherited, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let peak = 0;
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, peakRssKb(child.pid));
    }, 100);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`import exited ${code}: ${stderr.slice(-500)}`));
      resolve({
        rows,
        seconds,
        rowsPerSecond: rows / seconds,
        peakRssMb: peak / 1024,
        summary: stdout.trim().split('\n').at(-1) ?? '',
      });
    });
  });
}
