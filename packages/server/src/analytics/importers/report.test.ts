import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { openReport, ReportFormatError, type ReportRow, readReport } from './report.js';

const fixture = (name: string) => new URL(`../../../test/fixtures/analytics/${name}`, import.meta.url);

/** Sums a metric over rows the way a dashboard would, as an exact decimal. */
const sum = (rows: ReportRow[], field: 'spend' | 'impressions' | 'reach' | 'clicks' | 'conversions' | 'conversionValue') =>
  rows.reduce((total, row) => total.plus(row[field] ?? 0), new Decimal(0)).toFixed(2);

describe('Meta Ads Manager exports', () => {
  it('reads an ad-level daily export (UTF-8 with BOM) and skips its summary line', async () => {
    const report = await readReport(createReadStream(fixture('meta-ads-ad-daily.csv')));
    expect(report).toMatchObject({ platform: 'META_ADS', encoding: 'utf-8', delimiter: ',', headerLine: 1, title: null });
    expect(report.confidence).toBeGreaterThanOrEqual(0.9);
    expect(report.columns).toEqual({
      campaignId: 'Campaign ID',
      campaignName: 'Campaign name',
      adSetId: 'Ad set ID',
      adSetName: 'Ad set name',
      adId: 'Ad ID',
      adName: 'Ad name',
      date: 'Day',
      dateStart: 'Reporting starts',
      dateEnd: 'Reporting ends',
      spend: 'Amount spent (USD)',
      impressions: 'Impressions',
      reach: 'Reach',
      clicks: 'Link clicks',
      conversions: 'Results',
      conversionValue: 'Purchases conversion value',
      resultType: 'Result type',
    });
    expect(report.unmapped).toContain('CPM (cost per 1,000 impressions) (USD)');
    expect(report.summary).toEqual({ rows: 6, errors: 0, totals: 1, complete: true });
    expect(report.errors).toEqual([]);
    const [first, , video, noResults] = report.rows;
    expect(first).toEqual({
      line: 3,
      platform: 'META_ADS',
      level: 'ad',
      account: null,
      campaign: { externalId: '120208813470530187', name: 'Fall Sale — Prospecting' },
      adSet: { externalId: '120208813470610187', name: 'Lookalike 1% US' },
      ad: { externalId: '120208813470720187', name: 'Carousel — Boots' },
      date: '2026-09-01',
      endDate: '2026-09-01',
      currency: 'USD',
      spend: '48.67',
      impressions: '4025',
      reach: '3120',
      clicks: '61',
      conversions: '4',
      conversionValue: '312.4',
      resultType: 'Website purchases',
    });
    expect(video!.ad!.name).toBe('Video 15s "Trail"');
    // A day without results has no conversions and no value, not zero of them.
    expect(noResults).toMatchObject({ line: 6, conversions: null, conversionValue: null, resultType: null });
    expect(report.rows.map((r) => r.campaign!.name)).toContain('Retargeting, 30 days');
    // The rows add up to the summary line Meta put on top (which is not imported).
    expect([sum(report.rows, 'spend'), sum(report.rows, 'impressions'), sum(report.rows, 'conversions')]).toEqual([
      '214.57',
      '23918.00',
      '15.00',
    ]);
    expect(sum(report.rows, 'conversionValue')).toBe('1177.24');
  });

  it('reads a campaign export for a week (CRLF, EUR in the spend header): each row spans the range', async () => {
    const report = await readReport(await readFile(fixture('meta-ads-campaigns-week-eur.csv')));
    expect(report.platform).toBe('META_ADS');
    expect(report.summary).toMatchObject({ rows: 2, totals: 1 });
    expect(report.rows[0]).toMatchObject({
      line: 3,
      level: 'campaign',
      campaign: { externalId: '120210000000000001', name: 'Herbst Kollektion – Reichweite' },
      date: '2026-09-07',
      endDate: '2026-09-13',
      currency: 'EUR',
      spend: '578',
      conversions: '61',
      conversionValue: '3410',
      resultType: 'actions:offsite_conversion.fb_pixel_purchase',
    });
    expect(sum(report.rows, 'spend')).toBe('929.50');
  });
});

describe('Google Ads exports', () => {
  it('reads the default download: UTF-16LE, tabs, a title and a date range above the headers, Total rows below', async () => {
    const report = await readReport(createReadStream(fixture('google-ads-campaign-daily.csv')));
    expect(report).toMatchObject({
      platform: 'GOOGLE_ADS',
      encoding: 'utf-16le',
      delimiter: '\t',
      headerLine: 3,
      title: 'Campaign report',
      dateRange: { start: '2026-09-01', end: '2026-09-03' },
    });
    expect(report.confidence).toBe(1);
    expect(report.columns).toMatchObject({
      date: 'Day',
      campaignName: 'Campaign',
      campaignId: 'Campaign ID',
      currency: 'Currency code',
      spend: 'Cost',
      impressions: 'Impr.',
      clicks: 'Clicks',
      conversions: 'Conversions',
      conversionValue: 'Conv. value',
    });
    // "Total: Account", "Total: Search", "Total: Performance Max", "Total: Video", "Total: Campaigns".
    expect(report.summary).toEqual({ rows: 7, errors: 0, totals: 5, complete: true });
    expect(report.rows[1]).toEqual({
      line: 5,
      platform: 'GOOGLE_ADS',
      level: 'campaign',
      account: null,
      campaign: { externalId: '20123456782', name: 'Generic | Hiking boots' },
      adSet: null,
      ad: null,
      date: '2026-09-01',
      endDate: '2026-09-01',
      currency: 'USD',
      spend: '118.61',
      impressions: '18342',
      reach: null,
      clicks: '402',
      conversions: '9.5',
      conversionValue: '1022.75',
      resultType: null,
    });
    // A video campaign has interactions but no clicks ("--"): none, not zero.
    expect(report.rows[6]).toMatchObject({ campaign: { name: 'YouTube — Awareness' }, clicks: null, conversionValue: null });
    // The rows add up to the file's "Total: Account" line: 100,096 impr., 1,740 clicks, 542.15, 42.83 conv., 4,324.25.
    expect(['impressions', 'clicks', 'spend', 'conversions', 'conversionValue'].map((f) => sum(report.rows, f as 'spend'))).toEqual([
      '100096.00',
      '1740.00',
      '542.15',
      '42.83',
      '4324.25',
    ]);
  });

  it('reads an ad group export without a day column: every row spans the stated range', async () => {
    const report = await readReport(await readFile(fixture('google-ads-ad-groups-month.csv')));
    expect(report).toMatchObject({ platform: 'GOOGLE_ADS', encoding: 'utf-8', delimiter: ',', headerLine: 3 });
    expect(report.summary).toEqual({ rows: 4, errors: 0, totals: 2, complete: true });
    expect(report.rows[1]).toMatchObject({
      level: 'adSet',
      campaign: { externalId: null, name: 'Generic | Hiking boots' },
      adSet: { externalId: '151234567002', name: "Boots, Men's" },
      date: '2026-09-01',
      endDate: '2026-09-30',
      currency: 'EUR',
      spend: '1377.64',
      impressions: '35120',
      clicks: '1240',
      conversions: '22',
    });
    expect(report.rows[3]).toMatchObject({ adSet: { name: 'Display — Remarketing' }, conversionValue: null });
    expect([sum(report.rows, 'spend'), sum(report.rows, 'impressions'), sum(report.rows, 'conversionValue')]).toEqual([
      '5467.24',
      '323834.00',
      '39789.80',
    ]);
  });

  it('reads weekly and monthly segments as the days they span', async () => {
    const weeks =
      'Campaign report\nAugust 31, 2026 - September 13, 2026\nWeek,Campaign,Cost,Impr.\n' +
      '2026-08-31,Brand,10.00,100\n"Sep 7, 2026",Brand,12.00,120\nTotal: Account,--,22.00,220\n';
    expect((await readReport(weeks)).rows.map((r) => [r.date, r.endDate, r.spend])).toEqual([
      ['2026-08-31', '2026-09-06', '10'],
      ['2026-09-07', '2026-09-13', '12'],
    ]);
    const months = 'Month,Campaign,Cost,Impr.\nFebruary 2028,Brand,10.00,100\nMarch 2028,Brand,12.00,120\nMärz 2028,Brand,1.00,1\n';
    const report = await readReport(months);
    expect(report.rows.map((r) => [r.date, r.endDate])).toEqual([
      ['2028-02-01', '2028-02-29'],
      ['2028-03-01', '2028-03-31'],
    ]);
    expect(report.errors).toEqual([expect.objectContaining({ line: 4, field: 'month', value: 'März 2028' })]);
  });

  it('reads a semicolon export with decimal commas and a localized total label', async () => {
    const csv = [
      'Rapport de campagne',
      '1 sept. 2026 - 2 sept. 2026',
      'Day;Campaign;Currency code;Cost;Impr.;Clicks;Conversions',
      '2026-09-01;Toitures;CAD;1\u202f032,84;11\u202f734;95;3,50',
      '2026-09-02;Toitures;CAD;99,90;900;9;0,50',
      'Total : compte;--;CAD;1\u202f132,74;12\u202f634;104;4,00',
    ].join('\n');
    const report = await readReport(csv);
    expect(report).toMatchObject({ platform: 'GOOGLE_ADS', delimiter: ';', headerLine: 3, title: 'Rapport de campagne' });
    expect(report.dateRange).toEqual({ start: '2026-09-01', end: '2026-09-02' });
    expect(report.summary).toMatchObject({ rows: 2, totals: 1, errors: 0 });
    expect(report.rows.map((r) => [r.spend, r.impressions, r.conversions])).toEqual([
      ['1032.84', '11734', '3.5'],
      ['99.9', '900', '0.5'],
    ]);
  });
});

describe('streaming', () => {
  it('gives the same rows when the bytes arrive in 3-byte chunks that split characters', async () => {
    const bytes = await readFile(fixture('google-ads-campaign-daily.csv'));
    const whole = await readReport(bytes);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 3) }, (_, i) => bytes.subarray(i * 3, i * 3 + 3));
    const streamed = await readReport(Readable.from(chunks));
    expect(streamed.rows).toEqual(whole.rows);
    const web = await readReport(new Blob([bytes]).stream());
    expect(web.rows).toEqual(whole.rows);
  });

  it('yields the first row of a 200,000-line file after reading only its start', async () => {
    let pulled = 0;
    const lines = 200_000;
    async function* file() {
      yield new TextEncoder().encode('"Campaign name","Day","Amount spent (USD)","Impressions","Link clicks"\n');
      for (let i = 0; i < lines; i += 1000) {
        pulled++;
        let chunk = '';
        for (let j = i; j < i + 1000; j++)
          chunk += `"Campaign ${j % 50}",2026-09-${String((j % 28) + 1).padStart(2, '0')},${j % 97}.25,${j},${j % 13}\n`;
        yield new TextEncoder().encode(chunk);
      }
    }
    const report = await openReport(file());
    let rows = 0;
    let pulledAtFirstRow = 0;
    let spend = new Decimal(0);
    for await (const record of report.records()) {
      if (record.type !== 'row') continue;
      if (rows++ === 0) pulledAtFirstRow = pulled;
      spend = spend.plus(record.row.spend!);
    }
    expect(rows).toBe(lines);
    expect(report.summary).toEqual({ rows: lines, errors: 0, totals: 0, complete: true });
    expect(pulledAtFirstRow).toBeLessThan(40); // of 200 chunks: rows flow while the file is still being read
    expect(spend.toFixed(2)).toBe(
      Array.from({ length: lines }, (_, j) => (j % 97) + 0.25)
        .reduce((a, b) => a.plus(b), new Decimal(0))
        .toFixed(2),
    );
  });

  it('stops reading the source when the reader stops early', async () => {
    let pulled = 0;
    async function* file() {
      yield '"Campaign name","Day","Amount spent (USD)"\n';
      for (let i = 0; i < 10_000; i++) {
        pulled++;
        yield `"C",2026-09-01,${i}\n`;
      }
    }
    const report = await readReport(file(), { maxRows: 5 });
    expect(report.rows).toHaveLength(5);
    expect(pulled).toBeLessThan(10_000);
  });
});

describe('column mapping', () => {
  const meta = () => createReadStream(fixture('meta-ads-ad-daily.csv'));

  it('can be overridden per field, or a field left out', async () => {
    const report = await readReport(meta(), { columns: { clicks: 'Clicks (all)', conversions: 'Purchases', reach: null } });
    expect(report.columns).toMatchObject({ clicks: 'Clicks (all)', conversions: 'Purchases' });
    expect(report.columns.reach).toBeUndefined();
    expect(report.rows[0]).toMatchObject({ clicks: '97', conversions: '4', reach: null });
    expect(report.unmapped).toContain('Reach');
  });

  it('refuses a header that is not in the file', async () => {
    await expect(openReport(meta(), { columns: { clicks: 'Klicks' } })).rejects.toThrow(
      new ReportFormatError('The column "Klicks" chosen for clicks is not in the file'),
    );
  });

  it('imports a generic export once the platform and columns are given', async () => {
    const csv = 'Date,Campaign Title,Spend,Impressions,Clicks\n2026-09-01,Launch,"1,200.00",50000,900\n';
    await expect(openReport(csv)).rejects.toThrow(ReportFormatError);
    const report = await readReport(csv, {
      platform: 'GOOGLE_ADS',
      columns: { date: 'Date', campaignName: 'Campaign Title', spend: 'Spend' },
      currency: 'gbp',
    });
    expect(report.confidence).toBe(1);
    expect(report.rows).toEqual([
      expect.objectContaining({ campaign: { externalId: null, name: 'Launch' }, spend: '1200', impressions: '50000', currency: 'GBP' }),
    ]);
  });
});

describe('errors', () => {
  it('reports each bad line with its number, column and value, and imports the rest', async () => {
    const csv = [
      '"Campaign name","Campaign ID","Day","Amount spent (USD)","Impressions","Link clicks","Currency"',
      '"Good",120210000000000001,2026-09-01,10.00,1000,10,USD',
      '"Spreadsheet",1.20210E+17,2026-09-01,10.00,1000,10,USD',
      '"Bad numbers",120210000000000003,2026-09-01,ten,1000.5,10,USD',
      '"Bad date",120210000000000004,2026-02-30,10.00,1000,10,USD',
      '"Bad currency",120210000000000005,2026-09-01,10.00,1000,10,Dollars',
      '"Multi',
      'line name",120210000000000006,2026-09-02,5.00,500,5,usd',
    ].join('\n');
    const report = await readReport(csv);
    expect(report.rows.map((r) => [r.line, r.campaign!.name, r.currency])).toEqual([
      [2, 'Good', 'USD'],
      [7, 'Multi\nline name', 'USD'],
    ]);
    expect(report.errors).toEqual([
      {
        line: 3,
        field: 'campaignId',
        column: 'Campaign ID',
        value: '1.20210E+17',
        message: 'The id "1.20210E+17" was rounded by a spreadsheet; export the report again',
      },
      { line: 4, field: 'spend', column: 'Amount spent (USD)', value: 'ten', message: '"ten" is not a number' },
      { line: 4, field: 'impressions', column: 'Impressions', value: '1000.5', message: '"1000.5" is not a whole number' },
      { line: 5, field: 'date', column: 'Day', value: '2026-02-30', message: expect.stringContaining('is not a date') },
      { line: 6, field: 'currency', column: 'Currency', value: 'Dollars', message: '"Dollars" is not a currency code' },
    ]);
    expect(report.summary).toEqual({ rows: 2, errors: 4, totals: 0, complete: true });
  });

  it('reports a stray quote as one bad record and reads on after it', async () => {
    const csv =
      '"Campaign name","Day","Amount spent (USD)"\n"A",2026-09-01,1.00\n"B,2026-09-02,2.00\n"C",2026-09-03,3.00\n"D",2026-09-04,4.00\n';
    const report = await readReport(csv);
    expect(report.rows.map((r) => r.campaign!.name)).toEqual(['A', 'D']);
    expect(report.errors).toEqual([
      expect.objectContaining({ line: 4, field: null, message: expect.stringMatching(/^Line 4 is not valid CSV/) }),
    ]);
    expect(report.summary.complete).toBe(true);
  });

  it('stops at a quote that never closes, rather than holding the rest of the file as one field', async () => {
    const head = '"Campaign name","Day","Amount spent (USD)"\n"A",2026-09-01,1.00\n"B,2026-09-02,2.00\n';
    const csv = head + 'C,2026-09-03,3.00\n'.repeat(20_000);
    const report = await readReport(csv);
    expect(report.rows).toHaveLength(1);
    expect(report.summary).toMatchObject({ rows: 1, errors: 1, complete: false });
    expect(report.errors[0]!.message).toMatch(/stops being readable CSV at line \d+ \(a quote that never closes\?\); nothing after it/);
  });

  it.each([
    ['an empty file', ''],
    ['text that is not a report', 'hello\nworld\n'],
    ['a report without dates', '"Campaign name","Amount spent (USD)"\n"A",1\n'],
    ['a report without metrics', '"Campaign name","Ad set name","Day"\n"A","B",2026-09-01\n'],
  ])('refuses %s with a ReportFormatError', async (_, csv) => {
    await expect(openReport(csv)).rejects.toBeInstanceOf(ReportFormatError);
  });
});
