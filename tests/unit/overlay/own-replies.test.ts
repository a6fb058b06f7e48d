// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CLOCK_MARGIN_MS, matchPending, PENDING_WINDOW_MS, type PendingReply } from '../../../lib/overlay/own-replies';
import { composer as facebookComposer } from '../../../lib/sites/facebook/composer';
import { snowflakeAt, snowflakeTime } from '../../../lib/sites/x/parse';
import { composer as xComposer } from '../../../lib/sites/x/composer';

const T = Date.UTC(2026, 10, 3, 12, 0);
const draft = (text: string, seenBefore: string[] = []): PendingReply => ({ text, replyTo: '101', submittedAt: T, seenBefore: new Set(seenBefore) });
/** A post X created `offsetMs` after the submit (negative: before it), as the page shows it. */
const post = (text: string, offsetMs = 1500, truncated = false) => {
  const id = snowflakeAt(T + offsetMs, 7);
  return { id, text, truncated, idTime: snowflakeTime(id) };
};

/** Matching as on X (its composer's draft normalising). */
const matchX = (pending: readonly PendingReply[], p: ReturnType<typeof post>, now: number) => matchPending(pending, p, now, xComposer.normaliseDraft);

describe('recognising my own reply', () => {
  it('matches the post that carries the text I just sent', () => {
    expect(matchX([draft('Sorry about that! DM us your order number.')], post('Sorry about that!  DM us your order number.'), T + 2000)).toBe(0);
  });

  it('ignores the @mentions X shows as "Replying to"', () => {
    expect(matchX([draft('@dana Sorry about that')], post('Sorry about that'), T + 1000)).toBe(0);
  });

  it('matches a long post that X shows truncated', () => {
    expect(matchX([draft('a '.repeat(200) + 'end')], post('a '.repeat(100) + '…', 1000, true), T + 1000)).toBe(0);
  });

  it('does not claim a teammate post with other text', () => {
    expect(matchX([draft('Sorry about that')], post('Thanks for waiting'), T + 1000)).toBe(-1);
  });

  it('does not claim a matching post that appears long after the submit', () => {
    expect(matchX([draft('Sorry about that')], post('Sorry about that'), T + PENDING_WINDOW_MS + 1)).toBe(-1);
  });
});

describe('a canned reply never claims a teammate post (issue 11 §4)', () => {
  const CANNED = 'Thanks for reaching out! Please DM us your account email.';

  it("does not claim an older teammate post with the same text that scrolls into view after my submit", () => {
    const teammates = post(CANNED, -10 * 60_000); // sent ten minutes before my submit
    expect(matchX([draft(CANNED)], teammates, T + 1000)).toBe(-1);
  });

  it('does not claim a post that was on the page before my submit, even one made seconds before', () => {
    const justBefore = post(CANNED, -2000);
    expect(matchX([draft(CANNED, [justBefore.id])], justBefore, T + 1000)).toBe(-1);
  });

  it("allows for this computer's clock running a little ahead of X's", () => {
    expect(matchX([draft(CANNED)], post(CANNED, -(CLOCK_MARGIN_MS - 1000)), T + 1000)).toBe(0);
    expect(matchX([draft(CANNED)], post(CANNED, -(CLOCK_MARGIN_MS + 1000)), T + 1000)).toBe(-1);
  });

  it.each([
    ['a longer teammate post that starts with my text', 'Thanks for reaching out!', CANNED],
    ['a shorter teammate post my text starts with (shown in full)', CANNED, 'Thanks for reaching out!'],
  ])('needs the exact text: does not claim %s', (_label, mine, theirs) => {
    expect(matchX([draft(mine)], post(theirs), T + 1000)).toBe(-1);
  });

  it('accepts only a long enough start of my text from a truncated post', () => {
    expect(matchX([draft(CANNED)], post('Thanks', 1000, true), T + 1000)).toBe(-1);
  });

  it('matches a Facebook comment by the Facebook draft rules: invisible characters dropped, an @name kept', () => {
    const fb = (text: string) => ({ id: '9001', text, truncated: false, idTime: null });
    expect(matchPending([draft('\u200bSorry about that\ufeff')], fb('Sorry about that'), T + 1000, facebookComposer.normaliseDraft)).toBe(0);
    // Facebook has no "Replying to" header: a leading @name is part of the posted text.
    expect(matchPending([draft('@dana Sorry about that')], fb('Sorry about that'), T + 1000, facebookComposer.normaliseDraft)).toBe(-1);
  });
});
