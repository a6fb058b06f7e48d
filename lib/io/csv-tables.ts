/**
 * The CSV files Threadmark writes (README "CSV files"): the messages of an export, the
 * agent table and the per-case table. For reading in spreadsheets only; the lossless
 * exchange file is the NDJSON export.
 */
import { caseClock, type Figures } from '../metrics';
import type { MessageRecord, Settings } from '../schema/records';
import { csvDateTime, csvNumber, writeCsv, type Cell, type Delimiter } from './csv';
import { exportHeader, exportValue, FIGURE_COLUMNS } from './figure-columns';

export interface CsvOptions {
  delimiter: Delimiter;
  /** Zone of the local date-time columns; every date also has a `_utc` twin. */
  timeZone: string;
}

/** Text last: it is optional reading and the column most often neutralised (tweets start with @). */
const MESSAGE_COLUMNS = [
  'platform', 'id', 'root_id', 'in_reply_to', 'customer', 'author', 'from_brand', 'sent_by', 'agent',
  'at', 'at_utc', 'time_exact', 'query_type', 'status', 'channel', 'sentiment', 'no_reply_needed', 'permalink', 'text',
] as const;

export function messagesCsv(records: readonly MessageRecord[], o: CsvOptions): string {
  const rows = [...records]
    .sort((a, b) => a.at - b.at || a.key.localeCompare(b.key))
    .map((r): Cell[] => {
      const t = csvDateTime(r.at, o.timeZone);
      return [
        r.platform, r.id, r.rootId, r.inReplyTo, r.customer, r.author, r.fromBrand ? 1 : 0, r.sentBy, r.agent,
        t.local, t.utc, r.atPrecision === 'exact' ? 1 : 0, r.queryType, r.status, r.channel, r.sentiment,
        r.noReplyNeeded ? 1 : 0, r.permalink, r.text,
      ];
    });
  return writeCsv(MESSAGE_COLUMNS, rows, o.delimiter);
}

export interface AgentRow {
  /** null: the team total row. */
  agent: string | null;
  figures: Figures;
}

/** One row per agent; the team total row has an empty agent cell and `team_total` = 1. */
export function agentTableCsv(rows: readonly AgentRow[], o: CsvOptions & { business: boolean }): string {
  const first = rows[0]?.figures.period;
  const period = first ? [csvDateTime(first.from, o.timeZone).local, csvDateTime(first.to, o.timeZone).local] : [null, null];
  const header = ['agent', 'team_total', 'from', 'to', 'time', ...FIGURE_COLUMNS.map(exportHeader)];
  const data = rows.map((r): Cell[] => [
    r.agent ?? '',
    r.agent === null ? 1 : 0,
    period[0]!,
    period[1]!,
    o.business ? 'business' : 'calendar',
    ...FIGURE_COLUMNS.map((c) => csvNumber(exportValue(c, r.figures, o.business), o.delimiter, 2)),
  ]);
  return writeCsv(header, data, o.delimiter);
}

/** One row per case: who answered it, its messages, and its state now (from the case clock). */
export function casesCsv(records: readonly MessageRecord[], settings: Settings, now: number, o: CsvOptions): string {
  const byCase = new Map<string, MessageRecord[]>();
  for (const r of records) {
    const list = byCase.get(r.caseKey);
    if (list) list.push(r);
    else byCase.set(r.caseKey, [r]);
  }
  const header = [
    'platform', 'root_id', 'customer', 'query_type', 'status', 'agents', 'messages', 'brand_replies',
    'first_message', 'first_message_utc', 'last_message', 'last_message_utc', 'waiting_since_utc', 'first_permalink',
  ];
  const rows: Cell[][] = [];
  for (const list of byCase.values()) {
    list.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const clock = caseClock(list, settings, now);
    const agents = [...new Set(list.filter((r) => r.agent).map((r) => r.agent!))].sort().join(', ');
    const queryType = list.find((r) => !r.fromBrand && r.queryType)?.queryType ?? list.find((r) => r.queryType)?.queryType ?? null;
    const a = csvDateTime(first.at, o.timeZone);
    const b = csvDateTime(last.at, o.timeZone);
    rows.push([
      first.platform, first.rootId, first.customer, queryType, clock.status, agents, list.length,
      list.filter((r) => r.fromBrand).length, a.local, a.utc, b.local, b.utc,
      clock.waitingSince === null ? null : csvDateTime(clock.waitingSince, o.timeZone).utc, first.permalink,
    ]);
  }
  rows.sort((x, y) => String(x[9]).localeCompare(String(y[9])));
  return writeCsv(header, rows, o.delimiter);
}
