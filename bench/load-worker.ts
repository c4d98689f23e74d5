import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

// Closed-loop load: each of `connections` loops sends a request over a keep-alive socket, waits for the full
// response, and sends the next, until the time is up. Runs in a worker thread so the client does not share an
// event loop with the server it measures.

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Request bodies, used round-robin (empty for GET). */
  bodies: string[];
  connections: number;
  durationMs: number;
  warmupMs: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  non2xx: number;
  elapsedMs: number;
  /** Sorted latencies in milliseconds of the measured (post-warm-up) requests. */
  latencies: number[];
}

function once(agent: http.Agent, spec: LoadSpec, body: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      spec.url,
      {
        method: spec.method,
        agent,
        headers:
          body === undefined ? spec.headers : { ...spec.headers, 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  let requests = 0;
  let errors = 0;
  let non2xx = 0;
  let next = 0;
  const start = performance.now();
  const measureFrom = start + spec.warmupMs;
  const end = measureFrom + spec.durationMs;

  const loop = async () => {
    while (performance.now() < end) {
      const body = spec.bodies.length ? spec.bodies[next++ % spec.bodies.length] : undefined;
      const t0 = performance.now();
      try {
        const status = await once(agent, spec, body);
        if (t0 >= measureFrom) {
          latencies.push(performance.now() - t0);
          requests++;
          if (status < 200 || status >= 300) non2xx++;
        }
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  agent.destroy();
  return {
    requests,
    errors,
    non2xx,
    elapsedMs: performance.now() - measureFrom,
    latencies: latencies.sort((a, b) => a - b),
  };
}

if (parentPort) {
  const port = parentPort;
  run(workerData as LoadSpec).then((result) => port.postMessage(result));
}
