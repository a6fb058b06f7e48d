import type { MessageRecord, Observation, TagPatch } from '../schema/records';
import { messageKey, type Platform } from '../schema/taxonomy';
import { MESSAGE_COUNT, type ThreadmarkDb } from './database';
import { adoptStoredRoot, applyPatch, mergeObservation, reroot, sameContent } from './merge';

export interface WriteContext {
  now: number;
  agentName: string;
}

/**
 * All reads and writes of stored messages. Each write is one transaction keyed by
 * platform ids: a retry, a recycled element or a restarted service worker writes the
 * same rows again and changes nothing.
 */
/** How far past `since` a case's root must be to rule out earlier messages (approximate times). */
const ROOT_MARGIN_MS = 86_400_000;

export function createRepository(db: ThreadmarkDb) {
  /**
   * The rows of each case, in the order of `caseKeys`: one getAll per case, all in flight in
   * one transaction (anyOf walks a cursor: a round trip to the database per row).
   */
  function readCases(caseKeys: string[]): Promise<MessageRecord[][]> {
    if (!caseKeys.length) return Promise.resolve([]);
    return db.transaction('r', db.messages, () => Promise.all(caseKeys.map((k) => db.messages.where('caseKey').equals(k).toArray())));
  }

  async function upsert(items: Observation[], now: number, patches?: Map<string, TagPatch>, agentName = '') {
    const keys = items.map((o) => messageKey(o.platform, o.id));
    const parentKeys = items.flatMap((o) => (o.fromBrand && !o.customer && o.inReplyTo ? [messageKey(o.platform, o.inReplyTo)] : []));
    const rootKeys = items.map((o) => messageKey(o.platform, o.rootId));
    const uniqueRoots = [...new Set(rootKeys)]; // a batch is usually one conversation: one root
    const [existing, parents, roots] = await Promise.all([db.messages.bulkGet(keys), db.messages.bulkGet(parentKeys), db.messages.bulkGet(uniqueRoots)]);
    const known = new Map<string, MessageRecord>();
    for (const p of parents) if (p) known.set(p.key, p);
    const storedRoots = new Map<string, MessageRecord>();
    for (const r of roots) if (r) storedRoots.set(r.key, r);
    const changed = new Map<string, MessageRecord>();
    /** Cases whose root a sighting made older: old case key → new root (moved below, whole). */
    const rerooted = new Map<string, string>();
    let added = 0;
    items.forEach((seen, i) => {
      const before = known.get(keys[i]!) ?? existing[i];
      const obs = adoptStoredRoot(seen, known.get(rootKeys[i]!) ?? storedRoots.get(rootKeys[i]!));
      const parent = obs.inReplyTo ? known.get(messageKey(obs.platform, obs.inReplyTo)) : undefined;
      let rec = mergeObservation(before, obs, now, parent?.customer || undefined);
      const patch = patches?.get(rec.key);
      if (patch) rec = applyPatch(rec, patch, now, agentName);
      if (!before) added++;
      if (before && before.rootId !== rec.rootId) rerooted.set(before.caseKey, rec.rootId);
      if (!before || !sameContent(before, rec)) changed.set(rec.key, rec);
      known.set(rec.key, rec);
    });
    // A new root moves the whole case, in this same transaction: its other posts are not
    // on this page, and left behind they would split the case under two keys (issue 11 §5).
    if (rerooted.size) {
      const cases = [...rerooted.keys()];
      const rows = await readCases(cases);
      cases.forEach((caseKey, i) => {
        for (const row of rows[i]!) {
          const moved = reroot(known.get(row.key) ?? row, rerooted.get(caseKey)!, now);
          if (!moved) continue;
          changed.set(moved.key, moved);
          known.set(moved.key, moved);
        }
      });
    }
    if (changed.size) await db.messages.bulkPut([...changed.values()]);
    if (added) {
      // In the write's own transaction: the count can never drift from the rows.
      const current = (await db.meta.get(MESSAGE_COUNT))?.value ?? 0;
      await db.meta.put({ key: MESSAGE_COUNT, value: current + added });
    }
    return keys.map((k) => known.get(k)!);
  }

  return {
    /** Stores sightings of posts (never their tags); returns the stored records in input order. */
    observe(items: Observation[], ctx: WriteContext): Promise<MessageRecord[]> {
      return db.transaction('rw', db.messages, db.meta, () => upsert(items, ctx.now));
    },

    /** Stores the post if new and applies the agent's tags, in one transaction. */
    async tag(obs: Observation, patch: TagPatch, ctx: WriteContext): Promise<MessageRecord> {
      const key = messageKey(obs.platform, obs.id);
      const [rec] = await db.transaction('rw', db.messages, db.meta, () =>
        upsert([obs], ctx.now, new Map([[key, patch]]), ctx.agentName),
      );
      return rec!;
    },

    async get(platform: Platform, ids: string[]): Promise<(MessageRecord | undefined)[]> {
      return db.messages.bulkGet(ids.map((id) => messageKey(platform, id)));
    },

    /** Every message of the given cases, grouped by case. */
    async cases(caseKeys: string[]): Promise<Map<string, MessageRecord[]>> {
      const unique = [...new Set(caseKeys)];
      const rows = await readCases(unique); // every tag's answer reads its case
      return new Map(unique.map((k, i) => [k, rows[i]!]));
    },

    /**
     * All messages of every case active since `since`, earlier messages of those cases
     * included (a response time needs the customer message that started the wait). Reads
     * through the `at` and `caseKey` indexes, so the cost follows recent activity, not
     * the size of the history.
     *
     * The window is read in one request (getAll, not a cursor: one round trip instead of
     * one per row). Earlier messages are looked up only for the cases that can have any:
     * a case is a thread root and its replies, which come after the root, so a case whose
     * root post is in the window (a day past `since`, for times read as approximate) has
     * none before it. The others (reopened threads, roots not stored) are read case by case.
     */
    async activeSince(since: number): Promise<MessageRecord[]> {
      return db.transaction('r', db.messages, async () => {
        const recent = await db.messages.where('at').aboveOrEqual(since).toArray();
        const rootInWindow = new Set<string>();
        for (const r of recent) if (r.id === r.rootId && r.at >= since + ROOT_MARGIN_MS) rootInWindow.add(r.caseKey);
        const older = [...new Set(recent.flatMap((r) => (rootInWindow.has(r.caseKey) ? [] : [r.caseKey])))];
        if (!older.length) return recent;
        const byCase = await readCases(older);
        const earlier = byCase.flat().filter((r) => r.at < since);
        return earlier.length ? [...earlier, ...recent] : recent;
      });
    },

    /** The number of stored messages (kept by the writes: no scan). */
    async count(): Promise<number> {
      return (await db.meta.get(MESSAGE_COUNT))?.value ?? 0;
    },
  };
}

export type Repository = ReturnType<typeof createRepository>;
