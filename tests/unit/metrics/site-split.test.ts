import { describe, expect, it } from 'vitest';
import { computeFigures } from '../../../lib/metrics';
import { siteSplit } from '../../../lib/metrics/site-split';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { at, conversation } from './build';

const settings = { ...DEFAULT_SETTINGS, agentName: 'Ana' };
const query = { from: at('00:00'), to: at('23:59'), now: at('23:59'), mine: true } as const;
const x = conversation([['customer', '10:00'], ['me', '10:20']], { customer: 'dana' });
const facebook = conversation([['customer', '11:00'], ['me', '11:40'], ['customer', '12:00'], ['me', '12:10']], { platform: 'facebook', customer: '100012345678901' });

describe('siteSplit', () => {
  it("gives each site exactly the figures of that site's filter, X first", () => {
    const records = [...facebook, ...x];
    const split = siteSplit(records, settings, query)!;
    expect(split.map((s) => s.platform)).toEqual(['x', 'facebook']);
    for (const { platform, figures } of split) expect(figures).toEqual(computeFigures(records, settings, { ...query, platform }));
    // By hand: X one reply after 20 min; Facebook two, after 40 and 10 min.
    expect(split.map((s) => [s.figures.replies.count, s.figures.responseTime.calendar.median])).toEqual([
      [1, 20 * 60_000],
      [2, 25 * 60_000],
    ]);
  });

  it.each([
    ['X only', x],
    ['Facebook only', facebook],
    ['nothing', []],
  ])('is null with work on %s', (_, records) => {
    expect(siteSplit(records, settings, query)).toBeNull();
  });

  it("is null when one site's messages all fall outside the period", () => {
    const later = { ...query, from: at('11:00') };
    expect(siteSplit([...x, ...facebook], settings, later)).toBeNull();
  });
});
