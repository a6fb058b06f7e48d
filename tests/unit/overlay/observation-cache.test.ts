// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createObservationCache, toObservations, type ReadyPost } from '../../../lib/overlay/observation';
import { createOwnReplyWatch } from '../../../lib/overlay/own-reply-watch';
import { newPageSession, signatureOf } from '../../../lib/overlay/page-session';
import type { Observation } from '../../../lib/schema/records';
import type { Composer, ParsedPost } from '../../../lib/sites/types';
import { composer as xComposer } from '../../../lib/sites/x/composer';

const T = Date.UTC(2026, 10, 3, 12, 0);

/** A post as an adapter returns it: the same object for as long as the post is unchanged. */
function post(id: string, author: string, text: string, mentions: string[] = []): ParsedPost {
  return { id, author, authorName: author, at: T + Number(id), text, truncated: false, permalink: `https://x.com/${author}/status/${id}`, mentions };
}
/** A fresh wrapper around `p` on every pass, as the adapters make them. */
const at = (p: ParsedPost, inReplyTo: string | null, rootId: string | null = '100'): ReadyPost => ({ element: {} as HTMLElement, post: p, problem: null, role: 'reply', rootId, inReplyTo });

const root = post('100', 'dana', 'My parcel never came');
const second = post('101', 'dana', 'Still waiting');
const secondEdited = post('101', 'dana', 'Still waiting, day 5');
const brandReply = post('102', 'acme', 'Sorry, DM us', ['dana']);
const lateChild = post('104', 'acme', 'We sent it again');
const lateParent = post('103', 'eve', 'Mine too');
const stray = post('105', 'finn', 'Same here');
const ownReply = post('106', 'acme', 'Sorry about that, DM us');

interface Pass {
  label: string;
  posts: () => ReadyPost[];
  brand: string[];
  focusedId: string | null;
  /** The agent submits the composer before this pass. */
  submit?: boolean;
}

// Each pass makes new wrappers around the same post objects, like the Facebook and X adapters.
const PASSES: Pass[] = [
  { label: 'first read: two customer posts, one without a known root', posts: () => [at(root, null), at(second, '100'), at(stray, '100', null)], brand: ['acme'], focusedId: null },
  { label: 'a brand reply is added', posts: () => [at(root, null), at(second, '100'), at(brandReply, '101'), at(stray, '100', null)], brand: ['acme'], focusedId: null },
  { label: 'nothing changed', posts: () => [at(root, null), at(second, '100'), at(brandReply, '101'), at(stray, '100', null)], brand: ['acme'], focusedId: null },
  { label: 'a post changed (a new object)', posts: () => [at(root, null), at(secondEdited, '100'), at(brandReply, '101'), at(stray, '100', null)], brand: ['acme'], focusedId: null },
  { label: 'a brand reply whose parent is not on the page yet', posts: () => [at(root, null), at(secondEdited, '100'), at(brandReply, '101'), at(lateChild, '103'), at(stray, '100', null)], brand: ['acme'], focusedId: null },
  { label: 'the parent arrives later', posts: () => [at(root, null), at(secondEdited, '100'), at(brandReply, '101'), at(lateParent, '100'), at(lateChild, '103'), at(stray, '100', null)], brand: ['acme'], focusedId: null },
  { label: 'the page places the same post under another parent', posts: () => [at(root, null), at(secondEdited, '100'), at(brandReply, '101'), at(lateParent, '100'), at(lateChild, '103'), at(stray, '103', null)], brand: ['acme'], focusedId: null },
  { label: 'the focused post becomes known (the root of posts without one)', posts: () => [at(root, null), at(secondEdited, '100'), at(brandReply, '101'), at(lateParent, '100'), at(lateChild, '103'), at(stray, '103', null)], brand: ['acme'], focusedId: '100' },
  { label: 'the brand set gains a customer author', posts: () => [at(root, null), at(secondEdited, '100'), at(brandReply, '101'), at(lateParent, '100'), at(lateChild, '103'), at(stray, '103', null)], brand: ['acme', 'eve'], focusedId: '100' },
  { label: 'the brand set loses it again', posts: () => [at(root, null), at(secondEdited, '100'), at(brandReply, '101'), at(lateParent, '100'), at(lateChild, '103'), at(stray, '103', null)], brand: ['acme'], focusedId: '100' },
  { label: "the agent's own reply appears after a submit", posts: () => [at(root, null), at(secondEdited, '100'), at(brandReply, '101'), at(lateParent, '100'), at(lateChild, '103'), at(stray, '103', null), at(ownReply, '101')], brand: ['acme'], focusedId: '100', submit: true },
  { label: 'nothing changed after the claim', posts: () => [at(root, null), at(secondEdited, '100'), at(brandReply, '101'), at(lateParent, '100'), at(lateChild, '103'), at(stray, '103', null), at(ownReply, '101')], brand: ['acme'], focusedId: '100' },
];

/** The runtime's pass from the ready posts on (lib/overlay/runtime.ts): what it sends and claims. */
function pipeline(observe: (posts: ReadyPost[], brand: ReadonlySet<string>, fallbackRoot: string | null) => Observation[]) {
  const composer: Composer = {
    isSubmit: (el) => el.matches('button'),
    isTextbox: (el) => el.matches('[role="textbox"]'),
    draftText: () => 'Sorry about that, DM us',
    replyTarget: () => '101',
    isSubmitKey: xComposer.isSubmitKey,
    normaliseDraft: xComposer.normaliseDraft,
  };
  const page = newPageSession('https://x.com/dana/status/100');
  const watch = createOwnReplyWatch({ platform: 'x', composer, idTime: () => null }, document, () => true, () => page);
  return (pass: Pass) => {
    if (pass.submit) watch.onClick({ target: document.querySelector('button'), isTrusted: true } as unknown as MouseEvent);
    const brand = new Set(pass.brand);
    const ready = pass.posts();
    page.focusedId = pass.focusedId;
    const observations = observe(ready, brand, page.focusedId);
    ready.forEach((p) => page.posts.set(p.post.id, p));
    const claims = watch.claims(observations, brand, page);
    const fresh = observations.filter((o) => page.sent.get(o.id) !== signatureOf(o));
    for (const o of fresh) page.sent.set(o.id, signatureOf(o));
    return { observations, claims, fresh };
  };
}

describe('the observation cache', () => {
  it('sends and claims exactly what building every observation afresh does, pass after pass', () => {
    document.body.innerHTML = '<button>Reply</button>';
    const uncached = pipeline((posts, brand, fallbackRoot) => toObservations('x', posts, brand, fallbackRoot));
    const cached = pipeline(createObservationCache('x'));
    const sentPerPass = PASSES.map((pass) => {
      const want = uncached(pass);
      const got = cached(pass);
      expect(got, pass.label).toEqual(want);
      return [pass.label, got.fresh.map((o) => o.id), got.claims.map((c) => c.id)];
    });
    // The sequence exercises what it claims to: sends on change, nothing when nothing changed, one claim.
    expect(sentPerPass).toEqual([
      [PASSES[0]!.label, ['100', '101', '105'], []],
      [PASSES[1]!.label, ['102'], []],
      [PASSES[2]!.label, [], []],
      [PASSES[3]!.label, ['101'], []],
      [PASSES[4]!.label, ['104'], []],
      [PASSES[5]!.label, ['103', '104'], []],
      [PASSES[6]!.label, ['105'], []],
      [PASSES[7]!.label, ['105'], []],
      [PASSES[8]!.label, ['103', '104'], []],
      [PASSES[9]!.label, ['103', '104'], []],
      [PASSES[10]!.label, ['106'], ['106']],
      [PASSES[11]!.label, [], []],
    ]);
  });

  it("reuses an unchanged customer post's observation and builds a brand post's afresh", () => {
    const observe = createObservationCache('facebook');
    const brand = new Set(['acme']);
    const [c1, b1] = observe([at(root, null), at(brandReply, '100')], brand);
    const [c2, b2] = observe([at(root, null), at(brandReply, '100')], brand);
    expect(c2).toBe(c1);
    expect(b2).not.toBe(b1);
    expect(b2).toEqual(b1);
  });
});
