import { Worker } from 'node:worker_threads';

/** What one measurement gives: throughput and latency, and anything that went wrong. */
export interface LoadResult {
  /** Completed requests per second over the measured window. */
  rps: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx replies, socket errors and timeouts: any of these invalidates a figure. */
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  /** Seconds. */
  duration: number;
}

/**
 * Sends load with autocannon from a worker thread: the generator gets its own event loop (and, on a
 * two-core machine, in effect its own core) while the server under test keeps the main thread. Both
 * sides of every comparison are measured this way.
 *
 * @example const result = await runLoad({ url: 'http://127.0.0.1:4000/v1/crm/contacts', connections: 32, duration: 10 })
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: options });
    let done = false;
    worker.once('message', (result: LoadResult) => {
      done = true;
      resolve(result);
      // autocannon leaves handles open in the thread; end it, or it would keep the process alive.
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`load worker exited with code ${code} before reporting`));
    });
  });
}
