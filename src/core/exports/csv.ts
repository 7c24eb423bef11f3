/**
 * CSV as RFC 4180 describes it (comma-separated, CRLF line ends, fields with a comma, quote or
 * line break in double quotes with quotes doubled), encoded as UTF-8 with a byte-order mark so
 * that Excel shows "hiërarchie" and "coördinatie" right instead of guessing a legacy code page.
 */
import type { CellValue, Table } from './tables';

const BOM = '\uFEFF';

/**
 * A text cell that starts with = + - @ (or a tab/CR) would be run as a formula by spreadsheet
 * programs ("CSV injection"); such cells get a leading apostrophe, as OWASP recommends.
 */
function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: CellValue): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV text (no BOM): header line, then one line per row, CRLF after every line. */
export function toCsv(table: Pick<Table, 'header' | 'rows'>): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** The bytes of a .csv file: UTF-8 with BOM. */
export function csvBytes(table: Pick<Table, 'header' | 'rows'>): Uint8Array {
  return new TextEncoder().encode(BOM + toCsv(table));
}

/**
 * Several tables in one .csv file (the factor coverage and the codes linked to no factor): the
 * first as {@link csvBytes}, each next one after an empty line and a line with its title.
 */
export function csvSectionsBytes(tables: readonly Pick<Table, 'title' | 'header' | 'rows'>[]): Uint8Array {
  const parts = tables.map((t, i) => (i === 0 ? toCsv(t) : `\r\n${csvField(t.title)}\r\n${toCsv(t)}`));
  return new TextEncoder().encode(BOM + parts.join(''));
}

/** Parses RFC 4180 CSV (a leading BOM is ignored); for tests and imports. */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
