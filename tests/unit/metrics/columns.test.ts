// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { computeColumnFigures, computeColumnFiguresPerAgent, computeFigures, selectCases, toColumns, type FigureQuery } from '../../../lib/metrics';
import type { MessageRecord } from '../../../lib/schema/records';
import { DAY_MS, generateMessages, rng, toRecord } from '../../../bench/data';
import { allTime, at, conversation, officeHours, settings } from './build';

// The team report computes its figures from columns (lib/metrics/columns.ts); these specs
// hold them to the figures computeFigures gives on the same records, on real conversations
// resampled (bench/data.ts) plus hand-made cases for what the data lacks (Facebook,
// approximate times, ties, no-reply-needed, teammates' replies).
const END = Date.UTC(2026, 0, 1);
const SPAN_DAYS = 60;
const generated = generateMessages({ messages: 6_000, seed: 9, agents: ['ana', 'bogdan', 'carla'], end: END, spanDays: SPAN_DAYS }).map(toRecord);
const handMade: MessageRecord[] = [
  ...conversation([['customer', '10:00', { queryType: 'complaint', sentiment: 'negative' }], ['me', '10:10'], ['customer', '10:30', { sentiment: 'positive' }], ['teammate', '11:00', { status: 'resolved' }]]),
  ...conversation([['customer', '10:05'], ['teammate', '10:20']], { platform: 'facebook' }),
  ...conversation([['customer', '12:00', { atPrecision: 'approx' }], ['me', '12:30', { status: 'escalated', channel: 'dm' }]], { platform: 'facebook' }),
  ...conversation([['customer', '09:00', { noReplyNeeded: true }]]),
  // Two messages of one case at the same second: the order comes from the ids.
  ...conversation([['customer', '14:00', { queryType: 'technical_question' }], ['me', '14:00'], ['customer', '14:00', { sentiment: 'negative' }], ['me', '14:05', { status: 'resolved' }]]),
];
// Agents' names on the hand-made brand replies, as a team store holds them.
for (const r of handMade) if (r.fromBrand && r.sentBy === 'me') r.agent = 'ana';

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const random = rng(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const generatedPeriod = { from: END - SPAN_DAYS * DAY_MS, to: END, now: END, timeZone: 'Europe/Bucharest' };
const cases: [string, readonly MessageRecord[], FigureQuery][] = [
  ['the whole team', generated, generatedPeriod],
  ['one agent', generated, { ...generatedPeriod, agent: 'bogdan' }],
  ['an agent with no reply', generated, { ...generatedPeriod, agent: 'nobody' }],
  ['the last two weeks', generated, { ...generatedPeriod, from: END - 14 * DAY_MS }],
  ['one query type', generated, { ...generatedPeriod, queryType: 'complaint' }],
  ['one site and one agent', generated, { ...generatedPeriod, platform: 'x', agent: 'carla' }],
  ['hand-made cases, team', handMade, allTime()],
  ['hand-made cases, mine', handMade, allTime('2024-06-01 00:00', { mine: true })],
  ['hand-made cases, Facebook only', handMade, allTime('2024-06-01 00:00', { platform: 'facebook' })],
  ['hand-made cases, one agent', handMade, allTime('2024-06-01 00:00', { agent: 'ana' })],
  // Approximate times count for whoever the figures are for, in cases the agent never answered too.
  ['hand-made cases, an agent who answered none', handMade, allTime('2024-06-01 00:00', { agent: 'nobody' })],
  ['hand-made cases, X only, mine', handMade, allTime('2024-06-01 00:00', { platform: 'x', mine: true })],
  ['hand-made cases, Facebook only, an agent who answered none', handMade, allTime('2024-06-01 00:00', { platform: 'facebook', agent: 'nobody' })],
  ['hand-made cases, still open at 10:40', handMade, { from: at('00:00'), to: at('23:59'), now: at('10:40') }],
];

describe('figures computed from columns', () => {
  it.each(cases)('equal computeFigures for %s (calendar time)', (_name, records, q) => {
    expect(computeColumnFigures(toColumns(records), settings(), q)).toEqual(computeFigures(records, settings(), q));
  });

  it.each(cases)('equal computeFigures for %s (business hours)', (_name, records, q) => {
    const s = settings({ schedule: officeHours('Europe/Bucharest', ['2025-12-25']) });
    expect(computeColumnFigures(toColumns(records), s, q)).toEqual(computeFigures(records, s, q));
  });

  it('do not depend on the order the records arrive in', () => {
    const q = { ...generatedPeriod, agent: 'ana' };
    const inOrder = computeColumnFigures(toColumns(generated), settings(), q);
    expect(computeColumnFigures(toColumns(shuffled(generated, 3)), settings(), q)).toEqual(inOrder);
    expect(inOrder.replies.count).toBeGreaterThan(100);
  });

  it('keep one row per message and one case key per case', () => {
    const cols = toColumns(generated);
    expect(cols.n).toBe(generated.length);
    expect(cols.caseKeys.length).toBe(new Set(generated.map((r) => r.caseKey)).size);
    expect(cols.starts[cols.cases]).toBe(cols.n);
    expect([...cols.agents].sort()).toEqual(['ana', 'bogdan', 'carla']);
  });

  // The engine skips cases with no message in the period (figures.ts run()); this holds it
  // to the rule that makes that safe, on real data, calendar and business time.
  it.each([
    ['a fortnight', END - 30 * DAY_MS, END - 16 * DAY_MS],
    ['the last week', END - 7 * DAY_MS, END],
  ])('ignore the cases with no message in the period (%s)', (_name, from, to) => {
    const q = { from, to, now: END, timeZone: 'Europe/Bucharest' };
    const inPeriod = new Set(generated.filter((r) => r.at >= from && r.at < to).map((r) => r.caseKey));
    const touching = generated.filter((r) => inPeriod.has(r.caseKey));
    expect(touching.length).toBeLessThan(generated.length / 2);
    for (const s of [settings(), settings({ schedule: officeHours('Europe/Bucharest') })]) {
      expect(computeFigures(touching, s, q)).toEqual(computeFigures(generated, s, q));
      expect(computeFigures(touching, s, { ...q, agent: 'ana' })).toEqual(computeFigures(generated, s, { ...q, agent: 'ana' }));
    }
  });

  it('select cases as filtering the records of those cases would', () => {
    const cols = toColumns(generated);
    const keep = new Set(cols.caseKeys.filter((_, c) => c % 3 === 0));
    const picked = selectCases(cols, (c) => keep.has(cols.caseKeys[c]!));
    const q = { ...generatedPeriod, agent: 'carla' };
    expect(picked.caseKeys).toEqual([...keep]);
    expect(computeColumnFigures(picked, settings(), q)).toEqual(computeFigures(generated.filter((r) => keep.has(r.caseKey)), settings(), q));
  });
});

describe('every agent from one walk (computeColumnFiguresPerAgent)', () => {
  const team = [...generated, ...handMade];
  const cols = toColumns(team);
  const hourly = (name: string) => settings({ cost: { hourly: name.length * 7, weeklyHours: 30 } });
  it.each<[string, Partial<FigureQuery>, ReturnType<typeof settings>]>([
    ['the whole history', {}, settings()],
    ['business time', {}, settings({ schedule: officeHours('Europe/Bucharest') })],
    ['the last 30 days', { from: END - 30 * DAY_MS }, settings()],
    ['Facebook only', { platform: 'facebook' }, settings()],
    ['complaints only', { queryType: 'complaint' }, settings({ schedule: officeHours('UTC') })],
  ])('gives the team and each agent what their own query gives, over %s', (_name, extra, s) => {
    const q: FigureQuery = { ...allTime('2026-01-01 00:00'), from: 0, to: END, now: END, ...extra };
    const { team: teamFigures, agents } = computeColumnFiguresPerAgent(cols, s, q, (a) => ({ ...s, cost: hourly(a).cost }));
    expect(teamFigures).toEqual(computeFigures(team, s, q));
    expect([...agents.keys()].sort()).toEqual(['ana', 'bogdan', 'carla']);
    expect([...agents.values()].some((f) => f.replies.count > 0)).toBe(true);
    for (const [name, figures] of agents) {
      expect(figures, name).toEqual(computeFigures(team, { ...s, cost: hourly(name).cost }, { ...q, agent: name }));
    }
  });

  it('refuses a query for one agent or for "mine", saying why', () => {
    const q: FigureQuery = { from: 0, to: END, now: END, timeZone: 'UTC' };
    expect(() => computeColumnFiguresPerAgent(cols, settings(), { ...q, agent: 'ana' }, () => settings())).toThrow(/must be the team's/);
    expect(() => computeColumnFiguresPerAgent(cols, settings(), { ...q, mine: true }, () => settings())).toThrow(/must be the team's/);
  });
});
