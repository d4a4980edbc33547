import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

// Every signed thing the server hands out — session tokens, file URLs, preview tokens, review links,
// collection and dashboard share links, external upload links, and later unsubscribe and tracking links — is made and checked
// here, so the rules hold for all of them at once:
// - a purpose per kind: its own key (derived from the secret with HKDF) and the purpose inside what is
//   signed, so a token of one kind never verifies as another, whatever prefix it is sent with;
// - expiry built in: every token and URL signature carries `exp`, checked on every verify;
// - one canonical encoding: unpadded base64url, a signature of exactly 43 characters whose unused bits
//   are zero, nothing before or after. `=` appended, an extra `.x` segment or a second spelling of the
//   same bytes is refused, so a token has one string form;
// - anything malformed verifies as `undefined`, never an exception: callers answer 401 (or their own 4xx).

/** The kinds of signed things, each with the prefix its tokens start with. */
export const signingPurposes = {
  session: 'st',
  file: 'fl',
  preview: 'pv',
  review: 'rv',
  share: 'sh',
  upload: 'ul',
  dashboard: 'ds',
  unsubscribe: 'us',
  tracking: 'tk',
} as const;
export type SigningPurpose = keyof typeof signingPurposes;

/** Claims a token carries besides its expiry: short keys, string or number values. */
export type Claims = Record<string, string | number>;

const segment = /^[A-Za-z0-9_-]+$/;
// HMAC-SHA256 is 32 bytes: 43 base64url characters, the last one holding 2 unused (zero) bits.
const signatureLength = 43;

/** Whether `text` is the one base64url spelling of its bytes (no padding, no stray bits). */
const canonical = (text: string) => segment.test(text) && Buffer.from(text, 'base64url').toString('base64url') === text;

export interface Signer {
  /**
   * A token `<prefix>_<claims>.<signature>` for `purpose`, valid until `expiresAt` (to the second).
   *
   * @example const token = signer.token('preview', { o: organizationId, e: entryId }, expiresAt)
   */
  token(purpose: SigningPurpose, claims: Claims, expiresAt: Date): string;
  /**
   * The claims of a token made for `purpose`, with `exp` (unix seconds); undefined when it is malformed,
   * not in its canonical form, made for another purpose or with another secret, or expired at `now`.
   *
   * @example const claims = signer.verify<{ o: string; e: string }>('review', token, ctx.now)
   */
  verify<T extends Claims>(purpose: SigningPurpose, token: string, now: Date): (T & { exp: number }) | undefined;
  /**
   * A detached signature for links whose claims sit in the URL itself (a file id in the path): `exp`
   * (unix seconds) and `sig` to put in the query.
   *
   * @example const { exp, sig } = signer.sign('file', [fileId], expiresAt)
   */
  sign(purpose: SigningPurpose, subject: string[], expiresAt: Date): { exp: number; sig: string };
  /**
   * Whether `sig` and `exp` (as they came in the query) sign `subject` for `purpose` and have not
   * expired at `now`. Only the canonical forms verify: `exp` in plain digits, `sig` as `sign` wrote it.
   *
   * @example if (!signer.check('file', [id], query.exp, query.sig, ctx.now)) throw badRequest(…)
   */
  check(purpose: SigningPurpose, subject: string[], exp: string | undefined, sig: string | undefined, now: Date): boolean;
}

/**
 * The signer of an app, from its secret (the same on every instance). One key per purpose is derived
 * once; signing and checking are an HMAC each.
 *
 * @example
 * const signer = createSigner(process.env.SPOKESTACK_SECRET!)
 * const token = signer.token('session', { o, u, r }, new Date(Date.now() + 3_600_000))
 */
export function createSigner(secret: string): Signer {
  const keys = new Map<SigningPurpose, Buffer>();
  const keyOf = (purpose: SigningPurpose) => {
    let key = keys.get(purpose);
    if (!key) keys.set(purpose, (key = Buffer.from(hkdfSync('sha256', secret, 'spokestack', `spokestack/${purpose}`, 32))));
    return key;
  };
  // The purpose is part of the signed text as well as of the key: belt and braces against reuse.
  const mac = (purpose: SigningPurpose, text: string) => createHmac('sha256', keyOf(purpose)).update(`${purpose}\n${text}`).digest();
  const matches = (purpose: SigningPurpose, text: string, signature: string) => {
    if (signature.length !== signatureLength || !canonical(signature)) return false;
    return timingSafeEqual(Buffer.from(signature, 'base64url'), mac(purpose, text));
  };
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  const live = (exp: unknown, now: Date): exp is number =>
    typeof exp === 'number' && Number.isSafeInteger(exp) && exp * 1000 > now.getTime();
  const subjectText = (subject: string[], exp: number) => JSON.stringify([...subject, exp]);

  return {
    token(purpose, claims, expiresAt) {
      const body = Buffer.from(JSON.stringify({ ...claims, exp: seconds(expiresAt) })).toString('base64url');
      return `${signingPurposes[purpose]}_${body}.${mac(purpose, body).toString('base64url')}`;
    },
    verify<T extends Claims>(purpose: SigningPurpose, token: string, now: Date) {
      const prefix = `${signingPurposes[purpose]}_`;
      if (!token.startsWith(prefix)) return undefined;
      const parts = token.slice(prefix.length).split('.');
      if (parts.length !== 2) return undefined;
      const [body, signature] = parts as [string, string];
      if (!canonical(body) || !matches(purpose, body, signature)) return undefined;
      let claims: unknown;
      try {
        claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return undefined;
      }
      if (!claims || typeof claims !== 'object' || Array.isArray(claims)) return undefined;
      return live((claims as { exp?: unknown }).exp, now) ? (claims as T & { exp: number }) : undefined;
    },
    sign(purpose, subject, expiresAt) {
      const exp = seconds(expiresAt);
      return { exp, sig: mac(purpose, subjectText(subject, exp)).toString('base64url') };
    },
    check(purpose, subject, exp, sig, now) {
      if (!exp || !sig || !/^[1-9]\d{0,15}$/.test(exp)) return false;
      const expiry = Number(exp);
      return live(expiry, now) && matches(purpose, subjectText(subject, expiry), sig);
    },
  };
}
