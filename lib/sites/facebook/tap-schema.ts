/**
 * The tap's message, as zod: the single source of truth for its shape and types. Neither
 * script bundles this file (zod would triple facebook.js, and the MAIN-world tap has no
 * dependencies): the content script checks messages with `isTapMessage` (tap-receiver.ts),
 * whose agreement with these schemas tests/unit/sites/facebook-tap-guard.test.ts proves
 * on every case it lists and on thousands of generated ones.
 */
import { z } from 'zod';
import { NUMERIC_ID_RE } from './selectors';
import { TAP_MAX_ITEMS, TAP_MAX_SECONDS, TAP_MIN_SECONDS, TAP_SOURCE, TAP_VERSION } from './tap';

const id = z.string().regex(NUMERIC_ID_RE);

/** created_time in Unix seconds: 2004 … 2100. */
const unixSeconds = z.number().int().min(TAP_MIN_SECONDS).max(TAP_MAX_SECONDS);

export const tapItemSchema = z.strictObject({ id, createdTime: unixSeconds, authorId: id.optional(), parentId: id.optional() });
export const tapMessageSchema = z.strictObject({
  source: z.literal(TAP_SOURCE),
  v: z.literal(TAP_VERSION),
  actor: id.optional(),
  items: z.array(tapItemSchema).min(1).max(TAP_MAX_ITEMS),
});

export type TapItemShape = z.infer<typeof tapItemSchema>;
export type TapMessageShape = z.infer<typeof tapMessageSchema>;
