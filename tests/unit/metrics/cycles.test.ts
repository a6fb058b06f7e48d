// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { computeFigures, type FigureQuery } from '../../../lib/metrics';
import type { MessageRecord, Settings } from '../../../lib/schema/records';
import { allTime, at, conversation, DAY_MS, MIN, settings, type Step } from './build';

function figures(records: MessageRecord[], s: Settings = settings(), q: Partial<FigureQuery> = {}) {
  return computeFigures(records, s, { ...allTime(), ...q });
}

describe('resolution time and tweets to resolve', () => {
  it('measures each resolved cycle from its start to the resolving message, inclusive', () => {
    const records = conversation([
      ['customer', '10:00'],
      ['me', '10:10'],
      ['customer', '10:30'],
      ['me', '11:00', { status: 'resolved' }],
      ['me', '11:05'], // after the resolution: belongs to no cycle
    ]);
    const f = figures(records);
    expect(f.resolutionTime.calendar.median).toBe(60 * MIN);
    expect(f.tweetsToResolve).toMatchObject({ count: 1, mean: 4, median: 4, distribution: [0, 0, 0, 1, 0] });
    expect(f.tweetsToResolve.brandReplies).toEqual({ mean: 2, median: 2 });
  });

  it('shows the distribution 1, 2, 3, 4, 5+', () => {
    const cycle = (n: number): Step[] =>
      Array.from({ length: n }, (_, i): Step => [i % 2 ? 'me' : 'customer', `10:0${i}`, i === n - 1 ? { status: 'resolved' } : {}]);
    const records = [1, 2, 3, 4, 6].flatMap((n) => conversation(cycle(n)));
    const f = figures(records);
    expect(f.tweetsToResolve.distribution).toEqual([1, 1, 1, 1, 1]);
    expect(f.tweetsToResolve.mean).toBe(3.2); // (1 + 2 + 3 + 4 + 6) / 5
    expect(f.tweetsToResolve.median).toBe(3);
    // Brand replies: 0, 1, 1, 2, 3 → mean 7 / 5, median 1
    expect(f.tweetsToResolve.brandReplies).toEqual({ mean: 1.4, median: 1 });
  });

  it('lets a customer message resolve the cycle', () => {
    const records = conversation([['customer', '10:00'], ['me', '10:05'], ['customer', '10:20', { status: 'resolved' }]]);
    expect(figures(records).resolutionTime.calendar.median).toBe(20 * MIN);
  });

  it('ignores a "resolved" tag when no cycle is open', () => {
    const records = conversation([
      ['me', '09:00', { status: 'resolved' }], // proactive post, nothing to resolve
      ['customer', '10:00'],
      ['me', '10:05'],
    ]);
    const f = figures(records);
    expect(f.resolutionTime.calendar.count).toBe(0);
    expect(f.escalation.cycles).toBe(1);
  });
});

describe('first-contact resolution', () => {
  it.each<[string, number, number, Step[]]>([
    ['one reply that resolves', 1, 1, [['customer', '10:00'], ['me', '10:10', { status: 'resolved' }]]],
    [
      'one reply, then the customer confirms and resolves',
      1,
      1,
      [['customer', '10:00'], ['me', '10:10'], ['customer', '10:20', { status: 'resolved' }]],
    ],
    [
      'a customer message between the reply and the resolution',
      0,
      1,
      [['customer', '10:00'], ['me', '10:10'], ['customer', '10:20'], ['customer', '10:30', { status: 'resolved' }]],
    ],
    [
      'two brand replies',
      0,
      1,
      [['customer', '10:00'], ['me', '10:10'], ['customer', '10:20'], ['me', '10:30', { status: 'resolved' }]],
    ],
    ['no brand reply at all (left out)', 0, 0, [['customer', '10:00', { status: 'resolved' }]]],
  ])('%s: %d of %d', (_label, numerator, denominator, steps) => {
    const f = figures(conversation(steps));
    expect(f.fcr).toMatchObject({ numerator, denominator });
  });

  describe('when the case is reopened', () => {
    // Mon 10:00 → resolved 10:10; the customer writes again Wednesday (2 days later).
    const reopened = conversation([
      ['customer', '10:00'],
      ['me', '10:10', { status: 'resolved' }],
      ['customer', '2024-03-06 09:00'],
      ['me', '2024-03-06 09:05', { status: 'resolved' }],
    ]);

    it('opens a new cycle', () => {
      const f = figures(reopened);
      expect(f.resolutionTime.calendar.count).toBe(2);
      expect(f.firstResponseTime.calendar.count).toBe(2);
      expect(f.escalation.cycles).toBe(2);
    });

    it('loses FCR for a cycle reopened within 7 days', () => {
      // Cycle 1 reopened after 2 days: not FCR. Cycle 2: FCR.
      const f = figures(reopened, settings(), { now: at('2024-03-20 00:00') });
      expect(f.fcr).toEqual({ numerator: 1, denominator: 2, rate: 0.5, provisional: false });
    });

    it('marks FCR provisional while a counted cycle is less than 7 days old', () => {
      const f = figures(reopened, settings(), { now: at('2024-03-07 00:00') });
      expect(f.fcr.provisional).toBe(true);
    });

    it('keeps FCR when the reopening comes 7 days or more later', () => {
      const late = conversation([
        ['customer', '10:00'],
        ['me', '10:10', { status: 'resolved' }],
        ['customer', at('10:10') + 7 * DAY_MS],
      ]);
      expect(figures(late).fcr).toMatchObject({ numerator: 1, denominator: 1 });
      const early = conversation([
        ['customer', '10:00'],
        ['me', '10:10', { status: 'resolved' }],
        ['customer', at('10:10') + 7 * DAY_MS - 1],
      ]);
      expect(figures(early).fcr).toMatchObject({ numerator: 0, denominator: 1 });
    });
  });
});

describe('sentiment recovery', () => {
  const resolved = (first: Step[2], last: Step[2]) =>
    conversation([
      ['customer', '10:00', first],
      ['me', '10:10'],
      ['customer', '10:20', last],
      ['me', '10:30', { status: 'resolved' }],
    ]);

  it('counts negative starts that end neutral or positive, and keeps unknown sentiment apart', () => {
    const records = [
      ...resolved({ sentiment: 'negative' }, { sentiment: 'positive' }), // recovered
      ...resolved({ sentiment: 'negative' }, { sentiment: 'neutral' }), // recovered
      ...resolved({ sentiment: 'negative' }, { sentiment: 'negative' }), // not recovered
      ...resolved({ sentiment: 'negative' }, {}), // last unknown
      ...resolved({}, { sentiment: 'positive' }), // first unknown
      ...resolved({ sentiment: 'positive' }, { sentiment: 'negative' }), // not a negative start
    ];
    expect(figures(records).sentimentRecovery).toEqual({ recovered: 2, negativeStarts: 3, rate: 2 / 3, unknown: 2 });
  });

  it('leaves open cycles out', () => {
    const open = conversation([['customer', '10:00', { sentiment: 'negative' }], ['me', '10:10']]);
    expect(figures(open).sentimentRecovery).toEqual({ recovered: 0, negativeStarts: 0, rate: null, unknown: 0 });
  });
});

describe('escalation rate', () => {
  it('is escalated cycles over cycles, by channel', () => {
    const records = [
      ...conversation([['customer', '10:00'], ['me', '10:10', { status: 'escalated', channel: 'dm' }]]),
      ...conversation([['customer', '10:00'], ['me', '10:10', { status: 'escalated' }]]),
      ...conversation([['customer', '10:00'], ['me', '10:10', { status: 'resolved' }]]),
      ...conversation([['customer', '10:00']]),
    ];
    const f = figures(records);
    expect(f.escalation).toMatchObject({ escalated: 2, cycles: 4, rate: 0.5 });
    expect(f.escalation.byChannel).toEqual({ dm: 1, phone: 0, email: 0, chat: 0, unknown: 1 });
  });

  it("credits a cycle to its last brand reply's sender", () => {
    const records = [
      ...conversation([['customer', '10:00'], ['me', '10:05'], ['teammate', '10:10', { status: 'escalated' }]]),
      ...conversation([['customer', '10:00'], ['me', '10:05']]),
    ];
    expect(figures(records, settings(), { mine: true }).escalation).toMatchObject({ escalated: 0, cycles: 1 });
    expect(figures(records).escalation).toMatchObject({ escalated: 1, cycles: 2 });
  });
});

describe('cycle-level metrics and "mine"', () => {
  it('credits a resolved cycle to the resolving brand message, else the last brand reply before it', () => {
    const records = [
      // Closed by a teammate: not mine, though I answered first.
      ...conversation([['customer', '10:00'], ['me', '10:05'], ['teammate', '10:20', { status: 'resolved' }]]),
      // Resolved by the customer after my reply: mine.
      ...conversation([['customer', '10:00'], ['me', '10:05'], ['customer', '10:40', { status: 'resolved' }]]),
    ];
    const mine = figures(records, settings(), { mine: true });
    expect(mine.resolutionTime.calendar.count).toBe(1);
    expect(mine.resolutionTime.calendar.median).toBe(40 * MIN);
    expect(figures(records).resolutionTime.calendar.count).toBe(2);
  });
});

describe('reply rate', () => {
  it('is customer messages followed by a brand reply over customer messages', () => {
    const records = [
      ...conversation([['customer', '10:00'], ['customer', '10:05'], ['me', '10:10'], ['customer', '10:20']]),
      ...conversation([['customer', '10:00', { noReplyNeeded: true }]]),
    ];
    expect(figures(records).replyRate).toEqual({ answered: 2, customerMessages: 3, rate: 2 / 3 });
  });

  it('counts, for "mine", unanswered messages in the cases I was handling', () => {
    const records = [
      ...conversation([['customer', '10:00'], ['me', '10:10'], ['customer', '10:20']]),
      ...conversation([['customer', '10:00']]), // nobody has touched this case yet
    ];
    expect(figures(records, settings(), { mine: true }).replyRate).toEqual({ answered: 1, customerMessages: 2, rate: 0.5 });
    expect(figures(records).replyRate).toEqual({ answered: 1, customerMessages: 3, rate: 1 / 3 });
  });
});
