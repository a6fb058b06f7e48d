// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../lib/schema/records';
import { fromAgentFile, mergeTeamRecord, settleCredit, type TeamRecord } from '../../../lib/team/merge';
import { at, conversation } from '../metrics/build';

const [customer, reply] = conversation([
  ['customer', '10:00'],
  ['me', '10:20'],
]);

/** The same message as agent `agent`'s file has it. */
const seen = (r: MessageRecord, agent: string, patch: Partial<MessageRecord> = {}) => fromAgentFile({ ...r, ...patch }, agent);
const merge = (...rows: TeamRecord[]) => {
  let row: TeamRecord | undefined;
  const disagreements = [];
  for (const r of rows) {
    const m = mergeTeamRecord(row, r);
    row = m.row;
    disagreements.push(...m.disagreements);
  }
  return { row: row!, disagreements };
};

describe('merging two agents\' records of one message', () => {
  it('keeps the later tag and lists the disagreement for the lead', () => {
    const ana = seen(customer!, 'Ana', { queryType: 'complaint', taggedAt: at('10:05') });
    const bea = seen(customer!, 'Bea', { queryType: 'technical_question', taggedAt: at('10:30') });
    const { row, disagreements } = merge(ana, bea);
    expect(row.queryType).toBe('technical_question');
    expect(row.tagBy).toBe('Bea');
    expect(disagreements).toEqual([
      expect.objectContaining({
        field: 'queryType',
        kept: { agent: 'Bea', value: 'technical_question', at: at('10:30') },
        other: { agent: 'Ana', value: 'complaint', at: at('10:05') },
      }),
    ]);
  });

  it('gives the same result whichever file is imported first', () => {
    const ana = seen(customer!, 'Ana', { status: 'resolved', sentiment: 'negative', taggedAt: at('10:30') });
    const bea = seen(customer!, 'Bea', { status: 'pending', taggedAt: at('10:30') });
    const ab = merge(ana, bea);
    const ba = merge(bea, ana);
    expect(ab.row).toEqual(ba.row);
    expect(ab.row.tagBy).toBe('Ana');
    expect(ab.disagreements.map((d) => d.id).sort()).toEqual(ba.disagreements.map((d) => d.id).sort());
  });

  it.each([
    ['an agent who never tagged it', seen(customer!, 'Bea'), 0],
    ['the same agent\'s newer export', seen(customer!, 'Ana', { queryType: 'feedback', taggedAt: at('11:00') }), 0],
    ['an agent who agrees', seen(customer!, 'Bea', { queryType: 'complaint', taggedAt: at('11:00') }), 0],
  ])('finds no disagreement with %s', (_, other, n) => {
    const ana = seen(customer!, 'Ana', { queryType: 'complaint', taggedAt: at('10:05') });
    expect(merge(ana, other).disagreements).toHaveLength(n);
    expect(merge(other, ana).disagreements).toHaveLength(n);
  });

  it('merges the facts: an exact time beats an approximate one and the oldest root wins', () => {
    const approx = seen(customer!, 'Ana', { at: at('09:58'), atPrecision: 'approx', rootId: '500000' });
    const exact = seen(customer!, 'Bea', { rootId: '400000' });
    for (const { row } of [merge(approx, exact), merge(exact, approx)]) {
      expect(row.at).toBe(at('10:00'));
      expect(row.atPrecision).toBe('exact');
      expect(row.rootId).toBe('400000');
      expect(row.caseKey).toBe(`x:400000:${customer!.customer}`);
    }
  });

  it("credits a reply to the one agent who claims it, whoever else saw it as a teammate's", () => {
    const mine = seen(reply!, 'Ana');
    const theirs = seen(reply!, 'Bea', { sentBy: 'teammate', agent: null });
    for (const { row } of [merge(mine, theirs), merge(theirs, mine)]) {
      expect(row).toMatchObject({ sentBy: 'me', agent: 'Ana', claimants: ['Ana'] });
    }
  });

  it('credits nobody when two agents claim one reply, until the lead settles it', () => {
    const { row, disagreements } = merge(seen(reply!, 'Bea'), seen(reply!, 'Ana'));
    expect(row).toMatchObject({ sentBy: 'teammate', agent: null, claimants: ['Ana', 'Bea'] });
    expect(disagreements).toEqual([expect.objectContaining({ field: 'credit', other: expect.objectContaining({ agent: 'Ana, Bea' }) })]);
    const settled = settleCredit(row, 'Bea');
    expect(settled).toMatchObject({ sentBy: 'me', agent: 'Bea', settledAgent: 'Bea' });
    // A later import of a third claim does not undo the lead's decision.
    expect(merge(settled, seen(reply!, 'Cai')).row.agent).toBe('Bea');
    expect(() => settleCredit(row, 'Cai')).toThrow(/did not claim/);
  });

  it('changes nothing when the same record is merged again', () => {
    const ana = seen(reply!, 'Ana', { status: 'resolved', taggedAt: at('10:21') });
    const once = merge(ana);
    expect(merge(ana, ana)).toEqual(once);
  });
});

describe('a team row', () => {
  it.each([
    ['an X reply the agent sent', { ...reply! }],
    ['a Facebook comment with an approximate time, a note, a Page and a person', {
      ...customer!, atPrecision: 'approx' as const, approxFrom: customer!.at - 60_000, approxTo: customer!.at, textNote: 'translated' as const, pageId: '42', sentAsPerson: true as const,
    }],
  ])('keeps every field of %s, and no field it does not have', (_, r) => {
    const row = fromAgentFile(r, 'Ana');
    const { tagBy, claimants, settledAgent, sentBy, agent, ...rest } = row;
    expect(Object.keys(row).sort()).toEqual([...Object.keys(r), 'tagBy', 'claimants', 'settledAgent'].sort());
    const { sentBy: _s, agent: _a, ...same } = r;
    expect(rest).toEqual(same);
    expect({ tagBy, claimants, settledAgent }).toEqual({ tagBy: r.taggedAt === null ? null : 'Ana', claimants: r.sentBy === 'me' ? ['Ana'] : [], settledAgent: null });
    expect({ sentBy, agent }).toEqual(r.fromBrand ? (r.sentBy === 'me' ? { sentBy: 'me', agent: 'Ana' } : { sentBy: 'teammate', agent: null }) : { sentBy: null, agent: null });
    // Merged with itself, nothing changes and no field appears or goes.
    expect(mergeTeamRecord(row, fromAgentFile(r, 'Ana')).row).toStrictEqual(row);
  });
});
