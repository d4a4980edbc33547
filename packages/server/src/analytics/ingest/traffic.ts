// Where a visit came from: the UTM parameters and ad click ids of the landing URL, then the referrer.
// Each visit gets a source (e.g. "google", "newsletter", "news.ycombinator.com") and one medium of six,
// decided in this order: paid (ad click ids, paid utm_medium), email, social, search, referral, direct.

export const trafficMedia = ['direct', 'search', 'social', 'email', 'paid', 'referral'] as const;
export type TrafficMedium = (typeof trafficMedia)[number];

export interface Utm {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
}

export interface TrafficSource {
  /** Lower case: the utm_source, or the known name of the referring site, or its host; null for direct. */
  source: string | null;
  medium: TrafficMedium;
  /** The referrer's host without `www.`; null when there is none or it is the site itself. */
  referrerHost: string | null;
  utm: Utm;
}

/** Ad click ids the ad platforms append to landing URLs: a visit carrying one came from a paid click. */
const clickIds: Record<string, string> = {
  gclid: 'google',
  gbraid: 'google',
  wbraid: 'google',
  dclid: 'google',
  msclkid: 'bing',
  ttclid: 'tiktok',
  li_fat_id: 'linkedin',
  twclid: 'x',
  sccid: 'snapchat',
  epik: 'pinterest',
  rdt_cid: 'reddit',
};
// fbclid is not among them: Facebook adds it to organic links too.

const paidMedia =
  /^(?:cpc|ppc|cpm|cpv|cpa|paid|paid[-_ ]?(?:search|social|media|ads?)|paidsocial|display|banner|retargeting|remarketing|sem|ads?)$/;
const emailMedia = /^(?:e-?mail|newsletter|e-?mail[-_ ]?marketing)$/;
const socialMedia = /^(?:social|social[-_ ]?(?:network|media|organic)|organic[-_ ]?social|sm|sns)$/;
const searchMedia = /^(?:organic|seo|search)$/;

type Known = { name: string; medium: Exclude<TrafficMedium, 'direct' | 'paid' | 'referral'> };
/** Known referrers by host pattern, webmail first (mail.yahoo.com is email, search.yahoo.com is search). */
const knownReferrers: [RegExp, Known][] = [
  [/^mail\.google\.com$/, { name: 'gmail', medium: 'email' }],
  [/^outlook\.(?:live|office|office365)\.com$/, { name: 'outlook', medium: 'email' }],
  [/^mail\.yahoo\.(?:com|[a-z.]+)$/, { name: 'yahoo mail', medium: 'email' }],
  [/^(?:mail\.)?proton\.me$|^mail\.protonmail\.com$/, { name: 'proton mail', medium: 'email' }],
  [/^(?:mail\.aol\.com|webmail\..+|mail\.[a-z0-9-]+\.[a-z.]+)$/, { name: 'webmail', medium: 'email' }],
  // Search only: docs.google.com or sites.google.com send referrals like any other site.
  [/^(?:news\.)?google\.(?:com|[a-z]{2,3}|com?\.[a-z]{2})$/, { name: 'google', medium: 'search' }],
  [/^(?:[a-z]{2}\.)?bing\.com$/, { name: 'bing', medium: 'search' }],
  [/^(?:[a-z]+\.)?search\.yahoo\.(?:com|[a-z.]+)$|^yahoo\.com$/, { name: 'yahoo', medium: 'search' }],
  [/^duckduckgo\.com$/, { name: 'duckduckgo', medium: 'search' }],
  [/^ecosia\.org$/, { name: 'ecosia', medium: 'search' }],
  [/^search\.brave\.com$/, { name: 'brave', medium: 'search' }],
  [/^(?:[a-z]+\.)?baidu\.com$/, { name: 'baidu', medium: 'search' }],
  [/^yandex\.(?:ru|com|com\.tr|by|kz|ua)$/, { name: 'yandex', medium: 'search' }],
  [/^(?:[a-z]+\.)?startpage\.com$/, { name: 'startpage', medium: 'search' }],
  [/^qwant\.com$/, { name: 'qwant', medium: 'search' }],
  [/^(?:search\.)?naver\.com$/, { name: 'naver', medium: 'search' }],
  [/^(?:search\.)?seznam\.cz$/, { name: 'seznam', medium: 'search' }],
  [/^kagi\.com$/, { name: 'kagi', medium: 'search' }],
  [/^(?:[a-z]+\.)?facebook\.com$|^fb\.me$/, { name: 'facebook', medium: 'social' }],
  [/^(?:l\.)?instagram\.com$/, { name: 'instagram', medium: 'social' }],
  [/^t\.co$|^(?:mobile\.)?twitter\.com$|^x\.com$/, { name: 'x', medium: 'social' }],
  [/^(?:[a-z]+\.)?linkedin\.com$|^lnkd\.in$/, { name: 'linkedin', medium: 'social' }],
  [/^(?:[a-z]+\.)?reddit\.com$/, { name: 'reddit', medium: 'social' }],
  [/^(?:m\.)?youtube\.com$|^youtu\.be$/, { name: 'youtube', medium: 'social' }],
  [/^(?:[a-z]+\.)?pinterest\.(?:com|[a-z]{2,3}|co\.[a-z]{2})$|^pin\.it$/, { name: 'pinterest', medium: 'social' }],
  [/^(?:[a-z]+\.)?tiktok\.com$/, { name: 'tiktok', medium: 'social' }],
  [/^(?:l\.)?threads\.(?:net|com)$/, { name: 'threads', medium: 'social' }],
  [/^bsky\.app$/, { name: 'bluesky', medium: 'social' }],
  [/^news\.ycombinator\.com$/, { name: 'hacker news', medium: 'social' }],
  [/^(?:[a-z]+\.)?snapchat\.com$/, { name: 'snapchat', medium: 'social' }],
  [/^(?:[a-z]+\.)?tumblr\.com$/, { name: 'tumblr', medium: 'social' }],
  [/^(?:[a-z]+\.)?quora\.com$/, { name: 'quora', medium: 'social' }],
  [/^vk\.com$/, { name: 'vk', medium: 'social' }],
  [/^mastodon\.social$/, { name: 'mastodon', medium: 'social' }],
];
/** Android apps send `android-app://package` as the referrer. */
const knownApps: Record<string, Known> = {
  'com.google.android.gm': { name: 'gmail', medium: 'email' },
  'com.google.android.googlequicksearchbox': { name: 'google', medium: 'search' },
  'com.microsoft.office.outlook': { name: 'outlook', medium: 'email' },
  'com.linkedin.android': { name: 'linkedin', medium: 'social' },
  'com.reddit.frontpage': { name: 'reddit', medium: 'social' },
  'org.telegram.messenger': { name: 'telegram', medium: 'social' },
};
/** utm_source values that name a known site, for tagged links without a medium ("?utm_source=facebook"). */
const knownSourceNames = new Map<string, Known>(knownReferrers.map(([, k]) => [k.name, k]));
for (const [alias, name] of [
  ['fb', 'facebook'],
  ['ig', 'instagram'],
  ['twitter', 'x'],
] as const)
  knownSourceNames.set(alias, knownSourceNames.get(name)!);

const stripWww = (host: string) => host.toLowerCase().replace(/^www\./, '');
const param = (params: URLSearchParams, name: string): string | null => params.get(name)?.trim().slice(0, 200) || null;

/**
 * The UTM parameters of a URL (lower-cased source and medium; campaign, term and content as given).
 *
 * @example
 * parseUtm('https://shop.example/?utm_source=Newsletter&utm_medium=email&utm_campaign=Fall%20Sale')
 * // { source: 'newsletter', medium: 'email', campaign: 'Fall Sale', term: null, content: null }
 */
export function parseUtm(url: string | URL): Utm {
  const params = new URL(url).searchParams;
  return {
    source: param(params, 'utm_source')?.toLowerCase() ?? null,
    medium: param(params, 'utm_medium')?.toLowerCase() ?? null,
    campaign: param(params, 'utm_campaign'),
    term: param(params, 'utm_term'),
    content: param(params, 'utm_content'),
  };
}

function referrerOf(referrer: string | null | undefined, siteHost: string): { host: string; known: Known | null } | null {
  if (!referrer) return null;
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return null;
  }
  if (url.protocol === 'android-app:') {
    const app = url.hostname.toLowerCase();
    return { host: app, known: knownApps[app] ?? null };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = stripWww(url.hostname);
  // Navigation inside the site is not a source.
  if (host === siteHost) return null;
  return { host, known: knownReferrers.find(([pattern]) => pattern.test(host))?.[1] ?? null };
}

/**
 * Classifies a visit by its landing URL and referrer.
 *
 * @example
 * classifyTraffic('https://shop.example/?gclid=abc', 'https://www.google.com/') // { source: 'google', medium: 'paid', … }
 * classifyTraffic('https://shop.example/', 'https://l.facebook.com/') // { source: 'facebook', medium: 'social', … }
 * classifyTraffic('https://shop.example/', null) // { source: null, medium: 'direct', … }
 */
export function classifyTraffic(url: string | URL, referrer?: string | null): TrafficSource {
  const page = new URL(url);
  const utm = parseUtm(page);
  const ref = referrerOf(referrer, stripWww(page.hostname));
  const clickSource = [...page.searchParams.keys()].map((k) => clickIds[k.toLowerCase()]).find((s) => s !== undefined);
  const referrerHost = ref?.host ?? null;
  const source = utm.source ?? ref?.known?.name ?? clickSource ?? referrerHost;
  const medium = utm.medium ?? '';
  const result = (m: TrafficMedium): TrafficSource => ({ source: m === 'direct' ? null : source, medium: m, referrerHost, utm });

  if (paidMedia.test(medium) || (clickSource && !utm.medium)) return result('paid');
  if (emailMedia.test(medium)) return result('email');
  if (socialMedia.test(medium)) return result('social');
  if (searchMedia.test(medium)) return result('search');
  if (medium) return result('referral');
  // Tagged without a medium: judge by the named source; untagged: by the referrer.
  const known = (utm.source ? knownSourceNames.get(utm.source) : undefined) ?? ref?.known;
  if (known) return result(known.medium);
  return result(utm.source || ref ? 'referral' : 'direct');
}
