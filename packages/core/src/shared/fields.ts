import * as z from 'zod';

/**
 * Field validators the generated contracts are built from, so every table validates the same way:
 * bounded strings, int32 integers, ISO-8601 times and decimals carried as strings (never floats).
 */
export const maxText = 10_000;
export const maxLongText = 1_000_000;
export const maxArrayItems = 1_000;

export const text = () => z.string().max(maxText);
export const longText = () => z.string().max(maxLongText);
/**
 * A URL a user supplies that is shown or followed elsewhere (a website, a logo, a canonical URL): absolute
 * http(s) only, so `javascript:`, `data:` and friends never reach an href or src; no whitespace or control
 * characters, which browsers strip (`java\tscript:`).
 *
 * @example z.object({ website: httpUrl().nullable().optional() })
 */
export const httpUrl = () =>
  z
    .string()
    .max(2000)
    .refine((value) => {
      if (/[\s\u0000-\u001f\u007f]/.test(value)) return false;
      try {
        const { protocol } = new URL(value);
        return protocol === 'http:' || protocol === 'https:';
      } catch {
        return false;
      }
    }, 'Must be an absolute http(s) URL');
export const int = () => z.number().int().min(-2_147_483_648).max(2_147_483_647);
export const bigint = () => z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
export const bool = () => z.boolean();
// PostgreSQL has no year 0 and the ISO format no year 10000; an offset can push a valid-looking time across either.
const inYearRange = (iso: string) => {
  const year = new Date(iso).getUTCFullYear();
  return year >= 1 && year <= 9999;
};
const yearRange = { message: 'Expected a year from 0001 to 9999 (in UTC)' };
/** An ISO-8601 time with offset, e.g. `2025-01-31T09:00:00Z`. */
export const timestamp = () => z.iso.datetime({ offset: true }).refine(inYearRange, yearRange);
/** A calendar date, `YYYY-MM-DD`. */
export const date = () => z.iso.date().refine(inYearRange, yearRange);
/** Any JSON value; one shared instance so the OpenAPI document names it once. */
export const jsonValue = z.json();
export const json = () => jsonValue;
/** `numeric(p, s)` as a decimal string: at most `p - s` integer digits and `s` fraction digits. */
export const decimal = (precision: number, scale: number) =>
  z
    .string()
    .regex(
      new RegExp(`^-?\\d{1,${precision - scale}}${scale > 0 ? `(\\.\\d{1,${scale}})?` : ''}$`),
      `Expected a decimal string with at most ${precision - scale} integer and ${scale} fraction digits, ` +
        `like "${'1'.padEnd(Math.min(precision - scale, 3), '0')}${scale ? '.' + '5'.padEnd(scale, '0') : ''}"`,
    );
export const array = <T extends z.ZodType>(item: T) => z.array(item).max(maxArrayItems);
/** A query-string boolean: `true`/`false` (also `1`/`0`). */
export const queryBool = () => z.stringbool();
