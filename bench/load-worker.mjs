// Runs in a worker thread started by load.ts: one autocannon run, then its summary (a LoadResult) to
// the parent. Plain JavaScript, because worker threads do not inherit the TypeScript loader. Inside a
// worker thread autocannon returns its raw histograms (it expects to be one of its own workers), so
// the result is aggregated here with autocannon's own aggregateResult.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

/** @type {import('./load.js').LoadOptions} */
const options = workerData;
/** @type {(results: unknown[], opts: object) => import('autocannon').Result} */
const aggregateResult = Reflect.get(autocannon, 'aggregateResult'); // exported, but missing from @types/autocannon
const opts = { url: options.url, headers: options.headers, connections: options.connections, duration: options.duration, timeout: 10 };
const result = aggregateResult([await autocannon(opts)], opts);
/** @type {import('./load.js').LoadResult} */
const summary = {
  rps: result.requests.total / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
};
parentPort?.postMessage(summary);
