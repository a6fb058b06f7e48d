import { describe, expect, it } from 'vitest';
import { checkIncomingDoc, isOwnDoc, recordToDoc } from '../../../lib/sync/docs';
import { ownReply, record } from './records';

const NOW = Date.UTC(2026, 10, 20);

describe('a record on its way to the team server', () => {
  it('leaves without its message text unless the team turned texts on', () => {
    expect(recordToDoc(record(), { owner: 'ana', shareTexts: false }).record.text).toBe('');
    expect(recordToDoc(record(), { owner: 'ana', shareTexts: true }).record.text).toBe('my order never arrived');
  });

  it('is keyed by platform:id and names the agent as owner and as the sender of their own replies', () => {
    const doc = recordToDoc(ownReply('Ana Pop'), { owner: 'ana', shareTexts: false });
    expect(doc).toMatchObject({ _id: 'x:150', owner: 'ana', record: { sentBy: 'me', agent: 'ana' } });
  });
});

describe('the push filter', () => {
  it.each([
    ['the agent’s own message', { _id: 'x:1', type: 'threadmark-message', owner: 'ana' }, true],
    ['another agent’s message', { _id: 'x:1', type: 'threadmark-message', owner: 'bob' }, false],
    ['a design document', { _id: '_design/threadmark', type: 'threadmark-message', owner: 'ana' }, false],
    ['a document of another kind', { _id: 'x:1', type: 'settings', owner: 'ana' }, false],
  ])('lets %s through: %s', (_, doc, expected) => {
    expect(isOwnDoc(doc, 'ana')).toBe(expected);
  });
});

describe('a document pulled from an agent database', () => {
  const good = () => recordToDoc(record({ queryType: 'complaint' }), { owner: 'ana', shareTexts: false });

  it('is accepted when it follows the export file rules', () => {
    expect(checkIncomingDoc({ ...good(), _rev: '1-a' }, 'threadmark-agent-ana', 'ana', NOW)).toMatchObject({ ok: true, owner: 'ana', record: { key: 'x:101' } });
  });

  it('is accepted with the conflicts the server kept, and gives the record as the agent wrote it', () => {
    const doc = { ...good(), _rev: '2-a', _conflicts: ['2-b'] };
    expect(checkIncomingDoc(doc, 'threadmark-agent-ana', 'ana', NOW)).toEqual({ ok: true, owner: 'ana', record: good().record });
  });

  it.each([
    ['an unknown query type', (d: ReturnType<typeof good>) => ({ ...d, record: { ...d.record, queryType: 'spam' } }), 'record.queryType'],
    ['a key that is not platform:id', (d: ReturnType<typeof good>) => ({ ...d, record: { ...d.record, key: 'x:999' } }), 'record.key'],
    ['an id that is not the record key', (d: ReturnType<typeof good>) => ({ ...d, _id: 'x:102' }), '_id'],
    ['another agent as owner', (d: ReturnType<typeof good>) => ({ ...d, owner: 'bob' }), 'owner'],
    ['credit to another agent', (d: ReturnType<typeof good>) => ({ ...d, record: { ...d.record, fromBrand: true, sentBy: 'me', agent: 'bob' } }), 'record.agent'],
    ['an unknown field', (d: ReturnType<typeof good>) => ({ ...d, extra: 1 }), ''],
    ['a newer document version', (d: ReturnType<typeof good>) => ({ ...d, v: 2 }), 'v'],
    ['no record', (d: ReturnType<typeof good>) => ({ ...d, record: undefined }), 'record'],
    ['conflicts that are not revisions', (d: ReturnType<typeof good>) => ({ ...d, _conflicts: [1] }), '_conflicts.0'],
    ['a record with a field the export file does not have', (d: ReturnType<typeof good>) => ({ ...d, record: { ...d.record, score: 5 } }), 'record'],
    ['a record time after the pull', (d: ReturnType<typeof good>) => ({ ...d, record: { ...d.record, updatedAt: NOW + 2 * 86_400_000 } }), 'record.updatedAt'],
  ])('is refused and named when it has %s', (_, edit, field) => {
    const result = checkIncomingDoc({ ...edit(good()), _rev: '2-b' }, 'threadmark-agent-ana', 'ana', NOW);
    expect(result).toMatchObject({ ok: false, invalid: { db: 'threadmark-agent-ana', id: expect.any(String), rev: '2-b', field } });
  });
});
