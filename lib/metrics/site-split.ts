import type { MessageRecord, Settings } from '../schema/records';
import { PLATFORMS, type Platform } from '../schema/taxonomy';
import { computeFigures } from './figures';
import type { FigureQuery, Figures } from './types';

/** Each site's figures of one query, in PLATFORMS order (X first). */
export type SiteSplit = Array<{ platform: Platform; figures: Figures }>;

/**
 * The same figures per site (issue 8: the seeds' channel comparison), each computed by
 * computeFigures with the platform filter, so a site's value is exactly what that site's
 * filter shows. Null unless the period has messages on two sites or more: a one-site agent
 * would only see the total again.
 */
export function siteSplit(records: readonly MessageRecord[], settings: Settings, query: Omit<FigureQuery, 'platform'>): SiteSplit | null {
  const seen = new Set<Platform>();
  for (const r of records) {
    if (r.at >= query.from && r.at < query.to) seen.add(r.platform);
    if (seen.size === PLATFORMS.length) break;
  }
  if (seen.size < 2) return null;
  return PLATFORMS.filter((p) => seen.has(p)).map((platform) => ({ platform, figures: computeFigures(records, settings, { ...query, platform }) }));
}
