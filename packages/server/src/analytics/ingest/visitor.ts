import { createHmac, randomBytes } from 'node:crypto';

// Counting unique visitors without cookies, as Plausible does: a visitor is a keyed hash of the site,
// the IP address and the User-Agent, and the key (the salt) is random and changes every day. Nothing
// stored can be linked back to a person or across days, and once a day's salt is deleted not even the
// operator can recompute that day's hashes. The salts live in the database (one per day, the previous
// kept until sessions that cross midnight have ended); these functions only take them.

/** One day's salt. `day` is the UTC date it hashes visitors for. */
export interface DaySalt {
  day: string;
  salt: string;
}

/** The salt in use and the one before it (to continue sessions that cross midnight UTC). */
export interface DailySalts {
  current: DaySalt;
  previous: DaySalt | null;
}

/** The UTC day of a moment, `YYYY-MM-DD`: the day a salt and an event belong to. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * A new random salt: 32 bytes, base64url.
 *
 * @example
 * const salt = createSalt(); // 'q3V0…' (43 characters)
 */
export const createSalt = (): string => randomBytes(32).toString('base64url');

/**
 * The salts to use at `now`: the same ones while `now` is on the current salt's day, else a new salt for
 * today with the old current one as previous. A caller stores the result when it changed and deletes
 * any older salt, which is what makes old hashes unrecoverable.
 *
 * @example
 * const next = rotateSalts(stored, clock.now());
 * if (next !== stored) await saveSalts(next);
 */
export function rotateSalts(salts: DailySalts | null, now: Date, newSalt: () => string = createSalt): DailySalts {
  const today = utcDay(now);
  if (salts && salts.current.day === today) return salts;
  // The previous salt is only worth keeping when it is yesterday's: anything older has no open session.
  const yesterday = utcDay(new Date(now.getTime() - 86_400_000));
  return { current: { day: today, salt: newSalt() }, previous: salts?.current.day === yesterday ? salts.current : null };
}

export interface VisitorInput {
  /** The site's host name (or the web property id): the same person on two sites is two visitors. */
  site: string;
  ip: string;
  userAgent: string;
}

/**
 * The anonymous visitor id for one day's salt: 16 hex characters of HMAC-SHA-256 over site, IP and
 * User-Agent. The same inputs and salt give the same id; any other salt gives an unrelated one.
 *
 * @example
 * visitorHash(salts.current.salt, { site: 'shop.example.com', ip: '203.0.113.9', userAgent })
 */
export function visitorHash(salt: string, input: VisitorInput): string {
  if (!salt) throw new Error('visitorHash needs a salt');
  // Unit separators keep ("a.b", "c") and ("a", "b.c") apart.
  return createHmac('sha256', salt)
    .update(`${input.site.toLowerCase()}\u001f${input.ip}\u001f${input.userAgent}`)
    .digest('hex')
    .slice(0, 16);
}
