/**
 * CSV that opens cleanly in Excel, LibreOffice and Google Sheets (README "CSV files"):
 * UTF-8 with a BOM (Excel reads UTF-8 only when it sees one), RFC 4180 quoting with CRLF
 * line ends, `,` or `;` between cells (`;` where the decimal mark is a comma, as Excel
 * splits on the Windows list separator), and formula injection neutralised (OWASP):
 * a text cell starting with = + - @ tab CR or NUL gets a leading apostrophe. Numbers we
 * generate stay numbers. Written and read with papaparse.
 */
import Papa from 'papaparse';

export const BOM = '\uFEFF';
export type Delimiter = ',' | ';';
export type Cell = string | number | null;

/**
 * papaparse's own `escapeFormulae: true` is `/^[=+\-@\t\r].*$/`, which misses a formula
 * followed by a line break (`.` stops at \n) and NUL. A plain number ("-12", "3,5") is
 * not a formula and is left alone, so negative figures stay numeric.
 */
// eslint-disable-next-line no-control-regex
export const FORMULA_START = /^(?!-?\d+(?:[.,]\d+)?$)[=+\-@\t\r\u0000]/;

/** `;` for locales whose decimal mark is a comma (es, ro, de, fr…), else `,`. */
export function delimiterFor(locale: string): Delimiter {
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
  return decimal === ',' ? ';' : ',';
}

/** A number as the spreadsheet of that separator reads it: `;` files use a decimal comma. */
export function csvNumber(value: number | null, delimiter: Delimiter, digits = 1): Cell {
  if (value === null || !Number.isFinite(value)) return null;
  if (Number.isInteger(value)) return value;
  const fixed = value.toFixed(digits);
  return delimiter === ';' ? fixed.replace('.', ',') : Number(fixed);
}

export function writeCsv(header: readonly string[], rows: readonly (readonly Cell[])[], delimiter: Delimiter = ','): string {
  const body = Papa.unparse(
    { fields: [...header], data: rows.map((r) => r.map((c) => (c === null ? '' : c))) },
    { delimiter, newline: '\r\n', quotes: false, escapeFormulae: FORMULA_START },
  );
  return `${BOM}${body}\r\n`;
}

/** Reads a CSV this module wrote (tests, and a lead checking a file): BOM dropped, cells as text. */
export function readCsv(text: string, delimiter: Delimiter = ','): string[][] {
  const clean = text.startsWith(BOM) ? text.slice(1) : text;
  const result = Papa.parse<string[]>(clean, { delimiter, newline: '\r\n', skipEmptyLines: true });
  if (result.errors.length > 0) throw new Error(`CSV row ${result.errors[0]!.row}: ${result.errors[0]!.message}`);
  return result.data;
}

/** `2024-03-04 10:00:00` in the zone (spreadsheets read it as a date-time) and its ISO UTC twin. */
export function csvDateTime(ms: number, timeZone: string): { local: string; utc: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return {
    local: `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`,
    utc: new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}
