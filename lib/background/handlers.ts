import type { z } from 'zod';
import { PatchError } from '../db/merge';
import { isStorageError, StorageUnavailableError } from '../db/database';
import type { Repository } from '../db/repository';
import { caseClock, compareMessages } from '../metrics';
import {
  observeInputSchema,
  peekInputSchema,
  tagInputSchema,
  type MessageView,
  type WireProtocolMap,
} from '../messaging/protocol';
import type { Reply } from '../messaging/replies';
import type { MessageRecord, Settings } from '../schema/records';

export interface HandlerDeps {
  repo: Repository;
  settings: () => Promise<Settings>;
  now: () => number;
  /** Called after every write that changed something (the badge follows it). */
  afterWrite?: () => void;
}

type OnMessage = <K extends keyof WireProtocolMap>(
  type: K,
  handler: (message: { data: Parameters<WireProtocolMap[K]>[0] }) => Promise<ReturnType<WireProtocolMap[K]>>,
) => unknown;

/** A message that does not match its schema is refused with the path of the first bad field. */
export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError';
}

function parse<T extends z.ZodType>(schema: T, data: unknown, type: string): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new InvalidMessageError(`${type}: ${issue.path.join('.') || 'message'}: ${issue.message}`);
}

/** The background's request handlers: validate, write through the repository, answer with views. */
export function createHandlers(deps: HandlerDeps) {
  async function views(records: (MessageRecord | undefined)[], ids: string[]): Promise<MessageView[]> {
    const [settings, byCase] = await Promise.all([
      deps.settings(),
      deps.repo.cases(records.flatMap((r) => (r ? [r.caseKey] : []))),
    ]);
    const now = deps.now();
    const clocks = new Map([...byCase].map(([key, rows]) => [key, caseClock(rows, settings, now)]));
    const latest = new Map<string, MessageRecord>();
    for (const [key, rows] of byCase) {
      for (const r of rows) {
        const best = latest.get(key);
        if (!r.fromBrand && !r.noReplyNeeded && (!best || compareMessages(r, best) > 0)) latest.set(key, r);
      }
    }
    return ids.map((id, i) => {
      const r = records[i];
      const clock = r ? (clocks.get(r.caseKey) ?? null) : null;
      return toView(id, r, clock, latest.get(r?.caseKey ?? '')?.key === r?.key);
    });
  }

  return {
    async observe(data: unknown): Promise<MessageView[]> {
      const input = parse(observeInputSchema, data, 'observe');
      const settings = await deps.settings();
      const records = await deps.repo.observe(input.items, { now: deps.now(), agentName: settings.agentName });
      deps.afterWrite?.();
      return views(records, input.items.map((o) => o.id));
    },
    async peek(data: unknown): Promise<MessageView[]> {
      const input = parse(peekInputSchema, data, 'peek');
      return views(await deps.repo.get(input.platform, input.ids), input.ids);
    },
    async tag(data: unknown): Promise<MessageView> {
      const input = parse(tagInputSchema, data, 'tag');
      const settings = await deps.settings();
      try {
        const record = await deps.repo.tag(input.observation, input.patch, { now: deps.now(), agentName: settings.agentName });
        deps.afterWrite?.();
        return (await views([record], [record.id]))[0]!;
      } catch (e) {
        if (e instanceof PatchError) throw new InvalidMessageError(`tag: ${e.message}`);
        throw e;
      }
    },
  };
}

/** Registers the handlers synchronously (MV3: before the worker's first event is dispatched). */
export function registerHandlers(onMessage: OnMessage, deps: HandlerDeps): void {
  const h = createHandlers(deps);
  onMessage('observe', (m) => reply(() => h.observe(m.data)));
  onMessage('peek', (m) => reply(() => h.peek(m.data)));
  onMessage('tag', (m) => reply(() => h.tag(m.data)));
}

/**
 * Runs a handler and answers with a typed Reply: a refusal for invalid input, `unavailable`
 * for a database that cannot be reached or fails. Anything else is thrown to the sender,
 * which retries it for a while like a stopped worker.
 */
export async function reply<T>(run: () => Promise<T>): Promise<Reply<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (e instanceof InvalidMessageError) return { ok: false, refused: e.message };
    if (e instanceof StorageUnavailableError) return { ok: false, unavailable: e.problem, ...(e.detail ? { detail: e.detail } : {}) };
    if (isStorageError(e)) return { ok: false, unavailable: 'failed', detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    throw e;
  }
}

function toView(id: string, r: MessageRecord | undefined, clock: MessageView['clock'], latest: boolean): MessageView {
  return {
    id,
    stored: !!r,
    queryType: r?.queryType ?? null,
    status: r?.status ?? null,
    channel: r?.channel ?? null,
    sentiment: r?.sentiment ?? null,
    noReplyNeeded: r?.noReplyNeeded ?? false,
    sentBy: r?.sentBy ?? null,
    clock,
    waiting: !!r && !r.fromBrand && !r.noReplyNeeded && clock?.waitingSince != null && r.at >= clock.waitingSince,
    latest: !!r && latest,
    ...(r?.sentAsPerson ? { sentAsPerson: true as const } : {}),
  };
}
