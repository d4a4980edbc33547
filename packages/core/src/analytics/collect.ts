import * as z from 'zod';
import * as f from '../shared/fields.js';

// What the web tracker (`@spokestack/tracker`) sends to the ingestion endpoint: one event per request,
// JSON in a text/plain body (so `navigator.sendBeacon` needs no CORS preflight). Keys are one letter
// because the tracker has to fit in 1 KB gzipped.

export const trackerEventTypes = ['pageview', 'event', 'conversion'] as const;
export type TrackerEventType = (typeof trackerEventTypes)[number];

/** The largest body the ingestion endpoint needs to read: an event is a few hundred bytes. */
export const maxTrackerPayloadBytes = 8 * 1024;

const webUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const trackerPayload = z
  .strictObject({
    /** The web property's public key, from the script tag's `data-property`. */
    k: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/),
    /** `pageview`, a custom `event`, or a `conversion` (a goal, usually with a value). */
    t: z.enum(trackerEventTypes),
    /** The event or goal name; none for pageviews. */
    n: z.string().trim().min(1).max(120).optional(),
    /** The page's URL. */
    u: webUrl,
    /** `document.referrer`, empty or absent when there is none. */
    r: z.union([webUrl, z.literal('')]).nullish(),
    /** The viewport width in CSS pixels. */
    w: z.number().int().min(0).max(100_000).optional(),
    /** Custom properties of an event. */
    p: z
      .record(z.string().min(1).max(64), z.union([z.string().max(500), z.number(), z.boolean()]))
      .refine((props) => Object.keys(props).length <= 30, 'At most 30 properties')
      .optional(),
    /** A conversion's value, as a decimal string with at most two decimals. */
    v: f.decimal(14, 2).optional(),
  })
  .refine((e) => e.t === 'pageview' || e.n !== undefined, { message: 'Events and conversions need a name', path: ['n'] });
export type TrackerPayload = z.infer<typeof trackerPayload>;
