/**
 * The load generator for HTTP benchmarks, run in a worker thread so the client
 * side does not steal the event loop of the server under test. It is plain
 * JavaScript evaluated by the worker, so it needs no TypeScript loader.
 */
import { Worker } from 'node:worker_threads';

export interface LoadTarget {
  path: string;
  body: string;
}

export interface LoadOptions {
  port: number;
  headers: Record<string, string>;
  targets: LoadTarget[];
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  calls: number;
  elapsedMs: number;
  p50Ms: number;
  p95Ms: number;
}

// A minimal keep-alive HTTP/1.1 client over raw sockets: node:http's client
// costs more CPU per call than the server under test, which on a 2-core box
// would make the bench measure the client.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const { port, headers, targets, concurrency, warmupMs, durationMs } = workerData;
const requests = targets.map((t) => {
  const body = Buffer.from(t.body);
  let head = 'POST ' + t.path + ' HTTP/1.1\\r\\nHost: 127.0.0.1:' + port + '\\r\\nConnection: keep-alive\\r\\nContent-Length: ' + body.length + '\\r\\n';
  for (const [k, v] of Object.entries(headers)) head += k + ': ' + v + '\\r\\n';
  return Buffer.concat([Buffer.from(head + '\\r\\n'), body]);
});
const HEADER_END = Buffer.from('\\r\\n\\r\\n');
const latencies = [];
let measuring = false, calls = 0, stopAt = performance.now() + warmupMs + durationMs, t0 = 0;
function connection(w) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let i = w, buf = Buffer.alloc(0), sentAt = 0;
    const next = () => {
      if (performance.now() >= stopAt) { socket.end(); resolve(); return; }
      sentAt = performance.now();
      socket.write(requests[i++ % requests.length]);
    };
    socket.on('connect', next);
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      const headEnd = buf.indexOf(HEADER_END);
      if (headEnd < 0) return;
      const head = buf.toString('latin1', 0, headEnd);
      const m = /content-length: *(\\d+)/i.exec(head);
      if (!m) { reject(new Error('reply without Content-Length: ' + head)); socket.destroy(); return; }
      const total = headEnd + 4 + Number(m[1]);
      if (buf.length < total) return;
      const body = buf.subarray(headEnd + 4, total);
      if (!head.startsWith('HTTP/1.1 200') || body.indexOf('"structuredContent"') < 0 || body.indexOf('"isError":true') >= 0) {
        reject(new Error('unexpected reply: ' + head.split('\\r\\n')[0] + ' ' + body.toString().slice(0, 200)));
        socket.destroy();
        return;
      }
      buf = buf.subarray(total);
      if (measuring) { latencies.push(performance.now() - sentAt); calls++; }
      next();
    });
  });
}
(async () => {
  const running = Promise.all(Array.from({ length: concurrency }, (_, w) => connection(w)));
  await new Promise((r) => setTimeout(r, warmupMs));
  measuring = true; t0 = performance.now(); stopAt = t0 + durationMs;
  await running;
  const elapsedMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] || 0;
  parentPort.postMessage({ calls, elapsedMs, p50Ms: at(0.5), p95Ms: at(0.95) });
})().catch((err) => { parentPort.postMessage({ error: String((err && err.stack) || err) }); });
`;

export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SOURCE, { eval: true, workerData: opts });
    // Bounded: a server that stops answering fails the bench instead of stalling it.
    const deadline = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`load did not finish within ${opts.warmupMs + opts.durationMs + 10_000} ms`));
    }, opts.warmupMs + opts.durationMs + 10_000);
    worker.once('message', (msg: LoadResult | { error: string }) => {
      clearTimeout(deadline);
      void worker.terminate();
      if ('error' in msg) reject(new Error(msg.error));
      else resolve(msg);
    });
    worker.once('error', (err) => {
      clearTimeout(deadline);
      reject(err);
    });
  });
}
