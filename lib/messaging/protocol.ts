import { z } from 'zod';
import { observationSchema, platformIdSchema, platformSchema, tagPatchSchema } from '../schema/records';
import type { Channel, QueryType, Sender, Sentiment, Status } from '../schema/taxonomy';

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

/** The live state of one case, for the clock in a customer message's bar. */
export interface CaseClock {
  caseKey: string;
  /** Start of the current cycle (first customer message after creation or resolution). */
  cycleStart: number | null;
  /** Oldest customer message not yet followed by a brand reply (DESIGN §4). */
  waitingSince: number | null;
  /** When the waiting message passes the SLA target / limit (business time when a schedule is set). */
  deadline: number | null;
  limitAt: number | null;
  /** Messages exchanged (customer and brand, public) in the current cycle. */
  exchanged: number;
  status: Status | null;
  /** The cycle passed the escalation threshold without being resolved. */
  escalationSuggested: boolean;
}

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
}

export interface ProtocolMap {
  /** Store (idempotently) the posts of a tracked conversation; returns their views. */
  observe(data: ObserveInput): MessageView[];
  /** Views for posts without storing them (pages that are not tracked conversations). */
  peek(data: PeekInput): MessageView[];
  /** Set tags on one post, storing the post if it is new. */
  tag(data: TagInput): MessageView;
}
