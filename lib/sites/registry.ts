/**
 * The sites Threadmark reads, as data: hosts, id rules, which pages activate the bars and
 * where each site's brand identities live in settings. DOM-free and zod-free, so the
 * entrypoints (content-script `matches`), the schemas, settings and the popup read one
 * list and cannot drift from the adapters (issue 8: "adding a site should mean adding a
 * folder"). The adapters' own host lists are the source; this file only gathers them.
 */
import { HOSTS as FACEBOOK_HOSTS, MESSAGE_ID_RE, NUMERIC_ID_RE } from './facebook/selectors';
import { HOSTS as X_HOSTS } from './x/selectors';
import type { Platform } from '../schema/taxonomy';

export interface SiteEntry {
  platform: Platform;
  /** https hosts the content script runs on (and permalinks may point to). */
  hosts: readonly string[];
  /** A message id as the site spells it. */
  idPattern: RegExp;
  /** The page is one this site's content script should read. */
  activation(url: URL): boolean;
  /** Key of `settings.brandHandles` holding this site's brand identities (X handles, Facebook Page ids). */
  settingsKey: keyof BrandHandlesShape;
}

/** The shape of `settings.brandHandles` (one list per platform). */
export type BrandHandlesShape = Record<Platform, string[]>;

function onHosts(hosts: readonly string[]) {
  return (url: URL) => url.protocol === 'https:' && hosts.includes(url.hostname.toLowerCase());
}

export const SITES: Readonly<Record<Platform, SiteEntry>> = {
  x: {
    platform: 'x',
    hosts: X_HOSTS,
    idPattern: /^\d{1,25}$/,
    activation: onHosts(X_HOSTS),
    settingsKey: 'x',
  },
  facebook: {
    platform: 'facebook',
    hosts: FACEBOOK_HOSTS,
    // Comment / Page / post ids are numeric; Business Suite messages are `mid.$…`.
    idPattern: new RegExp(`${NUMERIC_ID_RE.source}|${MESSAGE_ID_RE.source}`),
    activation: onHosts(FACEBOOK_HOSTS),
    settingsKey: 'facebook',
  },
};

/** Content-script `matches` for a site: one https pattern per host. */
export function matchPatterns(platform: Platform): string[] {
  return SITES[platform].hosts.map((h) => `https://${h}/*`);
}

/** The site a page belongs to, or null. */
export function siteOf(url: URL): SiteEntry | null {
  return Object.values(SITES).find((s) => s.activation(url)) ?? null;
}
