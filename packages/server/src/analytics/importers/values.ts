import { Decimal } from 'decimal.js';

// Cell values as Meta Ads Manager and Google Ads write them: "1,234.56", "US$1,234.56", "1.234,56 €",
// "3.45%", " --" for none, "Sep 1, 2026" or "2026-09-01". Parsed into decimal strings and ISO dates,
// never through floats, with a message a person can act on when a cell is not what its column says.

/** Which character separates the decimals: `.` in English exports, `,` in most European ones. */
export type DecimalSeparator = '.' | ',';
/** How an all-numeric date with slashes reads: 09/01/2026 is September 1 (`mdy`, US) or January 9 (`dmy`). */
export type DateOrder = 'mdy' | 'dmy';

/** A cell that could not be read as its column's type; `message` says why and what was expected. */
export class CellError extends Error {
  override name = 'CellError';
}

// Markers the platforms put where a metric does not apply.
const noneMarkers = new Set(['', '-', '--', '—', '–', 'n/a', 'na', 'none', 'null']);
// Spaces used as thousands separators: plain, no-break (French) and narrow no-break (newer French locales).
const groupSpaces = /[ \u00a0\u202f\u2009']/g;
const currencyEnds = /^[\p{Sc}\p{L}\s]+|[\p{Sc}\p{L}\s]+$/gu;

/** True when a cell says "no value" rather than zero. */
export const isNone = (cell: string): boolean => noneMarkers.has(cell.trim().toLowerCase());

/**
 * A decimal string from a report cell: thousands separators, currency symbols and codes, a trailing `%`
 * (divided by 100) and parentheses for negatives are understood; "--" and empty cells are null.
 *
 * @example
 * parseDecimal('US$1,234.50') // '1234.5'
 * parseDecimal('1.234,56 €', ',') // '1234.56'
 * parseDecimal('3.45%') // '0.0345'
 * parseDecimal(' --') // null
 */
export function parseDecimal(cell: string, separator: DecimalSeparator = '.'): string | null {
  if (isNone(cell)) return null;
  let text = cell.trim();
  let negative = false;
  if (/^\(.*\)$/.test(text)) [negative, text] = [true, text.slice(1, -1).trim()];
  const percent = text.endsWith('%');
  if (percent) text = text.slice(0, -1).trim();
  // Currency symbols and codes on either side ("$", "US$", "R$", "€", "1 234,56 EUR"), before or after a sign.
  // Letters between digits stay, so "1e3" is refused rather than read as 13.
  text = text.replace(currencyEnds, '');
  if (/^[-−]/.test(text)) [negative, text] = [!negative, text.slice(1)];
  else if (text.startsWith('+')) text = text.slice(1);
  text = text.replace(currencyEnds, '').replace(groupSpaces, '');
  const digits = normalizeSeparators(text, separator);
  if (digits === null) {
    throw new CellError(`"${cell.trim()}" is not a number${/\d[.,]\d/.test(cell) ? ` with "${separator}" as the decimal separator` : ''}`);
  }
  let value = new Decimal(digits);
  if (percent) value = value.div(100);
  if (negative && !value.isZero()) value = value.neg();
  return value.toFixed();
}

/** Digits with `.` as the decimal point, or null when the separators do not form a number. */
function normalizeSeparators(text: string, separator: DecimalSeparator): string | null {
  const hasDot = text.includes('.');
  const hasComma = text.includes(',');
  // With both present, the last one is the decimal point whatever the file's locale: "1.234,56", "1,234.56".
  const decimal = hasDot && hasComma ? (text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',') : separator;
  const group = decimal === '.' ? ',' : '.';
  const [whole = '', fraction, extra] = text.split(decimal);
  if (extra !== undefined) return null;
  if (whole.includes(group) && !/^\d{1,3}(?:[.,]\d{3})+$/.test(whole)) return null;
  const integer = whole.replaceAll(group, '');
  if (!/^\d*$/.test(integer) || (fraction !== undefined && !/^\d+$/.test(fraction)) || (integer === '' && fraction === undefined)) {
    return null;
  }
  return `${integer || '0'}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * A whole count (impressions, reach, clicks) as a decimal string; a fraction is an error, "--" is null.
 *
 * @example
 * parseCount('12,345') // '12345'
 */
export function parseCount(cell: string, separator: DecimalSeparator = '.'): string | null {
  const value = parseDecimal(cell, separator);
  if (value === null) return null;
  if (!new Decimal(value).isInteger()) throw new CellError(`"${cell.trim()}" is not a whole number`);
  if (value.startsWith('-')) throw new CellError(`"${cell.trim()}" is negative`);
  return value;
}

const months: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1970 || year > 2999 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '');
  return months[key] ?? months[key.slice(0, 3)];
}

/**
 * An ISO date (`YYYY-MM-DD`) from the date formats the exports use: `2026-09-01`, `2026/09/01`, `20260901`,
 * `Sep 1, 2026`, `Tue, Sep 1, 2026`, `September 1, 2026`, `1 Sep 2026`, `01.09.2026`, and `09/01/2026`
 * read by `order`. A time after the date ("Sep 1, 2026, 11:04 AM") is ignored. Impossible dates are errors.
 *
 * @example
 * parseReportDate('Tue, Sep 1, 2026') // '2026-09-01'
 * parseReportDate('01/09/2026', 'dmy') // '2026-09-01'
 */
export function parseReportDate(cell: string, order: DateOrder = 'mdy'): string {
  const text = cell.trim();
  let match: RegExpMatchArray | null;
  let date: string | null = null;
  if ((match = text.match(/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/))) date = isoDate(+match[1]!, +match[2]!, +match[3]!);
  else if ((match = text.match(/^(\d{4})(\d{2})(\d{2})$/))) date = isoDate(+match[1]!, +match[2]!, +match[3]!);
  else if ((match = text.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/))) date = isoDate(+match[3]!, +match[2]!, +match[1]!);
  else if ((match = text.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/))) {
    const [a, b] = [+match[1]!, +match[2]!];
    date = order === 'mdy' ? isoDate(+match[3]!, a, b) : isoDate(+match[3]!, b, a);
  } else if ((match = text.match(/^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9}\.?)\s+(\d{1,2}),?\s+(\d{4})(?:,.*)?$/))) {
    const month = monthNumber(match[1]!);
    if (month) date = isoDate(+match[3]!, month, +match[2]!);
  } else if ((match = text.match(/^(\d{1,2})\.?\s+([A-Za-z]{3,9}\.?),?\s+(\d{4})$/))) {
    const month = monthNumber(match[2]!);
    if (month) date = isoDate(+match[3]!, month, +match[1]!);
  }
  if (!date) throw new CellError(`"${text}" is not a date (expected e.g. 2026-09-01 or Sep 1, 2026)`);
  return date;
}

/** The ISO day `days` after an ISO day. */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The first and last day of a month as Google Ads writes it in a "Month" column: `September 2026`,
 * `Sep 2026`, `2026-09` or the month's first day `2026-09-01`.
 *
 * @example
 * parseReportMonth('February 2028') // ['2028-02-01', '2028-02-29']
 */
export function parseReportMonth(cell: string): [string, string] {
  const text = cell.trim();
  let match: RegExpMatchArray | null;
  let year: number | undefined;
  let month: number | undefined;
  if ((match = text.match(/^([A-Za-z]{3,9}\.?)\s+(\d{4})$/))) [month, year] = [monthNumber(match[1]!), +match[2]!];
  else if ((match = text.match(/^(\d{4})-(\d{1,2})(?:-01)?$/))) [year, month] = [+match[1]!, +match[2]!];
  const first = year && month ? isoDate(year, month, 1) : null;
  if (!first) throw new CellError(`"${text}" is not a month (expected e.g. September 2026 or 2026-09)`);
  return [first, addDays(month === 12 ? `${year! + 1}-01-01` : isoDate(year!, month! + 1, 1)!, -1)];
}

/**
 * The date range a Google Ads export states on its second line ("September 1, 2026 - September 30, 2026"),
 * or null when the line is not one (e.g. "All time").
 *
 * @example
 * parseDateRange('Sep 1, 2026 - Sep 30, 2026') // { start: '2026-09-01', end: '2026-09-30' }
 */
export function parseDateRange(text: string, order: DateOrder = 'mdy'): { start: string; end: string } | null {
  const parts = text.trim().split(/\s+[-–—]\s+/);
  if (parts.length !== 2) return null;
  try {
    const [start, end] = [parseReportDate(parts[0]!, order), parseReportDate(parts[1]!, order)];
    return start <= end ? { start, end } : null;
  } catch (error) {
    if (error instanceof CellError) return null;
    throw error;
  }
}
