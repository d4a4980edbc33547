// The columns of the report exports people download from Meta Ads Manager and Google Ads, by the names
// those tools write (English UI), and which of them tell the two apart. COLUMNS.md beside this file is
// the same table for people; a test checks the two agree.

/** The platforms whose exports are recognised, as the `platform_type` enum names them. */
export const reportPlatforms = ['META_ADS', 'GOOGLE_ADS'] as const;
export type ReportPlatform = (typeof reportPlatforms)[number];

/** The normalized fields an export's columns map onto. */
export const reportFields = [
  'accountId',
  'accountName',
  'campaignId',
  'campaignName',
  'adSetId',
  'adSetName',
  'adId',
  'adName',
  'date',
  'week',
  'month',
  'dateStart',
  'dateEnd',
  'currency',
  'spend',
  'impressions',
  'reach',
  'clicks',
  'conversions',
  'conversionValue',
  'resultType',
] as const;
export type ReportField = (typeof reportFields)[number];

/** A column header as written, or a pattern for headers that carry a value (`Amount spent (EUR)`). */
export type HeaderPattern = string | RegExp;

interface PlatformColumns {
  /** Per field, the headers that fill it, best first: the first one present in a file is used. */
  fields: Partial<Record<ReportField, HeaderPattern[]>>;
  /** Headers only this platform writes; counted to detect the platform and to find the header row. */
  signature: HeaderPattern[];
}

export const platformColumns: Record<ReportPlatform, PlatformColumns> = {
  META_ADS: {
    fields: {
      accountId: ['Account ID'],
      accountName: ['Account name'],
      campaignId: ['Campaign ID'],
      campaignName: ['Campaign name'],
      adSetId: ['Ad set ID'],
      adSetName: ['Ad set name'],
      adId: ['Ad ID'],
      adName: ['Ad name'],
      date: ['Day'],
      dateStart: ['Reporting starts'],
      dateEnd: ['Reporting ends'],
      currency: ['Currency'],
      spend: [/^amount spent(?: \([a-z]{3}\))?$/],
      impressions: ['Impressions'],
      reach: ['Reach'],
      // Meta's CTR and CPC are per link click; "Clicks (all)" also counts likes, expands and profile taps.
      clicks: ['Link clicks', 'Clicks (all)'],
      // "Results" are what the campaign optimises for (purchases, leads, …), as "Cost per result" counts them.
      conversions: ['Results', 'Purchases', 'Website purchases', 'Leads'],
      conversionValue: ['Purchases conversion value', 'Website purchases conversion value', 'Conversion value'],
      resultType: ['Result type', 'Result indicator'],
    },
    signature: [
      'Reporting starts',
      'Reporting ends',
      /^amount spent(?: \([a-z]{3}\))?$/,
      'Campaign name',
      'Ad set name',
      'Ad name',
      'Ad set ID',
      'Link clicks',
      'Clicks (all)',
      'Results',
      'Result type',
      'Result indicator',
      /^cost per results?$/,
      'Purchases conversion value',
      'Campaign delivery',
      'Ad set delivery',
      'Ad delivery',
      'Attribution setting',
      'Frequency',
      /^cpm \(cost per 1,000 impressions\)/,
      /^ctr \(link click-through rate\)$/,
    ],
  },
  GOOGLE_ADS: {
    fields: {
      accountId: ['Customer ID'],
      accountName: ['Account', 'Account name'],
      campaignId: ['Campaign ID'],
      campaignName: ['Campaign'],
      adSetId: ['Ad group ID'],
      adSetName: ['Ad group'],
      adId: ['Ad ID'],
      adName: ['Ad name'],
      date: ['Day', 'Date'],
      week: ['Week'],
      month: ['Month'],
      currency: ['Currency code'],
      spend: ['Cost'],
      impressions: ['Impr.', 'Impressions'],
      reach: ['Unique users', 'Reach'],
      // Video and some display campaigns report engagements as interactions and leave clicks empty.
      clicks: ['Clicks', 'Interactions'],
      conversions: ['Conversions'],
      conversionValue: ['Conv. value', 'Conversion value', 'Total conv. value'],
    },
    signature: [
      'Impr.',
      'Cost',
      'Currency code',
      'Conv. value',
      'Interactions',
      'Interaction rate',
      'Campaign',
      'Ad group',
      'Ad group ID',
      'Campaign status',
      'Campaign type',
      'Avg. CPC',
      'Avg. CPM',
      'Avg. cost',
      'Cost / conv.',
      'Conv. rate',
      'Customer ID',
      'Search impr. share',
      'Budget',
    ],
  },
};

/** Header text compared case-insensitively with runs of spaces (also no-break ones) as one. */
export const normalizeHeader = (header: string): string => header.trim().replace(/\s+/g, ' ').toLowerCase();

export function headerMatches(header: string, pattern: HeaderPattern): boolean {
  const normalized = normalizeHeader(header);
  return typeof pattern === 'string' ? normalized === normalizeHeader(pattern) : pattern.test(normalized);
}

const anyPattern = (header: string, patterns: HeaderPattern[]) => patterns.some((p) => headerMatches(header, p));

/** Every header either platform writes, to find the header row among a file's first lines. */
const knownHeaders: HeaderPattern[] = reportPlatforms.flatMap((p) => [
  ...platformColumns[p].signature,
  ...Object.values(platformColumns[p].fields).flat(),
]);

/** How many of these cells are headers some supported export writes. */
export const knownHeaderCount = (cells: string[]): number => cells.filter((cell) => anyPattern(cell, knownHeaders)).length;

export interface Detection {
  platform: ReportPlatform | null;
  /** 0 to 1: the share of platform-specific headers that point to this platform, scaled down below 4 of them. */
  confidence: number;
}

/**
 * Which platform wrote a header row, from the headers only one of them writes. `titled` says whether the
 * file opened with a report title line, as Google Ads exports do.
 *
 * @example
 * detectPlatform(['Reporting starts', 'Reporting ends', 'Campaign name', 'Amount spent (USD)']) // { platform: 'META_ADS', confidence: 1 }
 */
export function detectPlatform(headers: string[], titled = false): Detection {
  const score = (platform: ReportPlatform) => headers.filter((h) => anyPattern(h, platformColumns[platform].signature)).length;
  const meta = score('META_ADS');
  const google = score('GOOGLE_ADS') + (titled ? 1 : 0);
  const [platform, winner, loser]: [ReportPlatform, number, number] =
    meta >= google ? ['META_ADS', meta, google] : ['GOOGLE_ADS', google, meta];
  if (winner < 2 || winner === loser) return { platform: null, confidence: 0 };
  const confidence = (winner / (winner + loser)) * Math.min(1, winner / 4);
  return { platform, confidence: Math.round(confidence * 100) / 100 };
}

/**
 * The header each field reads from, for one platform: the first of the field's known headers present.
 *
 * @example
 * mapColumns('GOOGLE_ADS', ['Day', 'Campaign', 'Cost', 'Impr.'])
 * // { date: 'Day', campaignName: 'Campaign', spend: 'Cost', impressions: 'Impr.' }
 */
export function mapColumns(platform: ReportPlatform, headers: string[]): Partial<Record<ReportField, string>> {
  const mapping: Partial<Record<ReportField, string>> = {};
  for (const field of reportFields) {
    for (const pattern of platformColumns[platform].fields[field] ?? []) {
      const header = headers.find((h) => headerMatches(h, pattern));
      if (header !== undefined) {
        mapping[field] = header;
        break;
      }
    }
  }
  return mapping;
}
