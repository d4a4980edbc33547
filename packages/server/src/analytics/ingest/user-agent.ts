import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';

// Device, browser and OS from the User-Agent header with ua-parser-js 1.x (MIT; 2.x is AGPL-3.0, which
// would bind every operator of this server), and bots filtered with isbot (Unlicense). Names are grouped
// the way a dashboard shows them: "Mobile Safari" is Safari, "Mac OS" is macOS, Linux distributions are Linux.

export const deviceTypes = ['desktop', 'mobile', 'tablet', 'tv', 'console', 'other'] as const;
export type DeviceType = (typeof deviceTypes)[number];

export interface UserAgentInfo {
  device: DeviceType;
  browser: string | null;
  /** The browser's major version, e.g. "126". */
  browserVersion: string | null;
  os: string | null;
  osVersion: string | null;
}

const deviceOf: Record<string, DeviceType> = { mobile: 'mobile', tablet: 'tablet', smarttv: 'tv', console: 'console' };
const osNames: Record<string, string> = {
  'Mac OS': 'macOS',
  'Chromium OS': 'ChromeOS',
  Ubuntu: 'Linux',
  Debian: 'Linux',
  Fedora: 'Linux',
  Arch: 'Linux',
  Mint: 'Linux',
  'Linux Mint': 'Linux',
  'Red Hat': 'Linux',
  openSUSE: 'Linux',
};

/**
 * True for crawlers, link previewers, monitoring and scripts, and for requests with no User-Agent at all
 * (every browser sends one). Headless browsers count as bots.
 *
 * @example
 * isBotUserAgent('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)') // true
 */
export function isBotUserAgent(userAgent: string | null | undefined): boolean {
  return !userAgent?.trim() || isbot(userAgent);
}

/**
 * What a User-Agent says about the visitor's device, browser and operating system.
 *
 * @example
 * parseUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) … Version/17.5 Mobile/15E148 Safari/604.1')
 * // { device: 'mobile', browser: 'Safari', browserVersion: '17', os: 'iOS', osVersion: '17.5' }
 */
export function parseUserAgent(userAgent: string): UserAgentInfo {
  const { browser, os, device } = new UAParser(userAgent).getResult();
  const osName = os.name ? (osNames[os.name] ?? os.name) : null;
  return {
    device: device.type ? (deviceOf[device.type] ?? 'other') : 'desktop',
    browser: browser.name?.replace(/^Mobile /, '') ?? null,
    browserVersion: browser.major ?? null,
    os: osName,
    // A distribution's version is not Linux's; macOS UAs are frozen at 10.15.7 but that is what they say.
    osVersion: osName === 'Linux' ? null : (os.version ?? null),
  };
}
