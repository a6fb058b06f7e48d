import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { registerHandlers, reply } from '../../../lib/background/handlers';
import { createDb } from '../../../lib/db/database';
import { createRepository } from '../../../lib/db/repository';
import { failureReplySchema, type MessageView, type TagInput } from '../../../lib/messaging/protocol';
import { RefusedError, StorageUnavailableError, unwrap, type Reply } from '../../../lib/messaging/replies';
import { createOutbox } from '../../../lib/overlay/outbox';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { obs } from '../observation-builder';
import { holdAtVersion1 } from '../db/hold-database';

/**
 * The background's answers are typed: a refusal, a storage problem and a value are told
 * apart by shape, never by reading an error text, and the content script's outbox acts on
 * that: a refusal is final, a storage problem keeps the write queued.
 */
const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n).catch(() => undefined);
});

function background(openTimeoutMs = 100) {
  const name = `replies-${Math.random()}`;
  names.push(name);
  const repo = createRepository(createDb(name), { openTimeoutMs });
  const handlers = new Map<string, (m: { data: unknown }) => Promise<Reply<unknown>>>();
  registerHandlers(((type: string, handler: (m: { data: unknown }) => Promise<Reply<unknown>>) => handlers.set(type, handler)) as never, {
    repo,
    settings: async () => ({ ...DEFAULT_SETTINGS, agentName: 'Ana' }),
    now: () => Date.UTC(2026, 10, 3),
  });
  /** What a content script's sendMessage('tag', …) does: send, then unwrap the reply. */
  const sendTag = async (data: TagInput) => unwrap((await handlers.get('tag')!({ data })) as Reply<MessageView>);
  return { name, repo, handlers, sendTag };
}

describe('background replies', () => {
  it('answers an invalid tag with a typed refusal that the content script cannot retry', async () => {
    const { handlers, sendTag } = background();
    const answer = await handlers.get('tag')!({ data: { observation: obs(), patch: { status: 'lost' } } });
    expect(failureReplySchema.parse(answer)).toMatchObject({ ok: false, refused: expect.stringMatching(/^tag: patch\.status/) });
    await expect(sendTag({ observation: obs(), patch: { status: 'lost' } } as never)).rejects.toBeInstanceOf(RefusedError);
  });

  it('answers a write to a blocked database with a typed storage problem, in bounded time', async () => {
    const { name, handlers } = background(100);
    const held = await holdAtVersion1(name);
    const answer = await handlers.get('tag')!({ data: { observation: obs(), patch: { status: 'pending' } } });
    expect(failureReplySchema.parse(answer)).toEqual({ ok: false, unavailable: 'blocked' });
    held.close();
  });

  it('throws anything else to the sender (retried there as a transport failure)', async () => {
    await expect(reply(async () => Promise.reject(new TypeError('a bug')))).rejects.toThrow('a bug');
    expect(await reply(async () => Promise.reject(new StorageUnavailableError('failed', 'disk')))).toEqual({ ok: false, unavailable: 'failed', detail: 'disk' });
  });

  it('keeps tags made while the database is blocked queued in the content script, and stores each once when it is released', async () => {
    const { name, repo, sendTag } = background(50);
    const held = await holdAtVersion1(name);
    const problems: unknown[] = [];
    const outbox = createOutbox({ signal: new AbortController().signal, backoffMs: [10], onProblem: (p) => problems.push(p) });
    const tags: TagInput[] = [
      { observation: obs(), patch: { queryType: 'complaint' } },
      { observation: obs({ id: '102', at: obs().at + 60_000 }), patch: { status: 'escalated' } },
      { observation: obs(), patch: { sentiment: 'negative' } },
    ];
    const acknowledged: string[] = [];
    const sent = tags.map((t) => outbox.send(() => sendTag(t)).then((v) => void acknowledged.push(v.id)));
    // Several open attempts time out while it is held; nothing is acknowledged, nothing dropped.
    await new Promise((r) => setTimeout(r, 400));
    expect(problems).toEqual([{ problem: 'blocked', detail: '' }]);
    expect(acknowledged).toEqual([]);

    held.close();
    await Promise.all(sent);
    expect(acknowledged).toEqual(['101', '102', '101']);
    expect(problems.at(-1)).toBeNull();
    expect(await repo.get('x', ['101', '102'])).toMatchObject([
      { queryType: 'complaint', sentiment: 'negative' },
      { status: 'escalated' },
    ]);
    expect(await repo.count()).toBe(2);
  });
});
