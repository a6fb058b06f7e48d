import { describe, expect, it } from 'vitest';
import { foldLeaves } from '../../../lib/sync/conflicts';
import { fromAgentFile, mergeTeamRecord } from '../../../lib/team/merge';
import { ownReply, record } from './records';

const ana = { owner: 'ana', record: record({ queryType: 'complaint', sentiment: 'negative' }, Date.UTC(2026, 10, 2, 11)) };
const bob = { owner: 'bob', record: record({ queryType: 'technical_question', sentiment: 'negative' }, Date.UTC(2026, 10, 2, 12)) };

describe('CouchDB conflicts as the report’s disagreements', () => {
  it('keeps the tags of the agent who tagged last and lists the other agent’s differing tag', () => {
    const { row, disagreements } = foldLeaves(undefined, [ana, bob]);
    expect(row).toMatchObject({ queryType: 'technical_question', tagBy: 'bob' });
    expect(disagreements).toEqual([
      expect.objectContaining({ key: 'x:101', field: 'queryType', kept: expect.objectContaining({ agent: 'bob' }), other: expect.objectContaining({ agent: 'ana', value: 'complaint' }) }),
    ]);
  });

  it('gives the same result whichever revision CouchDB made the winner', () => {
    expect(foldLeaves(undefined, [bob, ana])).toEqual(foldLeaves(undefined, [ana, bob]));
  });

  it('gives the same row and disagreements as importing the two agents’ files', () => {
    const first = mergeTeamRecord(undefined, fromAgentFile(ana.record, 'ana'));
    const files = mergeTeamRecord(first.row, fromAgentFile(bob.record, 'bob'));
    const synced = foldLeaves(undefined, [ana, bob]);
    expect(synced.row).toEqual(files.row);
    expect(synced.disagreements).toEqual(files.disagreements);
  });

  it('folds onto what files brought before, and changes nothing when folded again', () => {
    const once = foldLeaves(undefined, [ana, bob]);
    const again = foldLeaves(once.row, [ana, bob]);
    expect(again.row).toEqual(once.row);
    expect(again.disagreements.map((d) => d.id)).toEqual(once.disagreements.map((d) => d.id));
  });

  it('credits a reply claimed by two agents to nobody and lists the dispute', () => {
    const { row, disagreements } = foldLeaves(undefined, [
      { owner: 'ana', record: { ...ownReply('ana'), agent: 'ana' } },
      { owner: 'bob', record: { ...ownReply('bob'), agent: 'bob' } },
    ]);
    expect(row).toMatchObject({ sentBy: 'teammate', agent: null, claimants: ['ana', 'bob'] });
    expect(disagreements.map((d) => d.field)).toContain('credit');
  });

  it('has nothing to fold when every leaf was refused', () => {
    expect(foldLeaves(undefined, [])).toEqual({ row: undefined, disagreements: [] });
  });
});
