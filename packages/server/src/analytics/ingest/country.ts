// The visitor's country, from the header a proxy or CDN in front of the server sets after its own
// geolocation. The server never looks up IPs itself. Only trust a header the proxy overwrites on every
// request: a client can send any header, so an operator passes the one name their proxy sets.

/** Headers the common proxies set: Cloudflare, a generic nginx/GeoIP setup, Vercel, CloudFront, Fastly. */
export const defaultCountryHeaders = [
  'cf-ipcountry',
  'x-country',
  'x-vercel-ip-country',
  'cloudfront-viewer-country',
  'fastly-geo-country-code',
];

// Codes that are not countries: unknown (XX), Tor (T1), anonymous proxy, satellite, "other", EU and Asia/Pacific.
const notCountries = new Set(['XX', 'T1', 'A1', 'A2', 'O1', 'EU', 'AP', 'ZZ']);

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The ISO 3166-1 alpha-2 country code (upper case) from the first of `names` that holds one, or null.
 *
 * @example
 * countryFromHeaders(new Headers({ 'cf-ipcountry': 'de' })) // 'DE'
 * countryFromHeaders(req.headers, ['x-geo-country']) // only the header this deployment's proxy sets
 */
export function countryFromHeaders(headers: HeaderSource, names: readonly string[] = defaultCountryHeaders): string | null {
  for (const name of names) {
    const code = headerValue(headers, name.toLowerCase())?.trim().toUpperCase();
    if (code && /^[A-Z]{2}$/.test(code) && !notCountries.has(code)) return code;
  }
  return null;
}
