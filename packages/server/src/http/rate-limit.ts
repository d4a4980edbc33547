import { createHash } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
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
   * Where the client IP comes from. `false`: the socket's address (clients reach the server directly,
   * and could send any header). A list of proxy addresses or CIDR ranges (`10.0.0.0/8`, `fd00::/8`):
   * `X-Forwarded-For` counts only on requests whose socket is one of them, read from the right past
   * those proxies, so a hop the client wrote itself is never taken. `true`: every peer is a proxy that
   * replaces the header, and its first entry is the client (a proxy that appends makes it forgeable).
   */
  trustProxy: boolean | readonly string[];
}

export const defaultRateLimits: RateLimitSettings = {
  failedAuthPerIp: { max: 30, windowSeconds: 60 },
  failedAuthPerToken: { max: 10, windowSeconds: 60 },
  publicPerIp: { max: 120, windowSeconds: 60 },
  trustProxy: false,
};

/** Whether an address is one of the trusted proxies (IPv4-mapped IPv6 read as IPv4). */
export type ProxyTrust = boolean | ((address: string) => boolean);

const plainAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/**
 * `trustProxy` as a check of addresses; throws a TypeError naming an entry that is no address or range.
 *
 * @example proxyTrust(['10.0.0.0/8'])('10.1.2.3') // true
 */
export function proxyTrust(setting: RateLimitSettings['trustProxy']): ProxyTrust {
  if (typeof setting === 'boolean') return setting;
  const list = new BlockList();
  for (const entry of setting) {
    const [address = '', bits] = entry.trim().split('/');
    const type = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
    const prefix = Number(bits);
    if (!type || (bits !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (type === 'ipv4' ? 32 : 128))))
      throw new TypeError(`Trusted proxy "${entry}": expected an IP address or a CIDR range like 10.0.0.0/8`);
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return (address) => {
    const plain = plainAddress(address);
    const type = isIPv4(plain) ? 'ipv4' : isIPv6(plain) ? 'ipv6' : null;
    return type !== null && list.check(plain, type);
  };
}

/**
 * The client of a request from its socket's address (`peer`) and `X-Forwarded-For`, under `trust`.
 * Proxies append the address they received from, so walking from the right past our own proxies, the
 * first other hop is the client; anything left of it the client may have written itself.
 *
 * @example clientAddress('10.0.0.5', '198.51.100.7, 10.0.0.2', proxyTrust(['10.0.0.0/8'])) // '198.51.100.7'
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trust: ProxyTrust): string {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (trust === true && hops[0]) return hops[0].slice(0, 64);
  if (typeof trust === 'function' && peer && trust(peer) && hops.length) {
    for (let i = hops.length - 1; i > 0; i--) if (!trust(hops[i]!)) return hops[i]!.slice(0, 64);
    return hops[0]!.slice(0, 64);
  }
  return peer ? plainAddress(peer) : 'unknown';
}

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

  const trust = proxyTrust(settings.trustProxy);
  return {
    settings,
    /** The request's client address under the configured proxies. */
    clientIp: (peer: string | undefined, forwardedFor: string | undefined) => clientAddress(peer, forwardedFor, trust),
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
