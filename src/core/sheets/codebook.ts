/**
 * A codebook to and from a sheet. Three shapes are read: level columns ("Level 1", "Level 2", … or
 * "Niveau 1", …), a path column ("hiërarchie › mandaat" or "hiërarchie/mandaat"), or Gioia's
 * data structure (1st-order concept, 2nd-order theme, aggregate dimension: the dimension becomes a
 * top code, the theme its child, the concept a grandchild); beside them optional definition,
 * colour, polarity, origin, aliases and memo columns. Blank level cells before a name take the
 * row above's (a sheet that writes each dimension once, as people do). The import is planned as
 * operations for one `study.transact`: codes the study has are matched by path, never duplicated,
 * and every row that is not taken is reported with its row number and the reason.
 */
import * as l10n from '@vscode/l10n';
import type { Code } from '../model';
import type { CodePatch, Operation, Study } from '../study';
import { StudyError } from '../study';
import { newId } from '../ids';
import { CODE_PALETTE } from '../palette';
import type { CodebookColumn } from './headers';
import { codebookColumn, colourOf, LIST_SEPARATOR, listOf, originOf, polarityOf } from './headers';
import type { SheetRows, SheetTable } from './rows';
import { headerRowIndex } from './rows';

export interface RowRefusal {
  /** The row number people see in the sheet (1-based). */
  readonly row: number;
  readonly reason: string;
}

export interface SheetImportReport {
  /** What was added (codes as path labels "a › b"; factors as "catalogue › category › factor"). */
  readonly added: readonly string[];
  /** Rows that named what the study had already. */
  readonly matched: readonly string[];
  readonly refused: readonly RowRefusal[];
}

export type CodebookLayout = 'levels' | 'path' | 'gioia';

export interface CodebookSheetPlan extends SheetImportReport {
  readonly layout: CodebookLayout;
  readonly ops: Operation[];
}

type CodeProps = Partial<Pick<Code, 'definition' | 'memo' | 'color' | 'polarity' | 'origin' | 'aliases'>>;

interface CodeRow {
  readonly row: number;
  readonly path: readonly string[];
  readonly props: CodeProps;
}

interface Columns {
  readonly layout: CodebookLayout;
  /** Columns of the levels, top level first (Gioia: dimension, theme, concept). */
  readonly levels: readonly number[];
  readonly props: ReadonlyMap<CodebookColumn, number>;
}

function columnsOf(header: readonly string[]): Columns {
  const props = new Map<CodebookColumn, number>();
  const levels: Array<{ level: number; col: number }> = [];
  header.forEach((cell, col) => {
    const role = codebookColumn(cell);
    if (role === undefined) {
      return;
    }
    if (typeof role === 'object') {
      levels.push({ level: role.level, col });
    } else if (!props.has(role)) {
      props.set(role, col);
    }
  });
  const gioia = (['dimension', 'second', 'first'] as const).filter((r) => props.has(r)).map((r) => props.get(r)!);
  if (gioia.length > 0) {
    return { layout: 'gioia', levels: gioia, props };
  }
  if (levels.length > 0) {
    return { layout: 'levels', levels: levels.sort((a, b) => a.level - b.level).map((l) => l.col), props };
  }
  const single = props.get('path') ?? props.get('name');
  if (single !== undefined) {
    return { layout: 'path', levels: [single], props };
  }
  throw new StudyError(
    l10n.t(
      'The sheet has no column of codes: name one "Path", "Level 1", "Level 2", … or "1st-order", "2nd-order", "Aggregate dimension".',
    ),
  );
}

/** "a › b" splits on the arrow; without one, "a/b" on slashes. */
function splitPath(text: string): string[] {
  return (text.includes('›') ? text.split('›') : text.split('/')).map((s) => s.trim());
}

function readProps(cells: readonly string[], props: Columns['props']): { props: CodeProps } | { refusal: string } {
  const cell = (role: CodebookColumn): string => {
    const col = props.get(role);
    return col === undefined ? '' : (cells[col] ?? '');
  };
  const out: { -readonly [K in keyof CodeProps]: CodeProps[K] } = {};
  if (cell('definition').trim() !== '') {
    out.definition = cell('definition');
  }
  if (cell('memo').trim() !== '') {
    out.memo = cell('memo');
  }
  const colour = cell('colour').trim();
  if (colour !== '') {
    out.color = colourOf(colour);
    if (out.color === undefined) {
      return { refusal: l10n.t('"{0}" is not a colour (write it as #1f77b4).', colour) };
    }
  }
  const polarity = cell('polarity').trim();
  if (polarity !== '') {
    out.polarity = polarityOf(polarity);
    if (out.polarity === undefined) {
      return { refusal: l10n.t('unknown polarity "{0}" (belemmerend, stimulerend or neutral).', polarity) };
    }
  }
  const origin = cell('origin').trim();
  if (origin !== '') {
    out.origin = originOf(origin);
    if (out.origin === undefined) {
      return { refusal: l10n.t('unknown origin "{0}" (literature, empirical or in-vivo).', origin) };
    }
  }
  const aliases = listOf(cell('aliases'));
  if (aliases.length > 0) {
    out.aliases = aliases;
  }
  return { props: out };
}

/** The path of one row, blank levels before the last name taken from the row above. */
function rowPath(cells: readonly string[], columns: Columns, above: readonly string[]): string[] | { refusal: string } {
  if (columns.layout === 'path') {
    const text = (cells[columns.levels[0]] ?? '').trim();
    const path = text === '' ? [] : splitPath(text);
    return path.some((s) => s === '') ? { refusal: l10n.t('the path "{0}" has an empty name.', text) } : path;
  }
  const names = columns.levels.map((col) => (cells[col] ?? '').trim());
  let last = names.length - 1;
  while (last >= 0 && names[last] === '') {
    last--;
  }
  const path = names.slice(0, last + 1);
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '') {
      if (above[i] === undefined) {
        return { refusal: l10n.t('level {0} is empty and no row above names it.', i + 1) };
      }
      path[i] = above[i];
    }
  }
  return path;
}

/** The code rows of a sheet, and the rows refused while reading them. */
export function readCodebookRows(sheet: SheetRows): { layout: CodebookLayout; rows: CodeRow[]; refused: RowRefusal[] } {
  const headerAt = headerRowIndex(sheet.rows, (cell) => codebookColumn(cell) !== undefined);
  if (headerAt < 0) {
    throw new StudyError(l10n.t('The sheet has no row of column headings this import knows (Path, Level 1, Definition, …).'));
  }
  const columns = columnsOf(sheet.rows[headerAt]);
  const rows: CodeRow[] = [];
  const refused: RowRefusal[] = [];
  let above: readonly string[] = [];
  for (let i = headerAt + 1; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i];
    const row = sheet.rowNumbers[i];
    if (cells.every((c) => c.trim() === '')) {
      continue;
    }
    const path = rowPath(cells, columns, above);
    if (!Array.isArray(path)) {
      refused.push({ row, reason: path.refusal });
      continue;
    }
    if (path.length === 0) {
      refused.push({ row, reason: l10n.t('the row has no code name.') });
      continue;
    }
    const props = readProps(cells, columns.props);
    if ('refusal' in props) {
      refused.push({ row, reason: props.refusal });
      continue;
    }
    rows.push({ row, path, props: props.props });
    above = path;
  }
  return { layout: columns.layout, rows, refused };
}

/**
 * `nextColor` of ../palette (the palette colour least used so far, the first on ties), counted
 * once and kept up to date: asking `nextColor` for each new code of a large sheet is quadratic.
 */
export function colourPicker(used: readonly string[]): () => string {
  const counts = new Map(CODE_PALETTE.map((c) => [c.toLowerCase(), 0]));
  for (const c of used) {
    const n = counts.get(c.toLowerCase());
    if (n !== undefined) {
      counts.set(c.toLowerCase(), n + 1);
    }
  }
  return () => {
    let best = CODE_PALETTE[0];
    for (const c of CODE_PALETTE) {
      if (counts.get(c.toLowerCase())! < counts.get(best.toLowerCase())!) {
        best = c;
      }
    }
    counts.set(best.toLowerCase(), counts.get(best.toLowerCase())! + 1);
    return best;
  };
}

function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

function childKey(parent: string | undefined, name: string): string {
  return `${parent ?? ''}\u0000${nameKey(name)}`;
}

/** The fields of `props` the existing code lacks (aliases: the ones it does not have yet). */
function fillIn(code: Code, props: CodeProps): CodePatch {
  const patch: { -readonly [K in keyof CodePatch]: CodePatch[K] } = {};
  if (props.definition !== undefined && !code.definition) {
    patch.definition = props.definition;
  }
  if (props.memo !== undefined && !code.memo) {
    patch.memo = props.memo;
  }
  if (props.polarity !== undefined && !code.polarity) {
    patch.polarity = props.polarity;
  }
  if (props.origin !== undefined && !code.origin) {
    patch.origin = props.origin;
  }
  const known = new Set((code.aliases ?? []).map(nameKey));
  const more = (props.aliases ?? []).filter((a) => !known.has(nameKey(a)));
  if (more.length > 0) {
    patch.aliases = [...(code.aliases ?? []), ...more];
  }
  return patch;
}

/**
 * The operations that bring the sheet's codes into the study. A row whose path the study has is
 * matched (fields the code lacks are filled in; its name and colour stay); missing codes on the way
 * are added; a row that names a code an earlier row named is refused.
 */
export function planCodebookSheetImport(study: Study, sheet: SheetRows): CodebookSheetPlan {
  const read = readCodebookRows(sheet);
  const refused = [...read.refused];
  const byKey = new Map<string, string>();
  for (const c of study.codes) {
    const key = childKey(c.parent, c.name);
    if (!byKey.has(key) || c.name === study.code(byKey.get(key)!)?.name) {
      byKey.set(key, c.id);
    }
  }
  const drafts = new Map<string, Code>();
  const patches = new Map<string, CodePatch>();
  const describedBy = new Map<string, number>();
  const nextColour = colourPicker(study.codes.map((c) => c.color));
  const added: string[] = [];
  const matched: string[] = [];
  for (const r of read.rows) {
    let parent: string | undefined;
    let labels: string[] = [];
    for (const name of r.path) {
      labels = [...labels, name];
      const key = childKey(parent, name);
      let id = byKey.get(key);
      if (id === undefined) {
        id = newId();
        drafts.set(id, { id, name, ...(parent !== undefined ? { parent } : {}), color: nextColour() });
        byKey.set(key, id);
        added.push(labels.join(' › '));
      }
      parent = id;
    }
    const id = parent!;
    const earlier = describedBy.get(id);
    if (earlier !== undefined) {
      refused.push({ row: r.row, reason: l10n.t('the code {0} is named in row {1} already.', labels.join(' › '), earlier) });
      continue;
    }
    describedBy.set(id, r.row);
    const draft = drafts.get(id);
    if (draft) {
      drafts.set(id, { ...draft, ...r.props });
    } else {
      matched.push(study.pathLabel(id));
      const patch = fillIn(study.code(id)!, r.props);
      if (Object.keys(patch).length > 0) {
        patches.set(id, patch);
      }
    }
  }
  const ops: Operation[] = [];
  for (const code of drafts.values()) {
    ops.push({ kind: 'addCode', code });
  }
  for (const [id, patch] of patches) {
    ops.push({ kind: 'updateCode', id, patch });
  }
  refused.sort((a, b) => a.row - b.row);
  return { layout: read.layout, ops, added, matched, refused };
}

function propCells(code: Code): string[] {
  return [
    code.definition ?? '',
    code.color,
    code.polarity ?? '',
    code.origin ?? '',
    (code.aliases ?? []).join(LIST_SEPARATOR),
    code.memo ?? '',
  ];
}

function propHeader(): string[] {
  return [l10n.t('Definition'), l10n.t('Colour'), l10n.t('Polarity'), l10n.t('Origin'), l10n.t('Aliases'), l10n.t('Memo')];
}

/** The codebook as level columns (every row the full path of one code, parents first) and its fields. */
export function codebookSheet(study: Study): SheetTable {
  const order = study.treeOrder();
  const depth = order.reduce((m, o) => Math.max(m, o.depth + 1), 1);
  const header = [...Array.from({ length: depth }, (_v, i) => l10n.t('Level {0}', i + 1)), ...propHeader()];
  const rows = order.map(({ code }) => {
    const names = study.pathOf(code.id).map((c) => c.name);
    return [...names, ...Array.from({ length: depth - names.length }, () => ''), ...propCells(code)];
  });
  return { title: l10n.t('Codebook'), header, rows };
}

/**
 * The codebook as Gioia's data structure: one row per code of the first three levels (a dimension
 * alone, a theme with its dimension, a concept with both), with the row's code's fields. Codes
 * deeper than three levels have no place in it: `leftOut` counts them.
 */
export function gioiaSheet(study: Study): SheetTable & { readonly leftOut: number } {
  const header = [l10n.t('1st-order concept'), l10n.t('2nd-order theme'), l10n.t('Aggregate dimension'), ...propHeader()];
  const rows: string[][] = [];
  let leftOut = 0;
  for (const { code, depth } of study.treeOrder()) {
    if (depth > 2) {
      leftOut++;
      continue;
    }
    const names = study.pathOf(code.id).map((c) => c.name);
    rows.push([names[2] ?? '', names[1] ?? '', names[0], ...propCells(code)]);
  }
  return { title: l10n.t('Gioia data structure'), header, rows, leftOut };
}
