// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { computeFigures, openCases, type FigureQuery } from '../../../lib/metrics';
import { allTime, at, conversation, settings } from './build';

// The case layout of a records array is built once and shared by later computations on the
// same array (lib/metrics/cases.ts); these specs hold that sharing to giving the same
// answers as a fresh array every time.
describe('computations sharing one records array', () => {
  const records = [
    ...conversation([['customer', '10:00', { queryType: 'complaint' }], ['me', '10:10'], ['customer', '10:30'], ['teammate', '11:00', { status: 'resolved' }]]),
    ...conversation([['customer', '10:05'], ['teammate', '10:20']], { platform: 'facebook' }),
    ...conversation([['customer', '12:00', { sentiment: 'negative' }]]),
  ];
  const queries: Partial<FigureQuery>[] = [{}, { mine: true }, { agent: 'someone' }, { platform: 'facebook' }, { mine: true, platform: 'x' }, {}];

  it.each(queries.map((q) => [JSON.stringify(q), q] as const))('answers %s as on a fresh copy', (_label, q) => {
    const shared = computeFigures(records, settings(), { ...allTime(), ...q });
    const fresh = computeFigures([...records], settings(), { ...allTime(), ...q });
    expect(shared).toEqual(fresh);
  });

  it('lists the same open cases before and after figures were computed on it', () => {
    const now = at('13:00');
    expect(openCases(records, settings(), now)).toEqual(openCases([...records], settings(), now));
  });

  it('sees a message added to the array after an earlier computation', () => {
    const grown = [...records];
    const before = openCases(grown, settings(), at('13:00'));
    expect(before.map((c) => c.customer)).toContain(records[records.length - 1]!.customer);
    // The waiting customer gets an answer that resolves the case.
    const last = records[records.length - 1]!;
    grown.push({ ...conversation([['me', '12:30', { status: 'resolved' }]], { rootId: last.rootId, customer: last.customer })[0]! });
    const after = openCases(grown, settings(), at('13:00'));
    expect(after.map((c) => c.customer)).not.toContain(last.customer);
  });
});
