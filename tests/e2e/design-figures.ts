import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { barAccess } from './bar-access';
import type { ServedConversation } from './pages';

/** DESIGN §4 computed independently of lib/metrics, for the team e2e tests (files and sync). */

/** Response times of a thread where every brand post is the agent's: reply − oldest unanswered customer post. */
export function expectedResponseTimes(conv: ServedConversation): number[] {
  const brand = conv.brand.toLowerCase();
  const posts = conv.model.expected.filter((p) => /^\d+$/.test(p.source) && p.at !== null).sort((a, b) => a.at! - b.at!);
  const out: number[] = [];
  let waiting: number | null = null;
  for (const p of posts) {
    if (p.author !== brand) waiting ??= p.at!;
    else if (waiting !== null) {
      out.push(p.at! - waiting);
      waiting = null;
    }
  }
  return out;
}

/** PERCENTILE.INC (DESIGN §4). */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 >= s.length ? s[lo]! : s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!);
}

/**
 * What both team tests have an agent do on a conversation: claim every brand reply as
 * theirs and tag the first customer post a complaint, through the closed bars (CDP, real
 * mouse), waiting for each bar to show it.
 */
export async function claimRepliesAndTagComplaint(page: Page, conv: ServedConversation): Promise<void> {
  const brand = conv.brand.toLowerCase();
  const posts = conv.model.expected.filter((p) => /^\d+$/.test(p.source) && p.id !== null);
  const bars = await barAccess(page);
  const shown = async (id: string) => (await bars.read(id, true)) ?? { text: '', pills: [] as string[] };
  for (const p of posts.filter((x) => x.author === brand)) {
    await expect.poll(async () => (await shown(p.id!)).text).toContain("Teammate's reply");
    await bars.click(p.id!, 'This reply is mine');
    await expect.poll(async () => (await shown(p.id!)).text).toContain('My reply');
  }
  const first = posts.find((x) => x.author !== brand)!;
  await bars.click(first.id!, 'Complaint');
  await expect.poll(async () => (await shown(first.id!)).pills).toContain('Complaint');
}
