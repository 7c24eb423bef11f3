/** Synthesis table (thesis 000 §5.2: Factor empirie · Patroon empirie · Afkomst factor · Analyse). */
import type { Polarity } from '../model';
import type { MatrixColumn, MatrixFilters } from './types';
import type { MatrixIndex } from './matrixIndex';
import { computeMatrix } from './compute';

export interface SynthesisOrigin {
  readonly factor: string;
  readonly name: string;
  readonly authors: readonly string[];
  readonly category: string;
}

export interface SynthesisRow {
  readonly factorCode: string;
  readonly factor: string;
  readonly polarity?: Polarity;
  /** The pattern code; the factor itself when it has no children. */
  readonly patternCode: string;
  readonly pattern: string;
  /** Literature factors linked to the pattern or its descendants; empty = a new pattern. */
  readonly origins: readonly SynthesisOrigin[];
  readonly isNew: boolean;
  /** The pattern's memo (the thesis' hypotheses and explanatory statements). */
  readonly analysis: string;
  /** Distinct codings of the pattern's subtree per case, and in total. */
  readonly counts: readonly number[];
  readonly total: number;
}

export interface SynthesisTable {
  /** The case columns (the transcripts without a case: `missing`, named by the caller's "(no value)"). */
  readonly cases: readonly MatrixColumn[];
  readonly rows: readonly SynthesisRow[];
}

/** Top-level codes are the empirical factors, their children the patterns. */
export function synthesisTable(index: MatrixIndex, filters: MatrixFilters = {}): SynthesisTable {
  const study = index.study;
  const m = computeMatrix(index, { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters });
  const cases = m.columns;
  const C = m.columns.length;
  const rowOf = new Map(m.rows.map((r, i) => [r.code, i]));
  const rows: SynthesisRow[] = [];
  const originsOf = (code: string): SynthesisOrigin[] => {
    const ci = index.codeIndex.get(code)!;
    const [s, e] = index.subtreeRange(ci);
    const inSubtree = new Set(index.codeIds.slice(s, e));
    const seen = new Set<string>();
    const out: SynthesisOrigin[] = [];
    for (const l of study.links) {
      if (!inSubtree.has(l.code) || seen.has(l.factor)) {
        continue;
      }
      const info = study.factor(l.factor);
      if (!info) {
        continue;
      }
      seen.add(l.factor);
      out.push({ factor: l.factor, name: info.factor.name, authors: info.factor.authors, category: info.category });
    }
    return out.sort((a, b) => index.factorIndex.get(a.factor)! - index.factorIndex.get(b.factor)!);
  };
  for (const row of m.rows) {
    if (row.depth !== 0) {
      continue;
    }
    const factor = study.code(row.code)!;
    const patterns = m.rows.filter((r) => r.parent === row.code);
    for (const pat of patterns.length ? patterns : [row]) {
      const r = rowOf.get(pat.code)!;
      const origins = originsOf(pat.code);
      rows.push({
        factorCode: factor.id,
        factor: factor.name,
        ...(row.polarity ? { polarity: row.polarity } : {}),
        patternCode: pat.code,
        pattern: pat.name,
        origins,
        isNew: origins.length === 0,
        analysis: study.code(pat.code)!.memo ?? '',
        counts: Array.from(m.codings.subarray(r * C, r * C + C)),
        total: m.rowTotals[r],
      });
    }
  }
  return { cases, rows };
}
