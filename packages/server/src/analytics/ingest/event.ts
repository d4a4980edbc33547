import { maxTrackerPayloadBytes, type TrackerEventType, type TrackerPayload, trackerPayload } from '@spokestack/core/analytics';
import { countryFromHeaders } from './country.js';
import { classifyTraffic, type TrafficMedium, type Utm } from './traffic.js';
import { type DeviceType, isBotUserAgent, parseUserAgent } from './user-agent.js';
import { type DailySalts, utcDay, visitorHash } from './visitor.js';

// One tracker request in, one event row out: what the ingestion endpoint stores in the raw events table
// and the daily rollups read. The IP address and the full User-Agent are used here and never kept.

/** The outcome of reading a tracker body: the payload, or the first problems with it (for a 400). */
export type PayloadResult = { ok: true; payload: TrackerPayload } | { ok: false; errors: { path: string; message: string }[] };

/**
 * Parses and validates a tracker request body (JSON sent as text/plain by `sendBeacon`).
 *
 * @example
 * const result = parseTrackerPayload(await c.req.text());
 * if (!result.ok) return problem(400, result.errors);
 */
export function parseTrackerPayload(body: string): PayloadResult {
  if (new TextEncoder().encode(body).length > maxTrackerPayloadBytes) {
    return { ok: false, errors: [{ path: 'body', message: `At most ${maxTrackerPayloadBytes} bytes` }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, errors: [{ path: 'body', message: 'Not JSON' }] };
  }
  const parsed = trackerPayload.safeParse(json);
  if (parsed.success) return { ok: true, payload: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({ path: ['body', ...issue.path.map(String)].join('.'), message: issue.message })),
  };
}

export interface TrackerRequest {
  payload: TrackerPayload;
  /** The client's IP address as the server determined it (behind a proxy: from the header it trusts). */
  ip: string;
  userAgent: string | null | undefined;
  /** The request headers, for the country a proxy or CDN sets. */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The header names this deployment's proxy sets the country in (default: the common ones). */
  countryHeaders?: readonly string[];
  salts: DailySalts;
  now: Date;
  /** What one site is for the visitor hash (the web property's id); default the page's host name, so `www.` would differ. */
  site?: string;
}

export interface WebEvent {
  propertyKey: string;
  type: TrackerEventType;
  /** `pageview` for pageviews, else the event or goal name. */
  name: string;
  timestamp: Date;
  /** The UTC day the event counts for. */
  day: string;
  hostname: string;
  /** The page path without query or fragment, at most 2,000 characters. */
  pathname: string;
  referrerHost: string | null;
  source: string | null;
  medium: TrafficMedium;
  utm: Utm;
  device: DeviceType;
  browser: string | null;
  browserVersion: string | null;
  os: string | null;
  osVersion: string | null;
  country: string | null;
  /** Today's anonymous visitor id. */
  visitorId: string;
  /** The same visitor under yesterday's salt, to continue a session across midnight UTC; null without one. */
  previousVisitorId: string | null;
  /** A conversion's value, a decimal string. */
  value: string | null;
  props: Record<string, string | number | boolean>;
}

/**
 * Turns a validated tracker request into the event to store, or null for a bot (which is not counted).
 *
 * @example
 * const event = enrichEvent({ payload, ip, userAgent: c.req.header('user-agent'), headers: c.req.raw.headers, salts, now: ctx.now });
 * if (event) await insertEvent(db, ctx, event);
 */
export function enrichEvent(request: TrackerRequest): WebEvent | null {
  const { payload, userAgent, salts, now } = request;
  if (isBotUserAgent(userAgent)) return null;
  const ua = userAgent!;
  const page = new URL(payload.u);
  const site = page.hostname.toLowerCase();
  const traffic = classifyTraffic(page, payload.r);
  // The previous salt applies only while it is yesterday's.
  const previous = salts.previous && salts.previous.day < salts.current.day ? salts.previous : null;
  return {
    propertyKey: payload.k,
    type: payload.t,
    name: payload.t === 'pageview' ? 'pageview' : payload.n!,
    timestamp: now,
    day: utcDay(now),
    hostname: site,
    pathname: decodePath(page.pathname).slice(0, 2000),
    referrerHost: traffic.referrerHost,
    source: traffic.source,
    medium: traffic.medium,
    utm: traffic.utm,
    ...parseUserAgent(ua),
    country: countryFromHeaders(request.headers, request.countryHeaders),
    visitorId: visitorHash(salts.current.salt, { site: request.site ?? site, ip: request.ip, userAgent: ua }),
    previousVisitorId: previous ? visitorHash(previous.salt, { site: request.site ?? site, ip: request.ip, userAgent: ua }) : null,
    value: payload.v ?? null,
    props: payload.p ?? {},
  };
}

/** `/caf%C3%A9` is shown as `/café`; a malformed escape stays as sent. */
function decodePath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}
