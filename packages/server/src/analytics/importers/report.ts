import { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import { decodeReport, type ReportEncoding, type ReportSource } from './decode.js';
import { detectPlatform, knownHeaderCount, mapColumns, normalizeHeader, type ReportField, type ReportPlatform } from './platforms.js';
import {
  addDays,
  CellError,
  type DateOrder,
  type DecimalSeparator,
  parseCount,
  parseDateRange,
  parseDecimal,
  parseReportDate,
  parseReportMonth,
} from './values.js';

// Reads a Meta Ads Manager or Google Ads export as it streams: finds the header row below any title
// lines, detects the platform, maps the columns (overridable), then yields one normalized row, one
// error or one skipped total per line. Only the first lines and one record are in memory at a time.

export type ColumnDelimiter = ',' | '\t' | ';';
export type ColumnMapping = Partial<Record<ReportField, string>>;

export interface ReportOptions {
  /** Read the file as this platform's export instead of detecting it. */
  platform?: ReportPlatform;
  /** Per field, the header to read it from instead of the detected one; null leaves the field out. */
  columns?: Partial<Record<ReportField, string | null>>;
  /** The decimal separator; default `,` in `;`-separated files (European Excel), otherwise `.`. */
  decimalSeparator?: DecimalSeparator;
  /** How `01/02/2026` reads (default `mdy`, as the English exports write it). */
  dateOrder?: DateOrder;
  /** The currency of rows whose file names none (the ad account's currency). */
  currency?: string;
  /** The column delimiter; detected from the header row when omitted. */
  delimiter?: ColumnDelimiter;
  /** The text encoding; detected from the BOM or the bytes when omitted. */
  encoding?: ReportEncoding;
}

/** A campaign, ad set (Google: ad group), ad or ad account as the row names it. */
export interface EntityRef {
  externalId: string | null;
  name: string | null;
}

/** One line of metrics, normalized. Metrics are decimal strings, null where the file has none ("--"). */
export interface ReportRow {
  /** The line of the file the row starts on (1-based, counting title lines). */
  line: number;
  platform: ReportPlatform;
  /** The deepest entity the row names: `account` when it names no campaign. */
  level: 'account' | 'campaign' | 'adSet' | 'ad';
  account: EntityRef | null;
  campaign: EntityRef | null;
  adSet: EntityRef | null;
  ad: EntityRef | null;
  /** The day of the row (`YYYY-MM-DD`), or the first day of the range it sums. */
  date: string;
  /** The last day the row covers: `date` for a daily row. */
  endDate: string;
  /** ISO 4217 code, upper case. */
  currency: string | null;
  spend: string | null;
  impressions: string | null;
  reach: string | null;
  clicks: string | null;
  conversions: string | null;
  conversionValue: string | null;
  /** Meta: what "Results" counts ("Website purchases", "actions:onsite_conversion.lead_grouped"). */
  resultType: string | null;
}

/** Why a line was not imported. */
export interface RowError {
  line: number;
  field: ReportField | null;
  /** The header of the offending cell, as written in the file. */
  column: string | null;
  value: string | null;
  message: string;
}

export type ReportRecord =
  | { type: 'row'; row: ReportRow }
  | { type: 'error'; line: number; errors: RowError[] }
  /** A "Total: Account" line, or Meta's summary line that names no campaign: skipped, never summed. */
  | { type: 'total'; line: number };

export interface ReportSummary {
  rows: number;
  errors: number;
  totals: number;
  /** False when the file stopped being readable CSV before its end (nothing after that point was read). */
  complete: boolean;
}

/** What was learnt from the top of the file, before any row is read. */
export interface ReportHead {
  platform: ReportPlatform;
  /** 0 to 1; 1 when the platform was given in the options. */
  confidence: number;
  encoding: ReportEncoding;
  delimiter: ColumnDelimiter;
  /** The line the headers are on (1-based). */
  headerLine: number;
  headers: string[];
  /** The header each field is read from, after the options' overrides. */
  columns: ColumnMapping;
  /** Headers that feed no field. */
  unmapped: string[];
  /** The report title line above the headers (Google Ads: "Campaign report"). */
  title: string | null;
  /** The date range stated above the headers (Google Ads), used for rows without a day column. */
  dateRange: { start: string; end: string } | null;
}

export interface ReportReader extends ReportHead {
  /** The file's lines below the headers, in order. Can be iterated once. */
  records(): AsyncGenerator<ReportRecord>;
  /** Counts so far; final once `records()` is done. */
  readonly summary: ReportSummary;
}

/** The file is not a report this importer can read (no header row, unknown platform, no date or metric). */
export class ReportFormatError extends Error {
  override name = 'ReportFormatError';
}

const delimiters: ColumnDelimiter[] = [',', '\t', ';'];
/** How far down a header row may be: Google puts two title lines above it; some tools add a few more. */
const headLines = 30;
const headChars = 256 * 1024;
/** No report row is this long: beyond it the file is not CSV (or a quote never closes) and reading stops. */
const maxRecordChars = 64 * 1024;
/** Total rows as the platforms label them, in English, German, French, Dutch, Italian, Spanish, Nordic. */
const totalLabel = /^(?:total|gesamt|totaal|totale|totalt|summe)\s*(?::|$)/i;
const entityFields = ['accountId', 'accountName', 'campaignId', 'campaignName', 'adSetId', 'adSetName', 'adId', 'adName'] as const;
const metricFields = ['spend', 'impressions', 'reach', 'clicks', 'conversions', 'conversionValue'] as const;
/** Counted in whole units; Google Ads reports fractional conversions (data-driven attribution), so those are not. */
const wholeFields = new Set<ReportField>(['impressions', 'reach', 'clicks']);

/** Splits one line on a delimiter, honouring double quotes; enough for finding the header row. */
export function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) cells.push(cell), (cell = '');
    else cell += c;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

/**
 * Opens a report export and reads its head: the platform, the delimiter and the column mapping. Its
 * `records()` then streams the rows. Throws `ReportFormatError` for a file that is not such a report.
 *
 * @example
 * const report = await openReport(createReadStream('meta-ads.csv'), { currency: 'USD' });
 * console.log(report.platform, report.confidence, report.columns);
 * for await (const record of report.records()) if (record.type === 'row') await save(record.row);
 */
export async function openReport(source: ReportSource, options: ReportOptions = {}): Promise<ReportReader> {
  const { encoding, text } = await decodeReport(source, options.encoding);
  let head = '';
  let ended = false;
  while (countLines(head) <= headLines && head.length < headChars) {
    const next = await text.next();
    if (next.done) {
      ended = true;
      break;
    }
    head += next.value;
  }
  const lines = head.split(/\r\n|\n|\r/);
  if (!ended) lines.pop(); // possibly cut mid-line
  const found = findHeader(lines.slice(0, headLines), options.delimiter);
  if (!found) {
    throw new ReportFormatError(
      'No header row found in the first lines: expected the column headers of a Meta Ads Manager or Google Ads export',
    );
  }
  const { index, delimiter, headers } = found;
  const preamble = lines.slice(0, index).filter((l) => l.trim() !== '');
  const title = preamble.length > 0 ? splitLine(preamble[0]!, delimiter)[0]! : null;
  const dateOrder = options.dateOrder ?? 'mdy';
  const dateRange = preamble.map((l) => parseDateRange(splitLine(l, delimiter)[0]!, dateOrder)).find((r) => r !== null) ?? null;

  const detected = detectPlatform(headers, title !== null);
  const platform = options.platform ?? detected.platform;
  if (!platform) throw new ReportFormatError('Cannot tell which platform wrote this report: choose the platform and map the columns');
  const columns = mapColumns(platform, headers);
  for (const [field, header] of Object.entries(options.columns ?? {}) as [ReportField, string | null][]) {
    if (header === null) {
      delete columns[field];
      continue;
    }
    const match = headers.find((h) => normalizeHeader(h) === normalizeHeader(header));
    if (match === undefined) throw new ReportFormatError(`The column "${header}" chosen for ${field} is not in the file`);
    columns[field] = match;
  }
  if (!columns.date && !columns.week && !columns.month && !columns.dateStart && !dateRange) {
    throw new ReportFormatError('The report has no date: export it with a "Day" column (or reporting start and end)');
  }
  if (!columns.spend && !columns.impressions && !columns.clicks && !columns.conversions) {
    throw new ReportFormatError('The report has none of the metric columns (spend, impressions, clicks, conversions)');
  }
  const mapped = new Set(Object.values(columns));
  const reportHead: ReportHead = {
    platform,
    confidence: options.platform ? 1 : detected.confidence,
    encoding,
    delimiter,
    headerLine: index + 1,
    headers,
    columns,
    unmapped: headers.filter((h) => !mapped.has(h)),
    title,
    dateRange,
  };
  const summary: ReportSummary = { rows: 0, errors: 0, totals: 0, complete: true };
  const toRecord = rowReader(reportHead, {
    separator: options.decimalSeparator ?? (delimiter === ';' ? ',' : '.'),
    dateOrder,
    currency: options.currency ?? currencyOfSpendHeader(columns.spend),
  });
  let started = false;
  async function* records(): AsyncGenerator<ReportRecord> {
    if (started) throw new Error('records() of a report can be read once');
    started = true;
    const skipped: { line: number; error: CsvError }[] = [];
    const parser = parse({
      delimiter,
      from_line: index + 2,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: maxRecordChars,
      on_skip: (error) => {
        if (error) skipped.push({ line: Number(error.lines), error });
        return undefined;
      },
    });
    const input = Readable.from(
      (async function* () {
        yield head;
        yield* text;
      })(),
    );
    input.on('error', (error) => parser.destroy(error));
    input.pipe(parser);
    const drain = function* (): Generator<ReportRecord> {
      for (const { line, error } of skipped.splice(0)) {
        // csv-parse cannot resynchronise after these two: everything after the point is one broken field.
        const fatal = error.code === 'CSV_MAX_RECORD_SIZE' || error.code === 'CSV_QUOTE_NOT_CLOSED';
        if (fatal) summary.complete = false;
        summary.errors++;
        const message = fatal
          ? `The file stops being readable CSV at line ${line} (a quote that never closes?); nothing after it was imported`
          : `Line ${line} is not valid CSV: ${error.message}`;
        yield { type: 'error', line, errors: [{ line, field: null, column: null, value: null, message }] };
      }
    };
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        yield* drain();
        // info.lines is where the record ends; quoted line breaks inside it move its start up.
        const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
        const result = toRecord(record, line);
        summary[result.type === 'row' ? 'rows' : result.type === 'error' ? 'errors' : 'totals']++;
        yield result;
      }
      yield* drain();
    } finally {
      input.destroy();
    }
  }
  return { ...reportHead, records, summary };
}

/** The report read whole into arrays: for previews, tests and files known to be small. */
export interface ReportContents extends ReportHead {
  rows: ReportRow[];
  errors: RowError[];
  summary: ReportSummary;
}

/**
 * Reads a whole report into memory (use `openReport` to stream a large one). `maxRows` stops early,
 * which is what a mapping preview wants.
 *
 * @example
 * const { platform, rows, errors } = await readReport(await readFile('google-ads.csv'));
 */
export async function readReport(source: ReportSource, options: ReportOptions & { maxRows?: number } = {}): Promise<ReportContents> {
  const { records, summary, ...head } = await openReport(source, options);
  const rows: ReportRow[] = [];
  const errors: RowError[] = [];
  for await (const record of records()) {
    if (record.type === 'row') rows.push(record.row);
    else if (record.type === 'error') errors.push(...record.errors);
    if (options.maxRows !== undefined && rows.length >= options.maxRows) break;
  }
  return { ...head, rows, errors, summary: { ...summary } };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The header row: the line among the first ones whose cells are most often known headers. */
function findHeader(lines: string[], forced?: ColumnDelimiter) {
  let best: { index: number; delimiter: ColumnDelimiter; headers: string[]; score: number } | null = null;
  lines.forEach((line, index) => {
    for (const delimiter of forced ? [forced] : delimiters) {
      const headers = splitLine(line, delimiter);
      const score = knownHeaderCount(headers);
      if (score >= 2 && (!best || score > best.score)) best = { index, delimiter, headers, score };
    }
  });
  return best as { index: number; delimiter: ColumnDelimiter; headers: string[] } | null;
}

/** Meta names the account currency in the spend header: "Amount spent (EUR)". */
function currencyOfSpendHeader(header: string | undefined): string | undefined {
  return header?.match(/\(([A-Za-z]{3})\)\s*$/)?.[1]?.toUpperCase();
}

function rowReader(head: ReportHead, settings: { separator: DecimalSeparator; dateOrder: DateOrder; currency: string | undefined }) {
  const index = {} as Partial<Record<ReportField, number>>;
  for (const [field, header] of Object.entries(head.columns) as [ReportField, string][]) index[field] = head.headers.indexOf(header);
  const anyEntityMapped = entityFields.some((f) => index[f] !== undefined);

  return (cells: string[], line: number): ReportRecord => {
    const cell = (field: ReportField): string | undefined => {
      const at = index[field];
      return at === undefined ? undefined : (cells[at] ?? '').trim();
    };
    if (cells.slice(0, 3).some((c) => totalLabel.test(c.trim()))) return { type: 'total', line };
    if (anyEntityMapped && entityFields.every((f) => !cell(f))) return { type: 'total', line };

    const errors: RowError[] = [];
    const attempt = <T>(field: ReportField, read: (value: string) => T): T | null => {
      const value = cell(field);
      if (value === undefined) return null;
      try {
        return read(value);
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        errors.push({ line, field, column: head.columns[field] ?? null, value, message: error.message });
        return null;
      }
    };
    const entity = (idField: ReportField, nameField: ReportField): EntityRef | null => {
      const externalId = attempt(idField, (v) => {
        // A spreadsheet that opened the file turned the 18-digit id into a float: it cannot be recovered.
        if (/^\d+(?:\.\d+)?e\+?\d+$/i.test(v)) throw new CellError(`The id "${v}" was rounded by a spreadsheet; export the report again`);
        return v || null;
      });
      const name = cell(nameField) || null;
      return externalId === null && name === null ? null : { externalId, name };
    };
    const account = entity('accountId', 'accountName');
    const campaign = entity('campaignId', 'campaignName');
    const adSet = entity('adSetId', 'adSetName');
    const ad = entity('adId', 'adName');

    let date: string | null = null;
    let endDate: string | null = null;
    if (cell('date')) date = endDate = attempt('date', (v) => parseReportDate(v, settings.dateOrder));
    else if (cell('week')) {
      // Google labels a week by its first day (Monday or Sunday, as the account is set up).
      date = attempt('week', (v) => parseReportDate(v, settings.dateOrder));
      endDate = date && addDays(date, 6);
    } else if (cell('month')) [date, endDate] = attempt('month', parseReportMonth) ?? [null, null];
    else if (cell('dateStart')) {
      date = attempt('dateStart', (v) => parseReportDate(v, settings.dateOrder));
      endDate = cell('dateEnd') ? attempt('dateEnd', (v) => parseReportDate(v, settings.dateOrder)) : date;
      if (date && endDate && endDate < date) {
        errors.push({
          line,
          field: 'dateEnd',
          column: head.columns.dateEnd ?? null,
          value: endDate,
          message: 'The range ends before it starts',
        });
      }
    } else if (head.dateRange) [date, endDate] = [head.dateRange.start, head.dateRange.end];
    else errors.push({ line, field: 'date', column: head.columns.date ?? null, value: null, message: 'The row has no date' });

    const currency =
      attempt('currency', (v) => {
        if (!v) return null;
        if (!/^[A-Za-z]{3}$/.test(v)) throw new CellError(`"${v}" is not a currency code`);
        return v.toUpperCase();
      }) ??
      settings.currency?.toUpperCase() ??
      null;
    const metrics = {} as Record<(typeof metricFields)[number], string | null>;
    for (const field of metricFields) {
      const read = wholeFields.has(field) ? parseCount : parseDecimal;
      metrics[field] = attempt(field, (v) => read(v, settings.separator));
    }

    if (errors.length > 0 || date === null || endDate === null) return { type: 'error', line, errors };
    const level = ad ? 'ad' : adSet ? 'adSet' : campaign ? 'campaign' : 'account';
    const resultType = cell('resultType') || null;
    return {
      type: 'row',
      row: { line, platform: head.platform, level, account, campaign, adSet, ad, date, endDate, currency, ...metrics, resultType },
    };
  };
}
