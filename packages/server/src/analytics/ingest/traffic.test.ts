import { describe, expect, it } from 'vitest';
import { classifyTraffic, parseUtm, type TrafficMedium } from './traffic.js';

const page = 'https://shop.example.com/boots';

describe('classifyTraffic', () => {
  it.each<[string, string, string | null, string | null, TrafficMedium]>([
    // [case, landing URL, referrer, source, medium]
    ['no referrer, no tags', page, null, null, 'direct'],
    ['an empty referrer', page, '', null, 'direct'],
    ['navigation inside the site', page, 'https://www.shop.example.com/', null, 'direct'],
    ['a Google search', page, 'https://www.google.com/', 'google', 'search'],
    ['a Google search abroad', page, 'https://www.google.co.uk/', 'google', 'search'],
    ['a Bing search', page, 'https://www.bing.com/search?q=boots', 'bing', 'search'],
    ['a DuckDuckGo search', page, 'https://duckduckgo.com/', 'duckduckgo', 'search'],
    ['a Yahoo search', page, 'https://search.yahoo.com/', 'yahoo', 'search'],
    ['the Google app on Android', page, 'android-app://com.google.android.googlequicksearchbox/', 'google', 'search'],
    ['a Google Doc', page, 'https://docs.google.com/document/d/1', 'docs.google.com', 'referral'],
    ['a Facebook link shim', page, 'https://l.facebook.com/', 'facebook', 'social'],
    ['Facebook mobile', page, 'https://m.facebook.com/', 'facebook', 'social'],
    ['an Instagram link', page, 'https://l.instagram.com/', 'instagram', 'social'],
    ['a post on X', page, 'https://t.co/AbCdEf', 'x', 'social'],
    ['LinkedIn', page, 'https://www.linkedin.com/', 'linkedin', 'social'],
    ['Reddit', page, 'https://out.reddit.com/t3_abc', 'reddit', 'social'],
    ['Hacker News', page, 'https://news.ycombinator.com/', 'hacker news', 'social'],
    ['a Pinterest pin', page, 'https://www.pinterest.de/', 'pinterest', 'social'],
    ['Gmail on the web', page, 'https://mail.google.com/', 'gmail', 'email'],
    ['the Gmail app', page, 'android-app://com.google.android.gm/', 'gmail', 'email'],
    ['Outlook on the web', page, 'https://outlook.live.com/', 'outlook', 'email'],
    ['a blog', page, 'https://blog.example.org/best-boots', 'blog.example.org', 'referral'],
    ['a Google Ads click', `${page}?gclid=EAIaIQobChMI`, 'https://www.google.com/', 'google', 'paid'],
    ['a Google Ads click without referrer', `${page}?gclid=EAIaIQobChMI`, null, 'google', 'paid'],
    ['a Microsoft Ads click', `${page}?msclkid=abc`, 'https://www.bing.com/', 'bing', 'paid'],
    ['a TikTok ad', `${page}?ttclid=abc`, null, 'tiktok', 'paid'],
    ['an organic Facebook link with fbclid', `${page}?fbclid=IwAR0`, 'https://l.facebook.com/', 'facebook', 'social'],
    ['utm cpc', `${page}?utm_source=google&utm_medium=cpc&utm_campaign=brand`, 'https://www.google.com/', 'google', 'paid'],
    ['utm paid_social', `${page}?utm_source=facebook&utm_medium=paid_social`, 'https://l.facebook.com/', 'facebook', 'paid'],
    ['utm display', `${page}?utm_source=gdn&utm_medium=display`, null, 'gdn', 'paid'],
    ['a newsletter', `${page}?utm_source=Newsletter&utm_medium=email&utm_campaign=fall`, null, 'newsletter', 'email'],
    ['a newsletter opened in Gmail', `${page}?utm_source=mailchimp&utm_medium=email`, 'https://mail.google.com/', 'mailchimp', 'email'],
    ['utm social', `${page}?utm_source=linkedin&utm_medium=social`, null, 'linkedin', 'social'],
    ['utm organic', `${page}?utm_source=google&utm_medium=organic`, null, 'google', 'search'],
    ['utm affiliate', `${page}?utm_source=partner-blog&utm_medium=affiliate`, null, 'partner-blog', 'referral'],
    ['utm_source of a known site, no medium', `${page}?utm_source=fb`, null, 'fb', 'social'],
    ['utm_source alone', `${page}?utm_source=podcast`, null, 'podcast', 'referral'],
    ['a referrer that is not a web page', page, 'file:///C:/mail.html', null, 'direct'],
    ['a referrer that is not a URL', page, 'not a url', null, 'direct'],
  ])('%s', (_, url, referrer, source, medium) => {
    expect(classifyTraffic(url, referrer)).toMatchObject({ source, medium });
  });

  it('reports the referring host without www, and none for internal navigation', () => {
    expect(classifyTraffic(page, 'https://www.Example.org/a?b=c').referrerHost).toBe('example.org');
    expect(classifyTraffic(page, 'https://shop.example.com/other').referrerHost).toBeNull();
  });
});

describe('parseUtm', () => {
  it('reads the five parameters, lower-casing source and medium', () => {
    expect(parseUtm(`${page}?utm_source=News%20Letter&utm_medium=Email&utm_campaign=Fall%20Sale&utm_term=boots&utm_content=hero`)).toEqual({
      source: 'news letter',
      medium: 'email',
      campaign: 'Fall Sale',
      term: 'boots',
      content: 'hero',
    });
    expect(parseUtm(`${page}?utm_source=&utm_campaign=${'x'.repeat(300)}`)).toEqual({
      source: null,
      medium: null,
      campaign: 'x'.repeat(200),
      term: null,
      content: null,
    });
  });
});
