import { describe, expect, it } from 'vitest';
import { addDays, CellError, parseCount, parseDateRange, parseDecimal, parseReportDate, parseReportMonth } from './values.js';

describe('parseDecimal', () => {
  it.each<[string, string | null, ('.' | ',')?]>([
    ['1234.56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['"1,234.56"'.slice(1, -1), '1234.56'],
    ['12,345,678', '12345678'],
    ['$1,234.50', '1234.5'],
    ['US$1,234.50', '1234.5'],
    ['CA$ 12.00', '12'],
    ['-$5.25', '-5.25'],
    ['$-5.25', '-5.25'],
    ['(5.25)', '-5.25'],
    ['1.234,56 €', '1234.56', ','],
    ['€1.234,56', '1234.56', ','],
    ['1 032,84', '1032.84', ','],
    ['1\u202f032,84\u00a0€', '1032.84', ','],
    ['99,90', '99.9', ','],
    ["1'234.50 CHF", '1234.5'],
    ['1.234,56', '1234.56'], // both separators: the last is the decimal point whatever the locale
    ['1,234.56', '1234.56', ','],
    ['4.71%', '0.0471'],
    ['15,03 %', '0.1503', ','],
    ['0', '0'],
    ['0.00', '0'],
    ['.5', '0.5'],
    ['90071992547409.93', '90071992547409.93'],
    ['--', null],
    [' --', null],
    ['', null],
    ['N/A', null],
  ])('%s → %s', (cell, expected, separator) => {
    expect(parseDecimal(cell, separator)).toBe(expected);
  });

  it.each([['abc'], ['1e3'], ['12.3.4'], ['1,23'], ['99,90'], ['1,2345.00'], ['$'], ['1.2.3,4']])('refuses %s', (cell) => {
    expect(() => parseDecimal(cell)).toThrow(CellError);
  });

  it('says which separator it assumed when a number reads wrong', () => {
    expect(() => parseDecimal('99,90')).toThrow('with "." as the decimal separator');
  });
});

describe('parseCount', () => {
  it('reads whole numbers with separators and refuses fractions and negatives', () => {
    expect(parseCount('100,096')).toBe('100096');
    expect(parseCount('12.345', ',')).toBe('12345');
    expect(parseCount('--')).toBeNull();
    expect(() => parseCount('12.5')).toThrow('not a whole number');
    expect(() => parseCount('-3')).toThrow('negative');
  });
});

describe('parseReportDate', () => {
  it.each<[string, string, ('mdy' | 'dmy')?]>([
    ['2026-09-01', '2026-09-01'],
    ['2026/9/1', '2026-09-01'],
    ['20260901', '2026-09-01'],
    ['2026-09-01T00:00:00', '2026-09-01'],
    ['Sep 1, 2026', '2026-09-01'],
    ['Sept 1, 2026', '2026-09-01'],
    ['Tue, Sep 1, 2026', '2026-09-01'],
    ['Tuesday, September 1, 2026', '2026-09-01'],
    ['September 1, 2026', '2026-09-01'],
    ['Oct 15, 2024, 11:04 AM', '2024-10-15'],
    ['1 Sep 2026', '2026-09-01'],
    ['1. September 2026', '2026-09-01'],
    ['01.09.2026', '2026-09-01'],
    ['09/01/2026', '2026-09-01'],
    ['01/09/2026', '2026-09-01', 'dmy'],
    ['29/02/2028', '2028-02-29', 'dmy'],
  ])('%s → %s', (cell, expected, order) => {
    expect(parseReportDate(cell, order)).toBe(expected);
  });

  it.each([['2026-02-30'], ['13/01/2026'], ['Foo 1, 2026'], ['yesterday'], [''], ['1969-12-31']])('refuses %s', (cell) => {
    expect(() => parseReportDate(cell)).toThrow(CellError);
  });
});

describe('parseDateRange', () => {
  it('reads the range line of a Google Ads export', () => {
    expect(parseDateRange('September 1, 2026 - September 30, 2026')).toEqual({ start: '2026-09-01', end: '2026-09-30' });
    expect(parseDateRange('Sep 1, 2026 – Sep 3, 2026')).toEqual({ start: '2026-09-01', end: '2026-09-03' });
    expect(parseDateRange('All time')).toBeNull();
    expect(parseDateRange('Campaign report')).toBeNull();
    expect(parseDateRange('Sep 3, 2026 - Sep 1, 2026')).toBeNull();
  });
});

describe('parseReportMonth', () => {
  it('gives the first and last day of the month named', () => {
    expect(parseReportMonth('September 2026')).toEqual(['2026-09-01', '2026-09-30']);
    expect(parseReportMonth('Feb 2028')).toEqual(['2028-02-01', '2028-02-29']);
    expect(parseReportMonth('2026-12')).toEqual(['2026-12-01', '2026-12-31']);
    expect(parseReportMonth('2026-01-01')).toEqual(['2026-01-01', '2026-01-31']);
    for (const bad of ['Smarch 2026', '2026-13', '2026-09-15', 'September']) expect(() => parseReportMonth(bad), bad).toThrow(CellError);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-28', 6)).toBe('2027-01-03');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});
