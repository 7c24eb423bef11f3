/**
 * Sheets as rows of text cells: CSV (comma or, as Dutch Excel writes it, semicolon separated;
 * UTF-8, strictly decoded) and XLSX (the first worksheet, read with exceljs, loaded on first use),
 * and the bytes of a sheet to write in either format.
 */
import * as l10n from '@vscode/l10n';
import type { Worksheet } from 'exceljs';
import { decodeText } from '../port';
import { csvBytes } from '../exports/csv';
import { xlsxBytes } from '../exports/xlsx';
import { StudyError } from '../study';

export type SheetFormat = 'csv' | 'xlsx';

/** A sheet's rows; `rowNumbers[i]` is the row number people see (1-based, as in Excel) of `rows[i]`. */
export interface SheetRows {
  readonly rows: readonly (readonly string[])[];
  readonly rowNumbers: readonly number[];
}

export interface SheetTable {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The format a file name says (.csv, .tsv is not read; .xlsx), or undefined. */
export function formatOfName(name: string): SheetFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1].toLowerCase();
  return ext === 'csv' || ext === 'txt' ? 'csv' : ext === 'xlsx' || ext === 'xlsm' ? 'xlsx' : undefined;
}

/**
 * The delimiter: of comma and semicolon, the one that occurs more often outside quotes in the first
 * line that has either (a title line above the headings has neither, or both equally often).
 */
function delimiterOf(text: string): string {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (commas !== semicolons) {
        break;
      }
      commas = semicolons = 0;
    } else if (!quoted && ch === ',') {
      commas++;
    } else if (!quoted && ch === ';') {
      semicolons++;
    }
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * RFC 4180 CSV with the given delimiter. A record's row number is its place among the records, as
 * a spreadsheet program shows it (a cell with line breaks is one row there), not its line in the file.
 */
export function parseDelimited(text: string, delimiter = delimiterOf(text)): SheetRows {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = (): void => {
    row.push(field);
    rows.push(row);
    rowNumbers.push(rows.length);
    row = [];
    field = '';
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && s[i + 1] === '\n') {
        i++;
      }
      endRow();
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    endRow();
  }
  return { rows, rowNumbers };
}

/** The text of an exceljs cell value: rich text, hyperlinks, formulas (their result) and dates as text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown };
  if (Array.isArray(v.richText)) {
    return v.richText.map((r) => r.text).join('');
  }
  if (v.text !== undefined) {
    return cellText(v.text);
  }
  return cellText(v.result);
}

async function readXlsx(bytes: Uint8Array, file: string, known?: (cell: string) => boolean): Promise<SheetRows> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new StudyError(l10n.t('{0} is not an Excel workbook (.xlsx) that can be read.'), file);
  }
  const sheets = wb.worksheets.map(worksheetRows);
  // The first sheet with headings this import knows (a workbook may open with a cover sheet), else the first.
  return (known && sheets.find((sheet) => headerRowIndex(sheet.rows, known) >= 0)) ?? sheets[0] ?? { rows: [], rowNumbers: [] };
}

function worksheetRows(ws: Worksheet): SheetRows {
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      cells.push(cellText(row.getCell(c).value));
    }
    rows.push(cells);
    rowNumbers.push(r);
  }
  return { rows, rowNumbers };
}

/**
 * The rows of a .csv or .xlsx file (of a workbook: the first sheet in which `known` recognises a
 * heading, else the first). CSV must be UTF-8 (a file in another encoding is refused, not garbled).
 */
export async function readSheet(
  bytes: Uint8Array,
  format: SheetFormat,
  file = '(unnamed)',
  known?: (cell: string) => boolean,
): Promise<SheetRows> {
  if (format === 'xlsx') {
    return await readXlsx(bytes, file, known);
  }
  const sheet = parseDelimited(decodeText(bytes, file));
  // The apostrophe csvBytes puts before a formula-like cell is not part of the text.
  return { rows: sheet.rows.map((r) => r.map((c) => (/^'[=+\-@\t\r]/.test(c) ? c.slice(1) : c))), rowNumbers: sheet.rowNumbers };
}

/** The bytes of the sheet: CSV (UTF-8 with BOM, formula-like cells neutralised) or a one-sheet workbook. */
export async function sheetBytes(table: SheetTable, format: SheetFormat): Promise<Uint8Array> {
  return format === 'xlsx' ? await xlsxBytes([table]) : csvBytes(table);
}

/** The index of the header row: the first of the first ten rows in which `known` recognises a heading. */
export function headerRowIndex(rows: SheetRows['rows'], known: (cell: string) => boolean): number {
  for (let i = 0; i < Math.min(10, rows.length); i++) {
    if (rows[i].some((cell) => cell.trim() !== '' && known(cell))) {
      return i;
    }
  }
  return -1;
}
