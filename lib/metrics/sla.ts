/**
 * SLA target and limit for a cycle (DESIGN §4: settable per platform and query type).
 * Decision: when a schedule is set, both the target and the limit run on business time
 * (30 min target = 30 business minutes; 24 h limit = 24 business hours).
 */
import type { Settings } from '../schema/records';
import { PLATFORMS, QUERY_TYPES, type Platform, type QueryType } from '../schema/taxonomy';
import { HOUR, MINUTE } from './time-zone';

export interface SlaRule {
  targetMs: number;
  limitMs: number;
}

/**
 * Decision: the most specific override wins: platform and query type both match > query type only >
 * platform only > an override with neither (a catch-all) > the settings' defaults. Among
 * equally specific overrides the first listed wins. A cycle without a query type only
 * matches overrides whose queryType is null.
 */
export function slaRule(settings: Settings, platform: Platform, queryType: QueryType | null): SlaRule {
  let best = -1;
  let target = settings.sla.targetMinutes;
  let limit = settings.sla.limitHours;
  for (const o of settings.sla.overrides) {
    if (o.platform !== null && o.platform !== platform) continue;
    if (o.queryType !== null && o.queryType !== queryType) continue;
    const rank = (o.queryType !== null ? 2 : 0) + (o.platform !== null ? 1 : 0);
    if (rank > best) {
      best = rank;
      target = o.targetMinutes;
      limit = o.limitHours;
    }
  }
  return { targetMs: target * MINUTE, limitMs: limit * HOUR };
}

/**
 * Every (platform, query type) rule computed up front, indexed by
 * platformIndex * 8 + query type code (0 = none, 1 + index in QUERY_TYPES).
 */
export interface SlaTable {
  targetMs: Float64Array;
  limitMs: Float64Array;
}

/** Where the rule of (platform index, query type code) sits in an SlaTable. */
export const slaIndex = (platformIndex: number, queryTypeCode: number): number => platformIndex * 8 + queryTypeCode;

/** Tables per `sla` object (settings are replaced, never edited in place): a report's many computations build one. */
const tables = new WeakMap<Settings['sla'], SlaTable>();

export function slaTable(settings: Settings): SlaTable {
  const kept = tables.get(settings.sla);
  if (kept) return kept;
  const targetMs = new Float64Array(PLATFORMS.length * 8);
  const limitMs = new Float64Array(PLATFORMS.length * 8);
  PLATFORMS.forEach((p, pi) => {
    for (let q = 0; q <= QUERY_TYPES.length; q++) {
      const rule = slaRule(settings, p, q === 0 ? null : QUERY_TYPES[q - 1]!);
      targetMs[slaIndex(pi, q)] = rule.targetMs;
      limitMs[slaIndex(pi, q)] = rule.limitMs;
    }
  });
  const table = { targetMs, limitMs };
  tables.set(settings.sla, table);
  return table;
}
