// Amounts arrive as decimal strings; Intl.NumberFormat formats a string as the exact decimal it spells (ES2023),
// so no amount becomes a float on its way to the screen.

/** Intl takes decimal strings at run time; TypeScript's lib only knows numbers and bigints. */
const asNumber = (value: string) => value as unknown as number;

/**
 * An amount in its currency, without cents when it has none.
 *
 * @example formatMoney('25000.00', 'EUR', 'en') // '€25,000'
 */
export function formatMoney(value: string, currency: string, locale?: string): string {
  const whole = /^-?\d+(\.0+)?$/.test(value);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, ...(whole && { maximumFractionDigits: 0 }) }).format(asNumber(value));
}

/**
 * A calendar day (`YYYY-MM-DD`) as people read it, in UTC so it is the same day everywhere.
 *
 * @example formatDate('2026-06-30', 'en') // 'Jun 30, 2026'
 */
export function formatDate(day: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}
