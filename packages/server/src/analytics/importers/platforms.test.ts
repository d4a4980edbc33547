import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  detectPlatform,
  headerMatches,
  mapColumns,
  platformColumns,
  type ReportField,
  reportFields,
  reportPlatforms,
} from './platforms.js';

describe('detectPlatform', () => {
  it('tells the exports apart by the headers only one of them writes', () => {
    expect(detectPlatform(['Reporting starts', 'Reporting ends', 'Campaign name', 'Amount spent (EUR)', 'Impressions'])).toEqual({
      platform: 'META_ADS',
      confidence: 1,
    });
    expect(detectPlatform(['Day', 'Campaign', 'Currency code', 'Cost', 'Impr.', 'Clicks'])).toEqual({
      platform: 'GOOGLE_ADS',
      confidence: 1,
    });
  });

  it('is less sure with fewer telling headers, and gives up when nothing tells', () => {
    const { platform, confidence } = detectPlatform(['Campaign', 'Cost', 'Clicks']);
    expect(platform).toBe('GOOGLE_ADS');
    expect(confidence).toBe(0.5);
    // A Google title line above the headers counts for Google.
    expect(detectPlatform(['Campaign', 'Cost', 'Clicks'], true).confidence).toBe(0.75);
    expect(detectPlatform(['Date', 'Impressions', 'Clicks', 'Conversions'])).toEqual({ platform: null, confidence: 0 });
    expect(detectPlatform(['Campaign name', 'Campaign', 'Link clicks', 'Cost'])).toEqual({ platform: null, confidence: 0 });
  });
});

describe('mapColumns', () => {
  it('takes the first header of each field that the file has, whatever its case and spacing', () => {
    expect(mapColumns('META_ADS', ['campaign  NAME', 'Clicks (all)', 'Link clicks', 'Amount spent (GBP)'])).toEqual({
      campaignName: 'campaign  NAME',
      clicks: 'Link clicks',
      spend: 'Amount spent (GBP)',
    });
    expect(mapColumns('GOOGLE_ADS', ['Interactions', 'Impressions'])).toEqual({ clicks: 'Interactions', impressions: 'Impressions' });
  });
});

describe('COLUMNS.md', () => {
  const doc = readFileSync(new URL('./COLUMNS.md', import.meta.url), 'utf8');
  const sections: Record<(typeof reportPlatforms)[number], string> = { META_ADS: '### Meta Ads Manager', GOOGLE_ADS: '### Google Ads' };

  it.each(reportPlatforms)('documents exactly the headers %s is read from, in their order', (platform) => {
    const start = doc.indexOf(sections[platform]);
    expect(start).toBeGreaterThan(-1);
    const section = doc.slice(start, doc.indexOf('\n- ', start));
    const documented: Partial<Record<ReportField, string[]>> = {};
    for (const [, field, headers] of section.matchAll(/^\| (\w+) \| (.+) \|$/gm)) {
      if (field === 'field') continue;
      documented[field as ReportField] = [...headers!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    }
    for (const field of reportFields) {
      const patterns = platformColumns[platform].fields[field] ?? [];
      const names = documented[field] ?? [];
      expect(names.length, `${platform} ${field}: ${names.join(', ')}`).toBe(patterns.length);
      patterns.forEach((pattern, i) => expect(headerMatches(names[i]!, pattern), `${platform} ${field} ${names[i]}`).toBe(true));
    }
  });
});
