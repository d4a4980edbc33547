import { createId } from '@paralleldrive/cuid2';
import { customType, jsonb, text, timestamp } from 'drizzle-orm/pg-core';

/** Primary key: a cuid2 string made by the app, so ids never reveal counts or order. */
export const id = () =>
  text('id')
    .primaryKey()
    .$defaultFn(() => createId());

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
