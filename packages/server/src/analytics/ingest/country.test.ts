import { describe, expect, it } from 'vitest';
import { countryFromHeaders } from './country.js';

describe('countryFromHeaders', () => {
  it('reads the country code the proxy set, from Headers or a plain object', () => {
    expect(countryFromHeaders(new Headers({ 'CF-IPCountry': 'de' }))).toBe('DE');
    expect(countryFromHeaders({ 'X-Country': 'FR' })).toBe('FR');
    expect(countryFromHeaders({ 'x-vercel-ip-country': ['NL', 'BE'] })).toBe('NL');
    expect(countryFromHeaders(new Headers({ 'cloudfront-viewer-country': 'JP' }))).toBe('JP');
  });

  it('is null without one, and for codes that are not countries', () => {
    expect(countryFromHeaders(new Headers())).toBeNull();
    for (const code of ['XX', 'T1', 'A1', 'EU', 'USA', '1', 'd e', ''])
      expect(countryFromHeaders(new Headers({ 'cf-ipcountry': code })), code).toBeNull();
  });

  it('reads only the headers it is told to trust', () => {
    const headers = new Headers({ 'cf-ipcountry': 'US', 'x-geo-country': 'CA' });
    expect(countryFromHeaders(headers, ['X-Geo-Country'])).toBe('CA');
    expect(countryFromHeaders(headers, ['x-other'])).toBeNull();
    // The first trusted header with a country wins.
    expect(countryFromHeaders(new Headers({ 'cf-ipcountry': 'XX', 'x-country': 'SE' }))).toBe('SE');
  });
});
