import { maxTrackerPayloadBytes } from '@spokestack/core/analytics';
import { describe, expect, it } from 'vitest';
import { enrichEvent, parseTrackerPayload, type TrackerRequest } from './event.js';
import { visitorHash } from './visitor.js';

const safari =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const salts = { current: { day: '2026-09-02', salt: 'today' }, previous: { day: '2026-09-01', salt: 'yesterday' } };

function request(body: object, extra: Partial<TrackerRequest> = {}): TrackerRequest {
  const parsed = parseTrackerPayload(JSON.stringify(body));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return {
    payload: parsed.payload,
    ip: '198.51.100.7',
    userAgent: safari,
    headers: new Headers({ 'cf-ipcountry': 'gb' }),
    salts,
    now: new Date('2026-09-02T08:15:00Z'),
    ...extra,
  };
}

describe('parseTrackerPayload', () => {
  it('accepts what the tracker sends', () => {
    const ok = parseTrackerPayload(
      JSON.stringify({ k: 'pk_shop', t: 'conversion', n: 'Purchase', u: 'https://shop.example.com/thanks', r: '', w: 390, v: '49.90' }),
    );
    expect(ok).toEqual({
      ok: true,
      payload: { k: 'pk_shop', t: 'conversion', n: 'Purchase', u: 'https://shop.example.com/thanks', r: '', w: 390, v: '49.90' },
    });
  });

  it.each<[string, string, string[]]>([
    ['not JSON', '{"k":', ['body']],
    ['an array', '[]', ['body']],
    ['a javascript: URL', JSON.stringify({ k: 'pk', t: 'pageview', u: 'javascript:alert(1)' }), ['body.u']],
    ['an unknown type', JSON.stringify({ k: 'pk', t: 'click', u: 'https://a.example/' }), ['body.t']],
    ['an event without a name', JSON.stringify({ k: 'pk', t: 'event', u: 'https://a.example/' }), ['body.n']],
    ['a float value', JSON.stringify({ k: 'pk', t: 'conversion', n: 'Buy', u: 'https://a.example/', v: 49.9 }), ['body.v']],
    [
      'too many decimals',
      JSON.stringify({ k: 'pk', t: 'conversion', n: 'Buy', u: 'https://a.example/', v: '0.30000000000000004' }),
      ['body.v'],
    ],
    ['a bad key', JSON.stringify({ k: 'pk shop', t: 'pageview', u: 'https://a.example/' }), ['body.k']],
    ['an unknown field', JSON.stringify({ k: 'pk', t: 'pageview', u: 'https://a.example/', ip: '1.2.3.4' }), ['body']],
    [
      'a huge body',
      JSON.stringify({ k: 'pk', t: 'pageview', u: 'https://a.example/', p: { a: 'x'.repeat(maxTrackerPayloadBytes) } }),
      ['body'],
    ],
  ])('refuses %s, naming the field', (_, body, paths) => {
    const result = parseTrackerPayload(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(paths);
  });
});

describe('enrichEvent', () => {
  it('turns a pageview into the row to store, without the IP or the User-Agent', () => {
    const event = enrichEvent(
      request({
        k: 'pk_shop',
        t: 'pageview',
        u: 'https://Shop.example.com/caf%C3%A9?utm_source=newsletter&utm_medium=email&email=a@b.c',
        r: '',
      }),
    );
    expect(event).toEqual({
      propertyKey: 'pk_shop',
      type: 'pageview',
      name: 'pageview',
      timestamp: new Date('2026-09-02T08:15:00Z'),
      day: '2026-09-02',
      hostname: 'shop.example.com',
      pathname: '/café',
      referrerHost: null,
      source: 'newsletter',
      medium: 'email',
      utm: { source: 'newsletter', medium: 'email', campaign: null, term: null, content: null },
      device: 'mobile',
      browser: 'Safari',
      browserVersion: '17',
      os: 'iOS',
      osVersion: '17.5',
      country: 'GB',
      visitorId: visitorHash('today', { site: 'shop.example.com', ip: '198.51.100.7', userAgent: safari }),
      previousVisitorId: visitorHash('yesterday', { site: 'shop.example.com', ip: '198.51.100.7', userAgent: safari }),
      value: null,
      props: {},
    });
    const stored = JSON.stringify(event);
    expect(stored).not.toContain('198.51.100.7');
    expect(stored).not.toContain('AppleWebKit');
    expect(stored).not.toContain('a@b.c'); // query strings are not kept
  });

  it('keeps the name, properties and value of events and conversions', () => {
    const conversion = enrichEvent(
      request({
        k: 'pk_shop',
        t: 'conversion',
        n: 'Purchase',
        u: 'https://shop.example.com/thanks',
        v: '49.90',
        p: { plan: 'pro', seats: 3 },
      }),
    );
    expect(conversion).toMatchObject({ type: 'conversion', name: 'Purchase', value: '49.90', props: { plan: 'pro', seats: 3 } });
    const event = enrichEvent(
      request({ k: 'pk_shop', t: 'event', n: 'Signup', u: 'https://shop.example.com/', r: 'https://www.google.com/' }),
    );
    expect(event).toMatchObject({ type: 'event', name: 'Signup', source: 'google', medium: 'search', referrerHost: 'google.com' });
  });

  it('drops bots and requests without a User-Agent', () => {
    const body = { k: 'pk_shop', t: 'pageview', u: 'https://shop.example.com/' };
    expect(
      enrichEvent(request(body, { userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' })),
    ).toBeNull();
    expect(enrichEvent(request(body, { userAgent: undefined }))).toBeNull();
  });

  it('uses only a previous salt that is older than the current one', () => {
    const body = { k: 'pk_shop', t: 'pageview', u: 'https://shop.example.com/' };
    expect(enrichEvent(request(body, { salts: { current: salts.current, previous: null } }))!.previousVisitorId).toBeNull();
    expect(enrichEvent(request(body, { headers: {}, countryHeaders: [] }))!.country).toBeNull();
  });
});
