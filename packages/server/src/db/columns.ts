import { randomBytes } from 'node:crypto';
import { customType, jsonb, text, timestamp } from 'drizzle-orm/pg-core';

// Random bytes drawn in blocks: one system call per few hundred ids, not one per character.
let pool = randomBytes(0);
let at = 0;
const nextByte = () => {
  if (at === pool.length) {
    pool = randomBytes(4096);
    at = 0;
  }
  return pool[at++]!;
};
const base36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A new row id in cuid2's shape (24 characters: a letter, then base 36) from the CSPRNG: about 119 random
 * bits, so ids never reveal counts or order and never collide in practice. Not `@paralleldrive/cuid2`
 * itself: its hashing costs about a millisecond of CPU an id on these machines, which made a 10,000-row
 * import spend half its time naming rows. Bytes are drawn by rejection, so every character is uniform.
 *
 * @example const fileId = newId() // 'k3v9x0q2…'
 */
export function newId(): string {
  let out = '';
  while (out.length < 1) {
    const b = nextByte();
    if (b < 234) out += base36[10 + (b % 26)];
  }
  while (out.length < 24) {
    const b = nextByte();
    if (b < 252) out += base36[b % 36];
  }
  return out;
}

/** Primary key: a cuid2-shaped string made by the app (`newId`), so ids never reveal counts or order. */
export const id = () => text('id').primaryKey().$defaultFn(newId);

/**
 * A timestamptz column carried as a Date in the app and as ISO-8601 UTC in JSON. Millisecond precision
 * matches JavaScript dates, so a value read back compares equal (keyset cursors depend on it).
 */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

export const createdAt = (name = 'created_at') => timestamptz(name).notNull().defaultNow();

/** Spec `@updatedAt`: set on insert by the database and on every update by the app. */
export const updatedAt = () =>
  timestamptz('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/**
 * Spec `@db.Text`: long free text (bodies, descriptions, HTML). Stored as `text` like any string;
 * the distinct column type lets the contract generator allow it a larger size than short strings.
 */
export const longText = customType<{ data: string; driverData: string }>({ dataType: () => 'text' });

/** A JSON value, as `z.json()` describes it in the contracts. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A jsonb column typed as JSON (Drizzle would say `unknown`). */
export const json = (name: string) => jsonb(name).$type<Json>();
