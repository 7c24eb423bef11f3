/**
 * The margin's model of one transcript, without VS Code: its codings as line ranges, laid out in
 * columns by the core (src/core/margin.ts), with their labels and colours. Pure, so the benchmark
 * measures exactly what the panel computes.
 */
import { chipLabel, layoutMargin } from '../core/margin';
import type { MarginItem } from '../core/margin';
import type { Study } from '../core/study';
import type { MarginBracketView } from '../../webview/margin/protocol';

export interface MarginContent {
  readonly columns: number;
  readonly brackets: MarginBracketView[];
}

/**
 * The brackets of `doc`: one per coding that is not orphaned, over the lines from its start to its
 * end (a coding ending at the start of a line does not cover that line).
 */
export function marginContent(
  study: Study,
  doc: string,
  lineAt: (offset: number) => number,
  /** Where an offset is in the editor's wrapped rows, as a fractional line (end: the bottom of its row). */
  placeAt?: (offset: number, end: boolean) => number,
): MarginContent {
  const items: MarginItem[] = [];
  const looks = new Map<string, { label: string; title: string; color: string }>();
  const lookOf = (codes: readonly string[]) => {
    // codings share a few code combinations: their label, tooltip and colour are made once each
    const key = codes.join('\u0000');
    let look = looks.get(key);
    if (!look) {
      look = {
        label: chipLabel(codes.map((id) => study.code(id)?.name ?? id)),
        title: codes.map((id) => study.pathLabel(id) || id).join('\n'),
        color: study.code(codes[0])?.color ?? '#888888',
      };
      looks.set(key, look);
    }
    return look;
  };
  const byId = new Map<string, { label: string; title: string; color: string; top?: number; bottom?: number }>();
  for (const c of study.codingsOf(doc)) {
    if (c.orphaned) {
      continue;
    }
    const startLine = lineAt(c.start);
    const endLine = Math.max(startLine, lineAt(Math.max(c.start, c.end - 1)));
    items.push({ id: c.id, startLine, endLine });
    const look = lookOf(c.codes);
    byId.set(c.id, placeAt ? { ...look, top: placeAt(c.start, false), bottom: placeAt(Math.max(c.start, c.end - 1), true) } : look);
  }
  const layout = layoutMargin(items);
  return {
    columns: layout.columns,
    brackets: layout.brackets.map((b) => ({
      coding: b.id,
      startLine: b.startLine,
      endLine: b.endLine,
      column: b.column,
      ...byId.get(b.id)!,
    })),
  };
}

/**
 * How many rows a line takes in an editor that wraps at `perRow` columns: VS Code breaks after the
 * spaces between words (a word too long for a row is broken inside), so a row ends early where the
 * next word does not fit. Counting characters only (length / perRow) misses those half-empty rows,
 * and over a transcript of long answers the margin drifted several rows away from its passages.
 */
export function lineRows(text: string, perRow: number): number {
  return rowStarts(text, perRow).length;
}

/** The column at which each row of a wrapped line starts (the first is 0); see {@link lineRows}. */
export function rowStarts(text: string, perRow: number): number[] {
  const starts = [0];
  if (text.length <= perRow) {
    return starts;
  }
  let col = /^\s*/.exec(text)![0].length;
  const word = /(\S+)(\s*)/g;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    let w = m[1].length;
    let at = m.index;
    if (col > 0 && col + w > perRow) {
      starts.push(at);
      col = 0;
    }
    while (w > perRow) {
      at += perRow;
      starts.push(at);
      w -= perRow;
    }
    // the spaces after a word hang at the end of its row; the next word starts the next one
    col += w + m[2].length;
  }
  return starts;
}

/**
 * Where in a wrapped line a column is, as a fraction of the line's rows: the top of the row that
 * holds it (`end`: the bottom of that row), so a bracket starts and ends with the rows of its passage.
 */
export function rowFraction(text: string, column: number, perRow: number | undefined, end = false): number {
  if (!perRow || perRow <= 0) {
    return end ? 1 : 0;
  }
  const starts = rowStarts(text, perRow);
  let row = 0;
  while (row + 1 < starts.length && starts[row + 1] <= column) {
    row++;
  }
  return (row + (end ? 1 : 0)) / starts.length;
}

/**
 * How many rows each line takes in an editor that wraps at about `perRow` columns (1 each without
 * wrapping). An estimate: the extension API does not tell where the editor wraps.
 */
export function wrapRows(lines: readonly string[], perRow: number | undefined): number[] {
  return lines.map((text) => (perRow && perRow > 0 ? lineRows(text, perRow) : 1));
}
