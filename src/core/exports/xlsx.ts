/**
 * A real Excel workbook (exceljs), one sheet per table, headers frozen and bold, code rows grouped
 * and indented by their depth in the code tree. Pure: the workbook is written to memory
 * (`writeBuffer`), never to a file; exceljs is loaded on first use so activation stays fast.
 */
import type { Table } from './tables';

export interface WorkbookInfo {
  readonly creator?: string;
  readonly title?: string;
  readonly created?: Date;
}

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/g;

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique in the workbook (case-insensitively). */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(INVALID_SHEET_CHARS, ' ')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

export async function xlsxBytes(tables: readonly Table[], info: WorkbookInfo = {}): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = info.creator ?? 'Codeboom';
  wb.created = info.created ?? new Date();
  wb.modified = wb.created;
  if (info.title) {
    wb.title = info.title;
  }
  const taken = new Set<string>();
  for (const table of tables) {
    const captionRows = table.caption?.length ?? 0;
    const headerRow = captionRows + 1;
    const ws = wb.addWorksheet(sheetName(table.title, taken), {
      views: [{ state: 'frozen', xSplit: 1, ySplit: headerRow, activeCell: `B${headerRow + 1}` }],
    });
    for (const line of table.caption ?? []) {
      ws.addRow([line]).font = { italic: true };
    }
    const head = ws.addRow([...table.header]);
    head.font = { bold: true };
    head.alignment = { vertical: 'bottom', wrapText: true };
    const numeric = table.header.map(
      (_h, c) => c > 0 && table.rows.length > 0 && table.rows.every((r) => typeof r[c] === 'number' || r[c] === ''),
    );
    const widths = table.header.map((h) => Math.min(60, Math.max(8, h.length + 2)));
    table.rows.forEach((cells, i) => {
      const row = ws.addRow([...cells]);
      const level = Math.min(7, table.levels?.[i] ?? 0);
      if (level > 0) {
        row.outlineLevel = level;
        row.getCell(1).alignment = { indent: level };
      }
      cells.forEach((v, c) => {
        const len = typeof v === 'number' ? String(v).length : v.length;
        widths[c] = Math.min(60, Math.max(widths[c], len + 2 + (c === 0 ? level * 2 : 0)));
        if (typeof v === 'string' && v.length > 60) {
          row.getCell(c + 1).alignment = { wrapText: true, vertical: 'top' };
        }
        if (typeof v === 'number' && table.percent && c > 0 && c < cells.length - 1) {
          row.getCell(c + 1).numFmt = '0.0';
        }
      });
    });
    widths.forEach((w, c) => {
      const col = ws.getColumn(c + 1);
      col.width = numeric[c] ? Math.min(w, 16) : w;
    });
    if (table.notes?.length) {
      ws.addRow([]);
      for (const line of table.notes) {
        ws.addRow([line]).font = { italic: true };
      }
    }
    if (table.rows.length > 0) {
      ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: table.header.length } };
    }
  }
  const buffer = await wb.xlsx.writeBuffer();
  // a Node Buffer (a Uint8Array) in Node, an ArrayBuffer in browsers: copy into a plain Uint8Array
  return new Uint8Array(buffer as unknown as ArrayBuffer);
}
