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
export function marginContent(study: Study, doc: string, lineAt: (offset: number) => number): MarginContent {
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
  const byId = new Map<string, { label: string; title: string; color: string }>();
  for (const c of study.codingsOf(doc)) {
    if (c.orphaned) {
      continue;
    }
    const startLine = lineAt(c.start);
    const endLine = Math.max(startLine, lineAt(Math.max(c.start, c.end - 1)));
    items.push({ id: c.id, startLine, endLine });
    byId.set(c.id, lookOf(c.codes));
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
