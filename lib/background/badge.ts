import { browser } from 'wxt/browser';
import type { Repository } from '../db/repository';
import { OPEN_CASE_HORIZON_MS, openCases } from '../metrics';
import type { Settings } from '../schema/records';

/** The toolbar badge counts cases past their SLA target. */
export async function refreshBadge(repo: Repository, settings: Settings, now: number): Promise<number> {
  const records = await repo.activeSince(now - OPEN_CASE_HORIZON_MS);
  const overdue = openCases(records, settings, now).filter((c) => c.overdue).length;
  // Firefox MV2 builds expose the toolbar button as browserAction.
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await action.setBadgeText({ text: overdue ? String(overdue) : '' });
  await action.setBadgeBackgroundColor({ color: '#d93025' });
  return overdue;
}
