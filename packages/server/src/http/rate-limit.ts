import { createHash } from 'node:crypto';
import { problemTypes } from '@spokestack/core';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Clock } from '../platform/clock.js';
import { rateLimits } from '../platform/schema.js';
import { HttpError } from './problem.js';

/** One limit: at most `max` events per `windowSeconds` for one key. */
export interface Limit {
  max: number;
  windowSeconds: number;
}

/** What is limited, per client IP and per token; every limit counts in the shared PostgreSQL table. */
export interface RateLimitSettings {
  /** Failed authentications (unknown, revoked, forged or expired credentials) per client IP. */
  failedAuthPerIp: Limit;
  /** Failed authentications per presented token (the same forged or revoked key from many IPs). */
  failedAuthPerToken: Limit;
  /** Requests to public surfaces (review links, share links, form posts, tracking) per client IP and operation. */
  publicPerIp: Limit;
  /**
   * Take the client IP from the first `X-Forwarded-For` entry (behind a proxy you run), instead of the
   * socket's address. Leave off when clients reach the server directly: they could send any header.
   */
  trustProxy: boolean;
}

export const defaultRateLimits: RateLimitSettings = {
  failedAuthPerIp: { max: 30, windowSeconds: 60 },
  failedAuthPerToken: { max: 10, windowSeconds: 60 },
  publicPerIp: { max: 120, windowSeconds: 60 },
  trustProxy: false,
};

/** 429 with `Retry-After` (seconds), as a problem. */
export const tooManyRequests = (retryAfter: number, what: string) =>
  new HttpError(429, problemTypes.rateLimited, 'Too many requests', `Too many ${what}; retry in ${retryAfter} s`, undefined, {
    retryAfter,
  });

const hashed = (token: string) => createHash('sha256').update(token).digest('base64url').slice(0, 22);

/**
 * Fixed-window counters in PostgreSQL, so every instance counts the same events: one upsert per event
 * (`INSERT … ON CONFLICT DO UPDATE`, atomic on both drivers). A key over its limit is remembered on this
 * instance until its window ends, so a flood of bad credentials costs no database query at all.
 *
 * @example
 * const limiter = createRateLimiter(db, clock, defaultRateLimits)
 * await limiter.hit('auth-ip', ip, settings.failedAuthPerIp) // throws 429 past the limit
 */
export function createRateLimiter(db: Db, clock: Clock, settings: RateLimitSettings) {
  const blocked = new Map<string, number>(); // key → window end (ms)

  /** Throws 429 while `key` is over a limit it reached on this instance. */
  function check(key: string, what: string) {
    const until = blocked.get(key);
    if (until === undefined) return;
    const now = clock.now().getTime();
    if (until <= now) blocked.delete(key);
    else throw tooManyRequests(Math.ceil((until - now) / 1000), what);
  }

  /** Counts one event for `key`; throws 429 once the window's count passes `limit.max`. */
  async function hit(key: string, limit: Limit, what: string): Promise<void> {
    check(key, what);
    const now = clock.now().getTime();
    const windowMs = limit.windowSeconds * 1000;
    const start = new Date(Math.floor(now / windowMs) * windowMs);
    const [row] = await db
      .insert(rateLimits)
      .values({ key, windowStart: start, count: 1 })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
          windowStart: sql`excluded.window_start`,
        },
      })
      .returning({ count: rateLimits.count });
    if ((row?.count ?? 0) > limit.max) {
      const end = start.getTime() + windowMs;
      if (blocked.size > 10_000) blocked.clear();
      blocked.set(key, end);
      throw tooManyRequests(Math.ceil((end - now) / 1000), what);
    }
  }

  return {
    settings,
    /** Refuses a client IP or token that failed to authenticate too often, before its credentials cost a query. */
    beforeAuth(ip: string, token: string | undefined) {
      check(`auth-ip:${ip}`, 'failed authentications');
      if (token) check(`auth-token:${hashed(token)}`, 'failed authentications');
    },
    /** Counts a failed authentication against the IP and the token. */
    async failedAuth(ip: string, token: string | undefined) {
      await hit(`auth-ip:${ip}`, settings.failedAuthPerIp, 'failed authentications');
      if (token) await hit(`auth-token:${hashed(token)}`, settings.failedAuthPerToken, 'failed authentications');
    },
    /** Counts a request to a public surface (one operation) from an IP. */
    publicHit: (operation: string, ip: string) => hit(`public:${operation}:${ip}`, settings.publicPerIp, 'requests'),
    /** Refuses a public surface's token (a share link) refused too often on this operation: guessing its password stops. */
    beforeProof(operation: string, token: string) {
      check(`proof:${operation}:${hashed(token)}`, 'failed attempts');
    },
    /**
     * Counts a refused proof on a public surface (a forged link, a wrong share-link password) against the IP,
     * like a failed authentication, and against the token on that operation only: guessing from many IPs
     * stops, and the link's other operations (viewing it) stay open to the people it was shared with.
     */
    async failedProof(operation: string, ip: string, token: string) {
      await hit(`auth-ip:${ip}`, settings.failedAuthPerIp, 'failed authentications');
      await hit(`proof:${operation}:${hashed(token)}`, settings.failedAuthPerToken, 'failed attempts');
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
