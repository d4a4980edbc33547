import { createHash, randomBytes } from 'node:crypto';
import { type ApiKeyKind, type MembershipRole, membershipRole } from '@spokestack/core';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { unauthorized } from '../http/problem.js';
import type { Clock } from './clock.js';
import type { Actor } from './context.js';
import { apiKeys, memberships, users } from './schema.js';
import type { Signer } from './signing.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const base62 = (bytes: number) =>
  [...randomBytes(bytes)].map((b) => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[b % 62]).join('');

/**
 * A new API key: the secret to hand out once, and what is stored (its SHA-256 and a visible prefix).
 * Keys are 190 random bits, so a fast hash is enough; nothing can be brute-forced from the hash.
 */
export function generateApiKey(kind: ApiKeyKind) {
  const secret = `${kind === 'SECRET' ? 'sk' : 'pk'}_${base62(32)}`;
  return { secret, prefix: secret.slice(0, 10), keyHash: sha256(secret) };
}

/** What a session token (`st_…`, purpose `session`) carries; `exp` comes with every signed token. */
interface SessionClaims {
  [key: string]: string | number;
  o: string; // organization
  u: string; // user
  r: MembershipRole; // the most the session may do; the membership's current role caps it
  k: string; // the secret API key that minted it: revoking the key ends its sessions
}

const roles: readonly string[] = membershipRole;
// Lower index, more rights. A session acts with the lesser of its token's role and the membership's.
const rank = (role: MembershipRole) => ['OWNER', 'ADMIN', 'MEMBER', 'CLIENT'].indexOf(role);
/** The lesser of two roles. @example lesserRole('ADMIN', 'MEMBER') // 'MEMBER' */
export const lesserRole = (a: MembershipRole, b: MembershipRole): MembershipRole => (rank(a) >= rank(b) ? a : b);

/**
 * A session token for a member of an organization with a role, until `expiresAt`.
 *
 * @example const token = signSession(signer, { o: organizationId, u: userId, r: 'MEMBER' }, expiresAt)
 */
export function signSession(signer: Signer, claims: SessionClaims, expiresAt: Date): string {
  return signer.token('session', claims, expiresAt);
}

/** The claims of a session token; 401 for anything else: forged, malformed, another kind of token, expired. */
function verifySession(signer: Signer, token: string, now: Date): SessionClaims {
  const claims = signer.verify<SessionClaims>('session', token, now);
  if (!claims || typeof claims.o !== 'string' || typeof claims.u !== 'string' || typeof claims.k !== 'string' || !roles.includes(claims.r))
    throw unauthorized(signer.verify('session', token, new Date(0)) ? 'Session token expired; mint a new one' : 'Invalid session token');
  return claims;
}

/**
 * Whether the caller may change how the organization works (workflows, members, keys): OWNER or ADMIN.
 *
 * @example if (!isAdmin(ctx)) throw forbidden(…)
 */
export const isAdmin = (ctx: { actor: Actor }) => ctx.actor.role === 'OWNER' || ctx.actor.role === 'ADMIN';

/** Who the credentials are: the organization and the actor (the router adds the rest of the request's context). */
export interface Credentials {
  organizationId: string;
  actor: Actor;
}

interface CachedKey {
  organizationId: string;
  actor: Actor;
  expiresAt: Date | null;
  lastUsedAt: number;
  loadedAt: number;
}

// Credentials are looked up at most every few seconds per instance, so a hot API does not pay a
// query per request; revocation, membership and role changes reach every instance within `cacheMs`.
// A session's role and client come from the membership (the token's role only caps them), and a
// session lives only while the API key that minted it does: a demoted ADMIN or a revoked key loses
// its sessions' rights within `cacheMs` on every instance.
const cacheMs = 5_000;
const lastUsedEveryMs = 60_000;

/** Resolves `Authorization: Bearer …` to the organization and actor it stands for, or throws 401. */
export function createAuthenticator(db: Db, clock: Clock, signer: Signer) {
  const keys = new Map<string, CachedKey>();
  const members = new Map<string, { actor: Actor; keyLive: boolean; loadedAt: number } | null>();

  async function apiKey(token: string): Promise<Credentials> {
    const hash = sha256(token);
    const now = clock.now();
    let entry = keys.get(hash);
    if (!entry || now.getTime() - entry.loadedAt > cacheMs) {
      const [row] = await db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)))
        .limit(1);
      if (!row) {
        keys.delete(hash);
        throw unauthorized('Unknown or revoked API key');
      }
      const publishable = row.kind === 'PUBLISHABLE';
      entry = {
        organizationId: row.organizationId,
        actor: { type: 'apiKey', id: row.id, name: row.name, role: publishable ? 'CLIENT' : 'ADMIN', clientId: null, publishable },
        expiresAt: row.expiresAt,
        lastUsedAt: row.lastUsedAt?.getTime() ?? 0,
        loadedAt: now.getTime(),
      };
      keys.set(hash, entry);
    }
    if (entry.expiresAt && entry.expiresAt <= now) throw unauthorized('API key expired');
    if (now.getTime() - entry.lastUsedAt > lastUsedEveryMs) {
      entry.lastUsedAt = now.getTime();
      await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, entry.actor.id));
    }
    return { organizationId: entry.organizationId, actor: entry.actor };
  }

  async function session(token: string): Promise<Credentials> {
    const now = clock.now();
    const payload = verifySession(signer, token, now);
    const cacheKey = `${payload.o}:${payload.u}:${payload.k}`;
    let entry = members.get(cacheKey);
    if (entry === undefined || (entry && now.getTime() - entry.loadedAt > cacheMs)) {
      const [row] = await db
        .select({ id: users.id, name: users.name, role: memberships.role, clientId: memberships.clientId, keyId: apiKeys.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .leftJoin(
          apiKeys,
          and(eq(apiKeys.id, payload.k), eq(apiKeys.organizationId, payload.o), eq(apiKeys.kind, 'SECRET'), isNull(apiKeys.revokedAt)),
        )
        .where(and(eq(memberships.organizationId, payload.o), eq(memberships.userId, payload.u)))
        .limit(1);
      entry = row
        ? {
            actor: { type: 'user', id: row.id, name: row.name, role: row.role, clientId: row.clientId },
            keyLive: row.keyId !== null,
            loadedAt: now.getTime(),
          }
        : null;
      members.set(cacheKey, entry);
    }
    if (!entry) throw unauthorized('This user is no longer a member of the organization');
    if (!entry.keyLive) throw unauthorized('The API key that minted this session was revoked; mint a new session');
    const role = lesserRole(payload.r, entry.actor.role);
    if (role === 'CLIENT' && !entry.actor.clientId) throw unauthorized('This member has no client to scope a CLIENT session to');
    return { organizationId: payload.o, actor: { ...entry.actor, role } };
  }

  return {
    async authenticate(header: string | undefined): Promise<Credentials> {
      const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
      if (!token) throw unauthorized('Send an API key or session token as "Authorization: Bearer …"');
      if (token.startsWith('sk_') || token.startsWith('pk_')) return apiKey(token);
      if (token.startsWith('st_')) return session(token);
      // Other signed kinds (pv_, rv_, file signatures) are never credentials.
      throw unauthorized('Unrecognized credentials');
    },
    /** Forget cached credentials at once (after a revoke or a membership change on this instance). */
    forget() {
      keys.clear();
      members.clear();
    },
  };
}
export type Authenticator = ReturnType<typeof createAuthenticator>;
