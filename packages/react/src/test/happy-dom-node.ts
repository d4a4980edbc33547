import { builtinEnvironments, type Environment } from 'vitest/runtime';

/**
 * happy-dom's DOM over Node's networking and URL classes, with modules transformed for Node ('ssr'): component
 * tests render into happy-dom and talk to a real server (PGlite, Hono) in the same process. happy-dom's own
 * `URL` resolves relative URLs against the page instead of the given base, and its `Request` is not one Hono
 * can read, so the server (and the SDK talking to it through `app.request`) keep Node's.
 */
const nodeGlobals = [
  'URL',
  'URLSearchParams',
  'Request',
  'Response',
  'Headers',
  'fetch',
  'FormData',
  'Blob',
  'File',
  'AbortController',
  'AbortSignal',
  'ReadableStream',
  'TextEncoder',
  'TextDecoder',
] as const;

const happyDom = builtinEnvironments['happy-dom'];
const environment: Environment = {
  name: 'happy-dom-node',
  viteEnvironment: 'ssr',
  async setup(global: typeof globalThis, options) {
    const originals = Object.fromEntries(nodeGlobals.map((key) => [key, global[key]]));
    const dom = await happyDom.setup(global, options);
    for (const key of nodeGlobals) Object.defineProperty(global, key, { value: originals[key], configurable: true, writable: true });
    return dom;
  },
};
export default environment;
