import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

// Secrets at rest. Credentials and tokens the platform must use again (an ad platform's OAuth tokens)
// are encrypted with AES-256-GCM under a key ring, so a database dump alone reveals nothing and keys
// can be rotated; passwords the platform only checks (share links) get a slow, salted hash.

/** Encryption keys by id; `current` encrypts, every key decrypts, so old ciphertext reads during a rotation. */
export interface KeyRing {
  current: string;
  keys: ReadonlyMap<string, Buffer>;
}

const keyId = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * A key ring from `SPOKESTACK_ENCRYPTION_KEYS`: comma-separated `id:base64key` pairs of 32-byte keys,
 * the first one current. To rotate, put a new key first, run `spokestack-server re-encrypt`, then drop the old one.
 *
 * @example keyRingFromSpec(`k2:${newKey},k1:${oldKey}`)
 */
export function keyRingFromSpec(spec: string): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = part.indexOf(':');
    const id = part.slice(0, at);
    const key = Buffer.from(part.slice(at + 1), 'base64');
    if (at < 1 || !keyId.test(id))
      throw new TypeError(`Encryption key "${part.slice(0, 12)}…": expected id:base64key with an id of letters, digits, - or _`);
    if (key.length !== 32)
      throw new TypeError(`Encryption key "${id}" must be 32 bytes (base64 of \`openssl rand 32\`), not ${key.length}`);
    if (keys.has(id)) throw new TypeError(`Encryption key id "${id}" appears twice`);
    keys.set(id, key);
  }
  const current = keys.keys().next().value;
  if (current === undefined) throw new TypeError('No encryption key given');
  return { current, keys };
}

/**
 * The key ring of an instance without `SPOKESTACK_ENCRYPTION_KEYS`: one key derived from the server secret
 * (HKDF, its own purpose), so the embedded database encrypts out of the box.
 *
 * @example const ring = keyRingFromSecret(process.env.SPOKESTACK_SECRET!)
 */
export function keyRingFromSecret(secret: string): KeyRing {
  const key = Buffer.from(hkdfSync('sha256', secret, 'spokestack', 'encryption:v1', 32));
  return { current: 's0', keys: new Map([['s0', key]]) };
}

/**
 * The key ring of an app: the keys of `SPOKESTACK_ENCRYPTION_KEYS` when given (the first current), and
 * always the key derived from the secret for reading, so values sealed before keys were configured
 * still open until `spokestack-server secrets reencrypt` moves them to the current key.
 *
 * @example const ring = appKeyRing(secret, process.env.SPOKESTACK_ENCRYPTION_KEYS)
 */
export function appKeyRing(secret: string, spec?: string): KeyRing {
  const derived = keyRingFromSecret(secret);
  if (!spec?.trim()) return derived;
  const ring = keyRingFromSpec(spec);
  const keys = new Map(ring.keys);
  for (const [id, key] of derived.keys) if (!keys.has(id)) keys.set(id, key);
  return { current: ring.current, keys };
}

const prefix = 'enc:v1:';

/** Whether a stored value is ciphertext of `SecretBox` (as opposed to a legacy plaintext value). */
export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(prefix);

/**
 * Encrypts and decrypts secrets with a key ring. `context` (e.g. `analytics_platforms.access_token:<rowId>`)
 * is authenticated with the ciphertext, so a value copied into another row or column does not decrypt.
 *
 * @example
 * const box = secretBox(keyRingFromSecret(secret))
 * const sealed = box.seal('ya29.token', `analytics_platforms.access_token:${id}`)
 * box.open(sealed, `analytics_platforms.access_token:${id}`) // 'ya29.token'
 */
export function secretBox(ring: KeyRing) {
  return {
    seal(plaintext: string, context: string): string {
      const key = ring.keys.get(ring.current)!;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return `${prefix}${ring.current}:${parts.join(':')}`;
    },
    /** The plaintext; throws when the value was tampered with, sealed for another context, or under an unknown key. */
    open(sealed: string, context: string): string {
      const [id, iv, tag, body, extra] = sealed.slice(prefix.length).split(':');
      const key = id === undefined ? undefined : ring.keys.get(id);
      if (!isSealed(sealed) || !key || !iv || !tag || body === undefined || extra !== undefined)
        throw new Error(key || !id ? 'Not a sealed secret' : `Sealed under the unknown encryption key "${id}"`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    /** Whether a sealed value uses the current key (the re-encrypt command rewrites the others). */
    isCurrent: (sealed: string) => sealed.startsWith(`${prefix}${ring.current}:`),
  };
}
export type SecretBox = ReturnType<typeof secretBox>;

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;
// 2^15 × 8 × 128 B = 32 MiB and ~50 ms per hash: slow for a guesser, fine for a share-link visitor.
const cost = { N: 2 ** 15, r: 8, p: 1 };

/**
 * A salted scrypt hash of a password, as `scrypt$N$r$p$salt$hash`.
 *
 * @example const passwordHash = await hashPassword('client-preview-2025')
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFC'), salt, 32, { ...cost, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/**
 * Whether `password` matches a hash from `hashPassword` (constant time); false for anything malformed.
 *
 * @example if (!(await verifyPassword(body.password, link.passwordHash))) throw unauthorized('Wrong password')
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash, extra] = stored.split('$');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !hash || extra !== undefined || ![params.N, params.r, params.p].every(Number.isSafeInteger))
    return false;
  if (params.N > 2 ** 20 || params.r > 32 || params.p > 16) return false;
  const expected = Buffer.from(hash, 'base64url');
  const given = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    ...params,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  });
  return expected.length > 0 && timingSafeEqual(given, expected);
}
