import { z } from 'zod';
import { observationSchema, platformIdSchema, platformSchema, tagPatchSchema } from '../schema/records';
import type { CaseClock } from '../metrics/types';
import type { Channel, QueryType, Sender, Sentiment, Status } from '../schema/taxonomy';
import { STORAGE_PROBLEMS, type Reply, type StorageProblem } from './replies';

export type { CaseClock };

/**
 * Runtime messages between a content script and the background (the only writer).
 * The zod schemas validate every message on arrival; the types below are what both
 * sides compile against.
 */
export const observeInputSchema = z.object({ items: z.array(observationSchema).max(500) }).strict();
export const peekInputSchema = z
  .object({ platform: platformSchema, ids: z.array(platformIdSchema).max(500) })
  .strict();
export const tagInputSchema = z.object({ observation: observationSchema, patch: tagPatchSchema }).strict();

export type ObserveInput = z.infer<typeof observeInputSchema>;
export type PeekInput = z.infer<typeof peekInputSchema>;
export type TagInput = z.infer<typeof tagInputSchema>;

/** What a bar shows for one message. */
export interface MessageView {
  id: string;
  stored: boolean;
  queryType: QueryType | null;
  status: Status | null;
  channel: Channel | null;
  sentiment: Sentiment | null;
  noReplyNeeded: boolean;
  sentBy: Sender | null;
  clock: CaseClock | null;
  /** A customer post still waiting for a brand reply (its time ≥ the case's waitingSince). */
  waiting: boolean;
  /** The newest customer post of its case: the one that carries the case summary. */
  latest: boolean;
  /** Facebook: a brand reply sent from the agent's own profile, not the Page (the bar says so). */
  sentAsPerson?: true;
}

export interface ProtocolMap {
  /** Store (idempotently) the posts of a tracked conversation; returns their views. */
  observe(data: ObserveInput): MessageView[];
  /** Views for posts without storing them (pages that are not tracked conversations). */
  peek(data: PeekInput): MessageView[];
  /** Set tags on one post, storing the post if it is new. */
  tag(data: TagInput): MessageView;
}

/**
 * A failed answer (see replies.ts for what each means to the sender). Typed, not a thrown
 * string, so the outbox tells a refusal from a storage problem without reading messages.
 */
export const failureReplySchema = z.union([
  z.object({ ok: z.literal(false), refused: z.string() }).strict(),
  z.object({ ok: z.literal(false), unavailable: z.enum(STORAGE_PROBLEMS as [StorageProblem, ...StorageProblem[]]), detail: z.string().optional() }).strict(),
]);

/** What actually crosses the channel: each answer of ProtocolMap wrapped in a Reply. */
export type WireProtocolMap = { [K in keyof ProtocolMap]: (data: Parameters<ProtocolMap[K]>[0]) => Reply<ReturnType<ProtocolMap[K]>> };
