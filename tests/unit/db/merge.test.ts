// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { applyPatch, mergeObservation, olderId, PatchError } from '../../../lib/db/merge';
import { obs } from '../observation-builder';

const NOW = Date.UTC(2026, 10, 3);

describe('mergeObservation', () => {
  it('stores a new customer post with no tags, keyed by platform and id', () => {
    const r = mergeObservation(undefined, obs(), NOW);
    expect(r).toMatchObject({ key: 'x:101', caseKey: 'x:100:dana', customer: 'dana', queryType: null, status: null, sentBy: null, firstSeenAt: NOW });
  });

  it('never lets a later sighting erase tags or a claimed reply', () => {
    const tagged = applyPatch(mergeObservation(undefined, obs({ id: '102', author: 'acme', fromBrand: true, customer: 'dana' }), NOW), { sentBy: 'me', status: 'resolved' }, NOW, 'Ana');
    const again = mergeObservation(tagged, obs({ id: '102', author: 'acme', fromBrand: true, customer: 'dana', text: 'edited' }), NOW + 1);
    expect(again).toMatchObject({ sentBy: 'me', agent: 'Ana', status: 'resolved', text: 'edited', firstSeenAt: NOW });
  });

  it('records an unclaimed brand post as a teammate reply', () => {
    expect(mergeObservation(undefined, obs({ author: 'acme', fromBrand: true }), NOW).sentBy).toBe('teammate');
  });

  it('keeps the oldest root when a later page shows a longer ancestor chain', () => {
    const first = mergeObservation(undefined, obs({ rootId: '100' }), NOW);
    expect(mergeObservation(first, obs({ rootId: '90' }), NOW).caseKey).toBe('x:90:dana');
    expect(mergeObservation(mergeObservation(first, obs({ rootId: '90' }), NOW), obs({ rootId: '100' }), NOW).rootId).toBe('90');
  });

  it('takes the customer of a brand reply from its stored parent when the page does not say', () => {
    const r = mergeObservation(undefined, obs({ author: 'acme', fromBrand: true, customer: null }), NOW, 'dana');
    expect(r.caseKey).toBe('x:100:dana');
  });
});

describe('a sighting never downgrades what is established (issue 11 §3)', () => {
  const brandReply = (over = {}) => obs({ id: '102', author: 'acme', fromBrand: true, customer: 'dana', ...over });
  const mine = applyPatch(mergeObservation(undefined, brandReply(), NOW), { sentBy: 'me', status: 'resolved' }, NOW, 'Ana');
  // The same post read by a page pass that did not know the brand (no handles set, no profile link).
  const asCustomer = obs({ id: '102', author: 'acme', fromBrand: false, customer: 'acme' });

  it('keeps "My reply", its agent and its case when a pass sees the brand post as a customer post', () => {
    const again = mergeObservation(mine, asCustomer, NOW + 1);
    expect(again).toMatchObject({ fromBrand: true, sentBy: 'me', agent: 'Ana', customer: 'dana', caseKey: 'x:100:dana', status: 'resolved' });
  });

  it("keeps a teammate's reply a brand reply through such a pass", () => {
    const teammate = mergeObservation(undefined, brandReply(), NOW);
    expect(mergeObservation(teammate, asCustomer, NOW + 1)).toMatchObject({ fromBrand: true, sentBy: 'teammate', customer: 'dana' });
  });

  it.each([
    ['a customer sighting', obs()],
    ['a brand sighting (brand handles added later)', obs({ author: 'dana', fromBrand: true, customer: 'eve' })],
  ])('keeps the sentiment and tags the agent set on a customer post through %s', (_label, sighting) => {
    const tagged = applyPatch(mergeObservation(undefined, obs(), NOW), { sentiment: 'negative', queryType: 'complaint', noReplyNeeded: true }, NOW, 'Ana');
    expect(mergeObservation(tagged, sighting, NOW + 1)).toMatchObject({ sentiment: 'negative', queryType: 'complaint', noReplyNeeded: true });
  });

  it('keeps the display name when a later page shows none', () => {
    expect(mergeObservation(mine, brandReply({ authorName: '' }), NOW + 1).authorName).toBe('Dana');
  });

  it('marks the text of a translated post and of an Article, and only those', () => {
    expect(mergeObservation(undefined, obs({ textNote: 'translated' }), NOW).textNote).toBe('translated');
    expect(mergeObservation(undefined, obs(), NOW)).not.toHaveProperty('textNote');
  });
});

describe('applyPatch', () => {
  const base = mergeObservation(undefined, obs(), NOW);

  it.each([
    ['sentiment on a brand reply', { ...base, fromBrand: true }, { sentiment: 'negative' as const }],
    ['a sender on a customer post', base, { sentBy: 'me' as const }],
    ['a channel without the escalated status', base, { channel: 'dm' as const }],
  ])('refuses %s', (_label, record, patch) => {
    expect(() => applyPatch(record, patch, NOW, '')).toThrow(PatchError);
  });

  it('clears the channel when the status moves on from escalated', () => {
    const escalated = applyPatch(base, { status: 'escalated', channel: 'phone' }, NOW, '');
    expect(escalated.channel).toBe('phone');
    expect(applyPatch(escalated, { status: 'resolved' }, NOW, '').channel).toBeNull();
  });
});

describe('olderId', () => {
  it.each([
    ['100', '99', '99'],
    ['1245403438755852288', '1245425308704149506', '1245403438755852288'],
    ['pfbid02abc', '123', 'pfbid02abc'],
  ])('of %s and %s is %s', (a, b, older) => expect(olderId(a, b)).toBe(older));
});
