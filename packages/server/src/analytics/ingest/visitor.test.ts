import { describe, expect, it } from 'vitest';
import { createSalt, type DailySalts, rotateSalts, utcDay, visitorHash } from './visitor.js';

const visitor = {
  site: 'shop.example.com',
  ip: '203.0.113.9',
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
};

describe('visitorHash', () => {
  it('is stable for one salt and unrelated across salts, sites, IPs and browsers', () => {
    const salt = createSalt();
    const id = visitorHash(salt, visitor);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(visitorHash(salt, { ...visitor, site: 'SHOP.example.com' })).toBe(id);
    const others = [
      visitorHash(createSalt(), visitor),
      visitorHash(salt, { ...visitor, site: 'blog.example.com' }),
      visitorHash(salt, { ...visitor, ip: '203.0.113.10' }),
      visitorHash(salt, { ...visitor, userAgent: `${visitor.userAgent} ` }),
      // Separators keep the fields apart: moving a character from one to the next changes the id.
      visitorHash(salt, { ...visitor, site: 'shop.example.co', ip: `m${visitor.ip}` }),
    ];
    expect(new Set([id, ...others]).size).toBe(6);
  });

  it('needs a salt', () => {
    expect(() => visitorHash('', visitor)).toThrow('needs a salt');
  });
});

describe('rotateSalts', () => {
  const day1 = new Date('2026-09-01T23:59:59Z');
  const day2 = new Date('2026-09-02T00:00:01Z');
  let n = 0;
  const next = () => `salt-${++n}`;

  it('creates the first salt, keeps it for the day, and rotates at midnight UTC keeping yesterday’s', () => {
    const first = rotateSalts(null, day1, next);
    expect(first).toEqual({ current: { day: '2026-09-01', salt: 'salt-1' }, previous: null });
    expect(rotateSalts(first, new Date('2026-09-01T00:00:00Z'), next)).toBe(first);
    const second = rotateSalts(first, day2, next);
    expect(second).toEqual({ current: { day: '2026-09-02', salt: 'salt-2' }, previous: { day: '2026-09-01', salt: 'salt-1' } });
    // Same visitor, new day: a new id, and yesterday's id is still computable for the session that spans midnight.
    expect(visitorHash(second.current.salt, visitor)).not.toBe(visitorHash(first.current.salt, visitor));
    expect(visitorHash(second.previous!.salt, visitor)).toBe(visitorHash(first.current.salt, visitor));
  });

  it('drops a salt older than yesterday', () => {
    const stale: DailySalts = { current: { day: '2026-08-28', salt: 'old' }, previous: { day: '2026-08-27', salt: 'older' } };
    expect(rotateSalts(stale, day2, next).previous).toBeNull();
  });

  it('days are UTC days', () => {
    expect(utcDay(new Date('2026-09-01T23:30:00-02:00'))).toBe('2026-09-02');
  });

  it('salts are 32 random bytes', () => {
    const salt = createSalt();
    expect(Buffer.from(salt, 'base64url')).toHaveLength(32);
    expect(createSalt()).not.toBe(salt);
  });
});
