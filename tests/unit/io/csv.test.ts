// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BOM, csvDateTime, csvNumber, delimiterFor, readCsv, writeCsv } from '../../../lib/io/csv';
import { agentTableCsv, casesCsv, messagesCsv } from '../../../lib/io/csv-tables';
import { computeFigures } from '../../../lib/metrics';
import { allTime, at, conversation, settings } from '../metrics/build';

describe('CSV writing', () => {
  it('starts with the UTF-8 byte order mark so Excel reads é, ñ and ă', () => {
    const bytes = new TextEncoder().encode(writeCsv(['name'], [['Ană Muñoz']]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readCsv(writeCsv(['name'], [['Ană Muñoz']]))).toEqual([['name'], ['Ană Muñoz']]);
  });

  it.each([',', ';'] as const)('round-trips awkward cells with %s between them', (delimiter) => {
    const rows = [
      ['plain', 'with, comma', 'with; semicolon', 'say "hi"', 'two\r\nlines', 'one\nline', ''],
      ['ñ ă ș ț', ' spaces ', '"', 'a""b', 'tab\tinside', '123', '0.5'],
    ];
    const header = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(readCsv(writeCsv(header, rows, delimiter), delimiter)).toEqual([header, ...rows]);
  });

  it('quotes per RFC 4180: separator, quote and line breaks inside quotes, quotes doubled, CRLF between rows', () => {
    const text = writeCsv(['x', 'y'], [['a,b', 'say "hi"'], ['line\nbreak', 'ok']]);
    expect(text).toBe(`${BOM}x,y\r\n"a,b","say ""hi"""\r\n"line\nbreak",ok\r\n`);
  });

  it.each([
    ['=', '=1+1'],
    ['+', '+cmd|" /C calc"!A0'],
    ['-', '-2+3'],
    ['@', '@SUM(A1:A9)'],
    ['tab', '\t=1+1'],
    ['CR', '\r=1+1'],
    ['NUL', '\u0000=1'],
    ['a formula followed by a line break', '=HYPERLINK("http://evil","x")\nthanks'],
  ])('neutralises a cell starting with %s by a leading apostrophe', (_, cell) => {
    const [, row] = readCsv(writeCsv(['text'], [[cell]]));
    expect(row).toEqual([`'${cell}`]);
  });

  it('leaves numbers numeric, negative ones and decimal commas included', () => {
    expect(readCsv(writeCsv(['a', 'b', 'c'], [[-12, '-3,5', 'x-1']]))[1]).toEqual(['-12', '-3,5', 'x-1']);
  });

  it.each([
    ['en', ','],
    ['en-GB', ','],
    ['es', ';'],
    ['es-ES', ';'],
    ['ro', ';'],
  ])('separates cells for a %s spreadsheet with "%s"', (locale, sep) => {
    expect(delimiterFor(locale)).toBe(sep);
  });

  it('writes decimals with a comma in semicolon files and a point in comma files', () => {
    expect(csvNumber(12.345, ';', 1)).toBe('12,3');
    expect(csvNumber(12.345, ',', 1)).toBe(12.3);
    expect(csvNumber(7, ';')).toBe(7);
    expect(csvNumber(null, ',')).toBeNull();
  });

  it('writes dates as local date-time in the zone plus ISO UTC', () => {
    expect(csvDateTime(at('2024-03-04 10:00'), 'Europe/Madrid')).toEqual({ local: '2024-03-04 11:00:00', utc: '2024-03-04T10:00:00Z' });
  });
});

describe('the CSV tables', () => {
  const records = [
    ...conversation([
      ['customer', '10:00', { text: '@AcmeHelp my order, "late"', queryType: 'complaint' }],
      ['me', '10:20', { status: 'resolved' }],
    ]),
    ...conversation([['customer', '11:00'], ['teammate', '12:00']]),
  ];

  it('lists every message with local and UTC times, the text last and neutralised', () => {
    const rows = readCsv(messagesCsv(records, { delimiter: ';', timeZone: 'UTC' }), ';');
    expect(rows[0]!.at(-1)).toBe('text');
    expect(rows).toHaveLength(5);
    const first = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[1]![i]]));
    expect(first).toMatchObject({ at: '2024-03-04 10:00:00', at_utc: '2024-03-04T10:00:00Z', query_type: 'complaint', text: `'@AcmeHelp my order, "late"` });
  });

  it('writes the agent table with units in the headers: seconds and percent', () => {
    const f = computeFigures(records, settings(), allTime());
    const rows = readCsv(agentTableCsv([{ agent: 'Ana', figures: f }, { agent: null, figures: f }], { delimiter: ',', timeZone: 'UTC', business: false }));
    const row = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[1]![i]]));
    expect(row).toMatchObject({ agent: 'Ana', team_total: '0', replies: '2', response_median_s: '2400' /* 20 and 60 min */, fcr_pct: '100', time: 'calendar' });
    expect(rows[2]![1]).toBe('1');
  });

  it('writes one row per case with its agents and state', () => {
    const rows = readCsv(casesCsv(records, settings(), at('2024-03-05 00:00'), { delimiter: ',', timeZone: 'UTC' }));
    expect(rows).toHaveLength(3);
    expect(rows.slice(1).map((r) => [r[3], r[4], r[5], r[6]])).toEqual([
      ['complaint', 'resolved', 'Ana', '2'],
      ['', '', '', '2'],
    ]);
  });
});
