import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

/**
 * Reads what is left of a request body that the reply did not need (a 400 on the path, a 401, a 404)
 * before the reply goes out, so the kept-alive connection stays usable. Node's HTTP server would drain
 * it too, but not once the body has been opened as a web stream (every body-limited route does): the
 * stream's backpressure stalls the drain, and the adapter resets the socket under the next request.
 * Bodies larger than `maxBytes` are not read: the reply says `Connection: close` instead.
 *
 * @example app.use(drainUnreadBody(5 * 1024 * 1024))
 */
export function drainUnreadBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const request = c.req.raw;
    if (request.bodyUsed || !request.body) return;
    const declared = Number(request.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes || !(await drain(request.body, maxBytes))) c.header('Connection', 'close');
  };
}

/** Reads and drops up to `maxBytes` of a stream; false when there was more (the rest is left unread). */
async function drain(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<boolean> {
  const reader = body.getReader();
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      read += value.byteLength;
      if (read > maxBytes) {
        void reader.cancel().catch(() => {});
        return false;
      }
    }
  } catch {
    // The client went away mid-body: nothing is left to keep alive.
    return false;
  }
}
