import type { MessageRecord, Observation, TagPatch } from '../schema/records';
import { messageKey, type Platform } from '../schema/taxonomy';
import type { ThreadmarkDb } from './database';
import { applyPatch, mergeObservation, sameContent } from './merge';

export interface WriteContext {
  now: number;
  agentName: string;
}

/**
 * All reads and writes of stored messages. Each write is one transaction keyed by
 * platform ids: a retry, a recycled element or a restarted service worker writes the
 * same rows again and changes nothing.
 */
export function createRepository(db: ThreadmarkDb) {
  async function upsert(items: Observation[], now: number, patches?: Map<string, TagPatch>, agentName = '') {
    const keys = items.map((o) => messageKey(o.platform, o.id));
    const parentKeys = items.flatMap((o) => (o.fromBrand && !o.customer && o.inReplyTo ? [messageKey(o.platform, o.inReplyTo)] : []));
    const [existing, parents] = await Promise.all([db.messages.bulkGet(keys), db.messages.bulkGet(parentKeys)]);
    const known = new Map<string, MessageRecord>();
    for (const p of parents) if (p) known.set(p.key, p);
    const out: MessageRecord[] = [];
    const changed: MessageRecord[] = [];
    items.forEach((obs, i) => {
      const before = known.get(keys[i]!) ?? existing[i];
      const parent = obs.inReplyTo ? known.get(messageKey(obs.platform, obs.inReplyTo)) : undefined;
      let rec = mergeObservation(before, obs, now, parent?.customer || undefined);
      const patch = patches?.get(rec.key);
      if (patch) rec = applyPatch(rec, patch, now, agentName);
      if (!before || !sameContent(before, rec)) changed.push(rec);
      known.set(rec.key, rec);
      out.push(rec);
    });
    if (changed.length) await db.messages.bulkPut(changed);
    return out;
  }

  return {
    /** Stores sightings of posts (never their tags); returns the stored records in input order. */
    observe(items: Observation[], ctx: WriteContext): Promise<MessageRecord[]> {
      return db.transaction('rw', db.messages, () => upsert(items, ctx.now));
    },

    /** Stores the post if new and applies the agent's tags, in one transaction. */
    async tag(obs: Observation, patch: TagPatch, ctx: WriteContext): Promise<MessageRecord> {
      const key = messageKey(obs.platform, obs.id);
      const [rec] = await db.transaction('rw', db.messages, () =>
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
      const rows = unique.length ? await db.messages.where('caseKey').anyOf(unique).toArray() : [];
      const byCase = new Map<string, MessageRecord[]>(unique.map((k) => [k, []]));
      for (const r of rows) byCase.get(r.caseKey)!.push(r);
      return byCase;
    },

    /**
     * All messages of every case active since `since`, earlier messages of those cases
     * included (a response time needs the customer message that started the wait). Reads
     * through the `at` and `caseKey` indexes, so the cost follows recent activity, not
     * the size of the history.
     */
    async activeSince(since: number): Promise<MessageRecord[]> {
      const caseKeys = new Set<string>();
      await db.messages.where('at').aboveOrEqual(since).each((r) => caseKeys.add(r.caseKey), );
      if (!caseKeys.size) return [];
      return db.messages.where('caseKey').anyOf([...caseKeys]).toArray();
    },

    count(): Promise<number> {
      return db.messages.count();
    },
  };
}

export type Repository = ReturnType<typeof createRepository>;
