import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, isSealed, keyRingFromSecret, keyRingFromSpec, secretBox, verifyPassword } from './secrets.js';

const key = () => randomBytes(32).toString('base64');

describe('secret box', () => {
  const context = 'analytics_platforms.access_token:row1';

  it('seals so that only the same key ring and context open it, and the value never shows in the ciphertext', () => {
    const box = secretBox(keyRingFromSecret('x'.repeat(40)));
    const sealed = box.seal('ya29.a0AfH6SMB-token', context);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('ya29');
    expect(box.seal('ya29.a0AfH6SMB-token', context)).not.toBe(sealed); // a fresh IV every time
    expect(box.open(sealed, context)).toBe('ya29.a0AfH6SMB-token');
    expect(() => box.open(sealed, 'analytics_platforms.access_token:row2')).toThrow();
    expect(() => secretBox(keyRingFromSecret('y'.repeat(40))).open(sealed, context)).toThrow();
  });

  it('refuses tampered, truncated or foreign values', () => {
    const box = secretBox(keyRingFromSecret('x'.repeat(40)));
    const sealed = box.seal('secret', context);
    const parts = sealed.split(':');
    const flipped = [
      ...parts.slice(0, -1),
      Buffer.from(Buffer.from(parts.at(-1)!, 'base64url').map((b) => b ^ 1)).toString('base64url'),
    ].join(':');
    for (const bad of [flipped, sealed.slice(0, -2), `${sealed}:x`, 'secret', 'enc:v1:', 'enc:v1:nokey:a:b:c'])
      expect(() => box.open(bad, context)).toThrow();
  });

  it('rotates: the new current key seals, old keys still open, and isCurrent tells which values to rewrite', () => {
    const oldKey = key();
    const before = secretBox(keyRingFromSpec(`k1:${oldKey}`));
    const old = before.seal('refresh-token', context);
    const after = secretBox(keyRingFromSpec(`k2:${key()},k1:${oldKey}`));
    expect(after.open(old, context)).toBe('refresh-token');
    expect(after.isCurrent(old)).toBe(false);
    expect(after.isCurrent(after.seal('refresh-token', context))).toBe(true);
  });

  it('says what is wrong with a key spec', () => {
    expect(() => keyRingFromSpec('')).toThrow(/No encryption key/);
    expect(() => keyRingFromSpec('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => keyRingFromSpec(`bad id:${key()}`)).toThrow(/expected id:base64key/);
    const k = key();
    expect(() => keyRingFromSpec(`k1:${k},k1:${k}`)).toThrow(/twice/);
  });
});

describe('passwords', () => {
  it('hashes with a salt and verifies only the same password', async () => {
    const stored = await hashPassword('client-preview-2025');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(stored).not.toContain('client-preview');
    expect(await hashPassword('client-preview-2025')).not.toBe(stored);
    expect(await verifyPassword('client-preview-2025', stored)).toBe(true);
    expect(await verifyPassword('client-preview-2026', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('is false, never a throw, for malformed or abusive stored values', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$1$1$1$$',
      'bcrypt$10$abc',
      `scrypt$${2 ** 24}$8$1$c2FsdA$aGFzaA`,
      'scrypt$x$8$1$c2FsdA$aGFzaA',
    ])
      expect(await verifyPassword('x', stored)).toBe(false);
  });
});
