import { z } from 'zod';
import {
  CHANNELS,
  PLATFORMS,
  QUERY_TYPES,
  SENDERS,
  SENTIMENTS,
  STATUSES,
  TEXT_NOTES,
  X_HANDLE_RE,
  type Platform,
} from './taxonomy';
import { isHandle, isPermalink, isSaneTime, UNSAFE_NAME_CHARS } from './sites';

export const platformSchema = z.enum(PLATFORMS);
export const queryTypeSchema = z.enum(QUERY_TYPES);
export const statusSchema = z.enum(STATUSES);
export const channelSchema = z.enum(CHANNELS);
export const sentimentSchema = z.enum(SENTIMENTS);
export const senderSchema = z.enum(SENDERS);
export const textNoteSchema = z.enum(TEXT_NOTES);

/** Numeric platform ids (X snowflakes, Facebook comment ids), Facebook `pfbid…` slugs or Business Suite message ids (`mid.$…`). */
export const platformIdSchema = z.string().regex(/^(\d{1,25}|pfbid[0-9A-Za-z]{10,80}|m(?:id)?\.\$?[A-Za-z0-9_.$:-]{4,200})$/, 'not a platform id');

/** What the agent sets on a message. Every field is optional so a patch says only what changed. */
export const tagPatchSchema = z
  .object({
    queryType: queryTypeSchema.nullable(),
    status: statusSchema.nullable(),
    channel: channelSchema.nullable(),
    sentiment: sentimentSchema.nullable(),
    noReplyNeeded: z.boolean(),
    /** The agent claims a brand reply as their own (it was sent from another device, say). */
    sentBy: senderSchema,
  })
  .partial()
  .strict();
export type TagPatch = z.infer<typeof tagPatchSchema>;

/**
 * What a site adapter reads off one post. Times come from the site (DESIGN §3), never from
 * the click. `customer` is the case's customer: the author for customer messages, the
 * addressed customer for brand messages (null when the page does not say).
 *
 * The page is untrusted input: handles follow the site's rule, permalinks point to the
 * site only, display names carry no control or direction-override characters and times
 * are ones a real post can have (lib/schema/sites.ts).
 */
export const observationShape = z
  .object({
    platform: platformSchema,
    id: platformIdSchema,
    rootId: platformIdSchema,
    inReplyTo: platformIdSchema.nullable(),
    author: z.string().min(1).max(100),
    authorName: z.string().max(200).refine((n) => !UNSAFE_NAME_CHARS.test(n), 'control or direction-override characters'),
    fromBrand: z.boolean(),
    customer: z.string().min(1).max(100).nullable(),
    at: z.number().int().refine((t) => isSaneTime(t), 'not a time a post can have'),
    atPrecision: z.enum(['exact', 'approx']),
    text: z.string().max(5000),
    /**
     * Why `text` is not simply the post's words: `translated` (the site showed only its own
     * translation), `article` (an X Article: the title; the body is not captured). Absent on
     * ordinary posts, so rows stored before it existed keep their shape.
     */
    textNote: textNoteSchema.optional(),
    permalink: z.string().max(500),
    /**
     * With `atPrecision: 'approx'` (Facebook's relative "2 h"): the interval the page's text
     * allows; `at` is its latest end. Absent on exact times, so older rows keep their shape.
     */
    approxFrom: z.number().int().optional(),
    approxTo: z.number().int().optional(),
    /** Facebook: the numeric Page id the agent acted as when the reply was sent. */
    pageId: z.string().regex(/^\d{1,25}$/).optional(),
    /** Facebook: a brand reply written from the agent's own profile instead of the Page. */
    sentAsPerson: z.literal(true).optional(),
  })
  .strict();

/** The fields whose rule depends on the platform (lib/schema/sites.ts), with the path of the bad one. */
export function siteRules(
  o: { platform: Platform; author: string; customer: string | null; permalink: string; at: number; atPrecision: 'exact' | 'approx'; approxFrom?: number; approxTo?: number },
  ctx: z.RefinementCtx,
) {
  const hasInterval = o.approxFrom !== undefined || o.approxTo !== undefined;
  if (hasInterval && o.atPrecision !== 'approx') ctx.addIssue({ code: 'custom', path: ['approxFrom'], message: 'an interval only goes with an approximate time' });
  if (hasInterval && !(o.approxFrom !== undefined && o.approxTo !== undefined && o.approxFrom <= o.approxTo && o.approxTo === o.at)) {
    ctx.addIssue({ code: 'custom', path: ['approxTo'], message: 'an approximate time needs from ≤ to = at' });
  }
  if (!isHandle(o.platform, o.author)) ctx.addIssue({ code: 'custom', path: ['author'], message: `not a ${o.platform} handle` });
  if (o.customer !== null && !isHandle(o.platform, o.customer)) ctx.addIssue({ code: 'custom', path: ['customer'], message: `not a ${o.platform} handle` });
  if (!isPermalink(o.platform, o.permalink)) ctx.addIssue({ code: 'custom', path: ['permalink'], message: `not a ${o.platform} permalink` });
}

export const observationSchema = observationShape.superRefine(siteRules);
export type Observation = z.infer<typeof observationSchema>;

/**
 * One stored message. Primary key `key` = `${platform}:${id}`, so every write is idempotent.
 * `messageRecordShape` is the plain object (zod refuses .pick/.omit/.partial on a refined
 * schema): derive export rows from it and validate with `siteRules` or the full schema.
 */
export const messageRecordShape = observationShape
  .extend({
    key: z.string(),
    caseKey: z.string(),
    customer: z.string().min(1).max(100),
    sentBy: senderSchema.nullable(),
    /** Agent name for `me` replies (settings at the time); null otherwise. */
    agent: z.string().max(100).nullable(),
    queryType: queryTypeSchema.nullable(),
    status: statusSchema.nullable(),
    channel: channelSchema.nullable(),
    sentiment: sentimentSchema.nullable(),
    noReplyNeeded: z.boolean(),
    firstSeenAt: z.number().int(),
    taggedAt: z.number().int().nullable(),
    updatedAt: z.number().int(),
  })
  .strict();
export const messageRecordSchema = messageRecordShape.superRefine(siteRules);
export type MessageRecord = z.infer<typeof messageRecordSchema>;

/**
 * Messages shown to the agent are i18n keys (locales/*.yml `errors.*`), translated where
 * they are displayed. Number fields from forms arrive as NaN when empty: say so plainly.
 */
const num = () => z.number({ error: 'errors.number' });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'errors.time');

export const slaOverrideSchema = z
  .object({
    platform: platformSchema.nullable(),
    queryType: queryTypeSchema.nullable(),
    targetMinutes: num().positive('errors.positive').max(60 * 24 * 30, 'errors.tooLarge'),
    limitHours: num().positive('errors.positive').max(24 * 90, 'errors.tooLarge'),
  })
  .strict();

export const scheduleSchema = z
  .object({
    /** IANA zone, e.g. Europe/Bucharest. */
    timeZone: z.string().refine(isTimeZone, 'errors.timeZone'),
    /** Opening hours per weekday, 0 = Sunday … 6 = Saturday; a day may have several spans. */
    week: z
      .array(z.object({ day: z.number().int().min(0).max(6), start: hhmm, end: hhmm }).strict())
      .refine((spans) => spans.every((s) => s.start < s.end), 'errors.span'),
    /** Local dates (YYYY-MM-DD) when the team is closed. */
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date')),
  })
  .strict();
export type Schedule = z.infer<typeof scheduleSchema>;

export const settingsSchema = z
  .object({
    agentName: z.string().trim().max(100),
    brandHandles: z
      .object({
        x: z.array(z.string().regex(X_HANDLE_RE, 'errors.handle')),
        facebook: z.array(z.string().min(1).max(100)),
      })
      .strict(),
    /** Display names of brand Pages by numeric Page id; added later, so settings without it load with none. */
    brandPageNames: z.record(z.string().regex(/^\d{1,20}$/), z.string().trim().min(1).max(100)).default({}),
    sla: z
      .object({
        targetMinutes: num().positive('errors.positive').max(60 * 24 * 30, 'errors.tooLarge'),
        limitHours: num().positive('errors.positive').max(24 * 90, 'errors.tooLarge'),
        overrides: z.array(slaOverrideSchema),
      })
      .strict()
      .refine((s) => s.targetMinutes <= s.limitHours * 60, {
        message: 'errors.targetOverLimit',
        path: ['targetMinutes'],
      }),
    schedule: scheduleSchema.nullable(),
    escalationThreshold: num().int('errors.whole').min(2, 'errors.min2').max(100, 'errors.tooLarge'),
    cost: z
      .object({ hourly: num().nonnegative('errors.negative'), weeklyHours: num().positive('errors.positive').max(168, 'errors.week') })
      .strict()
      .nullable(),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
