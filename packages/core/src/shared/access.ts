import { type MembershipRole, membershipRole } from '../platform/enums.js';
import type { Operation } from './operation.js';

// The one role matrix. Every operation's callers follow from its declaration through `accessOf`: the
// server's router enforces exactly this, the OpenAPI document publishes it (`x-roles`), and a test calls
// every operation as every caller. Every operation a session can call declares its `roles`
// (`defineOperation` requires it); one that somehow lacks them admits no session at all.

/** Everyone who can call the API: a session's member role, a secret key (acts as ADMIN), a publishable key. */
export const callers = [...membershipRole, 'SECRET_KEY', 'PUBLISHABLE_KEY'] as const;
export type Caller = (typeof callers)[number];

/** Roles that change content and settings. */
export const writerRoles = ['OWNER', 'ADMIN', 'MEMBER'] as const satisfies readonly MembershipRole[];
/** Roles that change how the organization works: members, keys, workflows, anything that bypasses review. */
export const adminRoles = ['OWNER', 'ADMIN'] as const satisfies readonly MembershipRole[];

/** Who may call an operation. */
export interface Access {
  /** No credentials needed (a signed token in the path proves access). */
  public: boolean;
  /** Session roles allowed. */
  roles: readonly MembershipRole[];
  /** Whether secret API keys may call it (they act with the ADMIN role). */
  secretKey: boolean;
  /** Whether publishable keys may call it (published content only). */
  publishableKey: boolean;
}

/**
 * The callers an operation admits, from its `auth` and `roles`.
 *
 * @example accessOf(cmsOps.publishEntry) // { public: false, roles: ['OWNER', 'ADMIN', 'MEMBER'], secretKey: true, publishableKey: false }
 */
export function accessOf(op: Pick<Operation, 'auth' | 'roles'>): Access {
  const auth = op.auth ?? 'secret';
  // Fail closed: an operation without declared roles is refused to every session, never opened by a default.
  const roles = op.roles ?? [];
  return {
    public: auth === 'public',
    roles: auth === 'apiKey' ? [] : roles,
    secretKey: auth === 'apiKey' || roles.includes('ADMIN'),
    publishableKey: auth === 'publishable' || auth === 'optional' || auth === 'public',
  };
}

/** Whether `caller` may call an operation. @example allows(accessOf(op), 'CLIENT') */
export function allows(access: Access, caller: Caller): boolean {
  if (access.public) return true;
  if (caller === 'SECRET_KEY') return access.secretKey;
  if (caller === 'PUBLISHABLE_KEY') return access.publishableKey;
  return access.roles.includes(caller);
}

/** The callers an operation admits, for the OpenAPI document's `x-roles`. @example callersOf(op) // ['OWNER', 'ADMIN', 'SECRET_KEY'] */
export const callersOf = (op: Pick<Operation, 'auth' | 'roles'>): Caller[] | ['PUBLIC'] => {
  const access = accessOf(op);
  return access.public ? ['PUBLIC'] : callers.filter((caller) => allows(access, caller));
};

/** One sentence a reader of the reference sees: who may call it. @example rolesSentence(op) // 'Callable by OWNER, ADMIN …' */
export function rolesSentence(op: Pick<Operation, 'auth' | 'roles'>): string {
  const names: Record<Caller, string> = {
    OWNER: 'OWNER',
    ADMIN: 'ADMIN',
    MEMBER: 'MEMBER',
    CLIENT: 'CLIENT (only what is shared with their client)',
    SECRET_KEY: 'secret API keys',
    PUBLISHABLE_KEY: 'publishable keys',
  };
  const list = callersOf(op);
  if (list[0] === 'PUBLIC') return 'Public: no credentials; the signed token in the path is the proof.';
  return `Callable by ${(list as Caller[]).map((c) => names[c]).join(', ')}; anyone else gets 403.`;
}
