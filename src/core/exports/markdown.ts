/** Markdown (CommonMark + GFM tables) writers. Every piece of study text is escaped. */
import type { CellValue, Table } from './tables';

/**
 * Escapes text for inline Markdown: ASCII punctuation that means something (emphasis, links,
 * code, HTML, table pipes) gets a backslash, line breaks become <br> (inside table cells) or spaces.
 */
export function mdEscape(text: string, inTable = false): string {
  const escaped = text.replace(/[\\`*_[\]<>|#~!]/g, (ch) => `\\${ch}`);
  return inTable ? escaped.replace(/\r?\n/g, '<br>') : escaped.replace(/\r?\n/g, ' ');
}

function cell(v: CellValue, percent: boolean): string {
  if (typeof v === 'number') {
    return Number.isFinite(v) ? (percent ? v.toFixed(1) : String(v)) : '';
  }
  return mdEscape(v, true);
}

/** A GFM table; numeric columns right-aligned; rows indented by their level with em spaces. */
export function markdownTable(table: Pick<Table, 'header' | 'rows' | 'levels' | 'percent'>): string {
  const numeric = table.header.map((_h, c) => table.rows.length > 0 && table.rows.every((r) => typeof r[c] === 'number' || r[c] === ''));
  const head = `| ${table.header.map((h) => mdEscape(h, true) || ' ').join(' | ')} |`;
  const rule = `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`;
  const body = table.rows.map((r, i) => {
    const indent = '\u2003'.repeat(table.levels?.[i] ?? 0);
    // percentages: every column between the code and the total
    return `| ${r.map((v, c) => (c === 0 ? indent : '') + cell(v, !!table.percent && c > 0 && c < r.length - 1)).join(' | ')} |`;
  });
  return [head, rule, ...body].join('\n') + '\n';
}

/** A titled table with its caption lines, as a Markdown document section. */
export function markdownSection(table: Table, level = 2): string {
  const parts = [`${'#'.repeat(level)} ${mdEscape(table.title)}`, ''];
  for (const line of table.caption ?? []) {
    parts.push(mdEscape(line), '');
  }
  parts.push(markdownTable(table));
  for (const line of table.notes ?? []) {
    parts.push(`*${mdEscape(line)}*`, '');
  }
  return parts.join('\n');
}

/** Several tables as one Markdown document. */
export function markdownDocument(title: string, tables: readonly Table[], intro: readonly string[] = []): string {
  const parts = [`# ${mdEscape(title)}`, ''];
  for (const line of intro) {
    parts.push(mdEscape(line), '');
  }
  for (const t of tables) {
    parts.push(markdownSection(t));
  }
  return parts.join('\n').replace(/\n{3,}/g, '\n\n');
}
