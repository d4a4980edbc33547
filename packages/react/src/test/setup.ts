import { cleanup } from '@testing-library/react';
import { afterAll, afterEach } from 'vitest';

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

// Uppy's constructor listens for `online` and schedules a one-off online check 3 s later that `destroy()` never
// cancels (@uppy/core 6, `#addListeners`). If the file ends first, that timer runs after the DOM is torn down and
// throws "window is not defined" into the run. Note when the last listener was added and let its timer run first.
const uppyCheckMs = 3_000;
let lastOnlineListenerAt = 0;
const addEventListener = window.addEventListener.bind(window);
window.addEventListener = ((type: string, ...rest: Parameters<typeof addEventListener> extends [string, ...infer R] ? R : never) => {
  if (type === 'online') lastOnlineListenerAt = Date.now();
  return addEventListener(type, ...(rest as [EventListener]));
}) as typeof window.addEventListener;
afterAll(async () => {
  const wait = lastOnlineListenerAt + uppyCheckMs + 100 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
});
