// SpokeStack's web tracker: the script a site loads to count pageviews, events and conversions.
//
//   <script defer src="https://analytics.example.com/tracker.js" data-property="pk_live_shop"
//           data-endpoint="https://analytics.example.com/v1/analytics/collect"></script>
//
// It must stay under 1 KB gzipped (a test measures the built file), so it does little and writes it
// plainly: the minifier shortens names, and repeated words compress well. It sets no cookie and uses no
// storage; visitors are counted on the server from a daily-salted hash. Do Not Track or Global Privacy
// Control turn it off entirely. The wire format is `trackerPayload` in @spokestack/core/analytics.

type Props = Record<string, string | number | boolean>;
type EventType = 'pageview' | 'event' | 'conversion';

/** `spokestack('event', name, props?)`, `spokestack('conversion', goal, value?, props?)`, `spokestack('pageview')`. */
type Tracker = ((type: EventType, name?: string, valueOrProps?: number | string | Props, props?: Props) => void) & {
  /** Calls made before the script loaded, by the snippet `window.spokestack = window.spokestack || function () { … }`. */
  q?: ArrayLike<unknown>[];
};

export {};

declare global {
  interface Window {
    spokestack?: Tracker;
    doNotTrack?: string;
  }
  interface Navigator {
    globalPrivacyControl?: boolean;
  }
}

// esbuild wraps the module in an IIFE, so nothing here leaks into the page's globals but `spokestack`.
const win = window;
const doc = document;
const nav = navigator;
const loc = location;
const script = doc.currentScript as HTMLScriptElement;
const property = script.dataset.property;
const endpoint = script.dataset.endpoint || new URL('/v1/analytics/collect', script.src).href;
const queued = win.spokestack?.q || [];
const optedOut = nav.doNotTrack === '1' || win.doNotTrack === '1' || nav.globalPrivacyControl === true;

function send(type: EventType, name?: string, value?: string, props?: Props) {
  if (optedOut || !property) return;
  const body = JSON.stringify({ k: property, t: type, n: name, u: loc.href, r: doc.referrer, w: win.innerWidth, p: props, v: value });
  // A beacon survives the page unloading and, as text/plain, needs no CORS preflight; fetch with keepalive
  // does the same where beacons are missing or refused (a full queue returns false).
  if (!nav.sendBeacon?.(endpoint, body)) fetch(endpoint, { method: 'POST', body, keepalive: true, credentials: 'omit' }).catch(() => {});
}

const track: Tracker = (type, name, valueOrProps, props) => {
  if (type === 'conversion') {
    const value = valueOrProps == null || typeof valueOrProps === 'object' ? undefined : (+valueOrProps).toFixed(2);
    send(type, name, value, typeof valueOrProps === 'object' ? valueOrProps : props);
  } else send(type, name, undefined, valueOrProps as Props | undefined);
};

// Single-page apps change the URL without loading a page: count a pageview whenever path or query change.
let last: string | undefined;
function page() {
  const path = loc.pathname + loc.search;
  if (path !== last) {
    last = path;
    send('pageview');
  }
}
const history = win.history;
for (const method of ['pushState', 'replaceState'] as const) {
  const original = history[method];
  history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
    original.apply(this, args);
    page();
  };
}
win.addEventListener('popstate', page);

win.spokestack = track;
for (const args of queued) track(...(Array.prototype.slice.call(args) as Parameters<Tracker>));
// A prerendered page counts when someone actually looks at it.
if ((doc.visibilityState as string) === 'prerender') {
  doc.addEventListener('visibilitychange', () => doc.visibilityState === 'visible' && page());
} else page();
