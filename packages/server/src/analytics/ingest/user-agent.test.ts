import { describe, expect, it } from 'vitest';
import { isBotUserAgent, parseUserAgent, type UserAgentInfo } from './user-agent.js';

// Real User-Agent strings, as browsers and crawlers sent them in 2024.
const browsers: [string, string, UserAgentInfo][] = [
  [
    'Chrome on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    { device: 'desktop', browser: 'Chrome', browserVersion: '126', os: 'Windows', osVersion: '10' },
  ],
  [
    'Edge on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
    { device: 'desktop', browser: 'Edge', browserVersion: '126', os: 'Windows', osVersion: '10' },
  ],
  [
    'Firefox on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
    { device: 'desktop', browser: 'Firefox', browserVersion: '128', os: 'Windows', osVersion: '10' },
  ],
  [
    'Safari on macOS',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    { device: 'desktop', browser: 'Safari', browserVersion: '17', os: 'macOS', osVersion: '10.15.7' },
  ],
  [
    'Firefox on Ubuntu',
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
    { device: 'desktop', browser: 'Firefox', browserVersion: '127', os: 'Linux', osVersion: null },
  ],
  [
    'Chrome on ChromeOS',
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    { device: 'desktop', browser: 'Chrome', browserVersion: '126', os: 'ChromeOS', osVersion: '14541.0.0' },
  ],
  [
    'Safari on iPhone',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like ' +
      'Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    { device: 'mobile', browser: 'Safari', browserVersion: '17', os: 'iOS', osVersion: '17.5' },
  ],
  [
    'Chrome on iPhone',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like ' +
      'Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
    { device: 'mobile', browser: 'Chrome', browserVersion: '126', os: 'iOS', osVersion: '17.5' },
  ],
  [
    'Instagram in-app browser',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like ' +
      'Gecko) Mobile/15E148 Instagram 337.0.3.23.54 (iPhone15,3; iOS 17_5; en_US; en; scale=3.00; ' +
      '1290x2796; 618823171)',
    { device: 'mobile', browser: 'Instagram', browserVersion: '337', os: 'iOS', osVersion: '17.5' },
  ],
  [
    'Safari on iPad',
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    { device: 'tablet', browser: 'Safari', browserVersion: '17', os: 'iOS', osVersion: '17.5' },
  ],
  [
    'Chrome on Android (reduced UA)',
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    { device: 'mobile', browser: 'Chrome', browserVersion: '126', os: 'Android', osVersion: '10' },
  ],
  [
    'Samsung Internet on a Galaxy S23',
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) ' +
      'SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
    { device: 'mobile', browser: 'Samsung Internet', browserVersion: '25', os: 'Android', osVersion: '14' },
  ],
  [
    'Facebook in-app browser on a Pixel 8',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240705.005; wv) AppleWebKit/537.36 ' +
      '(KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.134 Mobile Safari/537.36 ' +
      '[FB_IAB/FB4A;FBAV/472.0.0.48.111;]',
    { device: 'mobile', browser: 'Facebook', browserVersion: '472', os: 'Android', osVersion: '14' },
  ],
  [
    'Chrome on a Galaxy Tab S9',
    'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    { device: 'tablet', browser: 'Chrome', browserVersion: '126', os: 'Android', osVersion: '13' },
  ],
  [
    'Samsung smart TV',
    'Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) 76.0.3809.146/6.0 TV Safari/537.36',
    { device: 'tv', browser: 'Safari', browserVersion: null, os: 'Tizen', osVersion: '6.0' },
  ],
  [
    'PlayStation 5',
    'Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0 Safari/605.1.15',
    { device: 'console', browser: 'Safari', browserVersion: '13', os: 'PlayStation', osVersion: '5' },
  ],
];

const bots: [string, string][] = [
  ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
  [
    'Googlebot smartphone',
    'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like ' +
      'Gecko) Chrome/126.0.6478.126 Mobile Safari/537.36 (compatible; Googlebot/2.1; ' +
      '+http://www.google.com/bot.html)',
  ],
  [
    'Bingbot',
    'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; ' +
      '+http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36',
  ],
  ['GPTBot', 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.2; +https://openai.com/gptbot'],
  ['YandexBot', 'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)'],
  ['AhrefsBot', 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)'],
  ['Facebook link preview', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'],
  ['Slack link preview', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)'],
  ['headless Chrome', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36'],
  ['curl', 'curl/8.5.0'],
  ['python-requests', 'python-requests/2.31.0'],
  ['no User-Agent', ''],
];

describe('parseUserAgent', () => {
  it.each(browsers)('%s', (_, ua, expected) => {
    expect(parseUserAgent(ua)).toEqual(expected);
    expect(isBotUserAgent(ua)).toBe(false);
  });
});

describe('isBotUserAgent', () => {
  it.each(bots)('%s is a bot', (_, ua) => {
    expect(isBotUserAgent(ua)).toBe(true);
  });
  it('treats a missing header as a bot', () => {
    expect(isBotUserAgent(undefined)).toBe(true);
    expect(isBotUserAgent(null)).toBe(true);
    expect(isBotUserAgent('   ')).toBe(true);
  });
});
