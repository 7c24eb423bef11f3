/** Factor coverage (literature factors × cases, both directions). */
import type { MatrixColumn, MatrixFilters } from './types';
import type { MatrixIndex } from './matrixIndex';
import { prepare } from './prepare';
import { computeMatrix } from './compute';

export interface CoverageFactor {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly catalogue: string;
  readonly authors: readonly string[];
  /** Codes linked to the factor directly. */
  readonly codes: readonly string[];
  /** Distinct codings per case (the index's cases, filtered), then in total. */
  readonly counts: readonly number[];
  readonly total: number;
  readonly respondents: number;
}

export interface CoverageCode {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly depth: number;
  readonly counts: readonly number[];
  readonly total: number;
}

export interface CoverageResult {
  /** The case columns (the transcripts without a case: `missing`, named by the caller's "(no value)"). */
  readonly cases: readonly MatrixColumn[];
  readonly factors: readonly CoverageFactor[];
  /** Factors with no coding at all (no linked code, or linked codes never used). */
  readonly factorsWithoutEvidence: readonly string[];
  /** Codes neither they nor any descendant is linked to a literature factor ("new" patterns). */
  readonly unlinkedCodes: readonly CoverageCode[];
}

/**
 * Evidence for a factor: the distinct codings carrying a code linked to it, or a descendant of such
 * a code. Codes: a code is unlinked when neither it nor any descendant has a link.
 */
export function factorCoverage(index: MatrixIndex, filters: MatrixFilters = {}): CoverageResult {
  const study = index.study;
  const p = prepare(index, { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters });
  const cases = p.columns;
  const C = p.columns.length;
  const docColumn = p.docColumn!;
  const F = index.factorIds.length;
  const nCodes = index.codeIds.length;
  const counted = new Uint8Array(nCodes);
  for (let i = 0; i < nCodes; i++) {
    counted[i] = p.rowStart[i + 1] > p.rowStart[i] ? 1 : 0;
  }
  const fCounts = new Float64Array(F * C);
  const fTotal = new Float64Array(F);
  const fResp = new Float64Array(F);
  const fStampCell = new Int32Array(F * C);
  const fStamp = new Int32Array(F);
  const fLastResp = new Int32Array(F);
  const n = index.codingCount;
  for (let i = 0; i < n; i++) {
    if (!p.passes[i]) {
      continue;
    }
    const col = docColumn[index.cDoc[i]];
    const resp = index.docRespondent[index.cDoc[i]];
    for (let k = index.cCodesStart[i]; k < index.cCodesStart[i + 1]; k++) {
      const code = index.cCodes[k];
      if (!counted[code]) {
        continue;
      }
      for (let q = index.factorsStart[code]; q < index.factorsStart[code + 1]; q++) {
        const f = index.factorsList[q];
        if (fStamp[f] !== i + 1) {
          fStamp[f] = i + 1;
          fTotal[f]++;
          if (resp >= 0 && fLastResp[f] !== resp + 1) {
            fLastResp[f] = resp + 1;
            fResp[f]++;
          }
        }
        const cell = f * C + col;
        if (fStampCell[cell] !== i + 1) {
          fStampCell[cell] = i + 1;
          fCounts[cell]++;
        }
      }
    }
  }
  const linkedCodes = new Map<string, string[]>();
  for (const l of study.links) {
    let list = linkedCodes.get(l.factor);
    if (!list) {
      list = [];
      linkedCodes.set(l.factor, list);
    }
    if (index.codeIndex.has(l.code)) {
      list.push(l.code);
    }
  }
  const factors: CoverageFactor[] = index.factorIds.map((id, f) => {
    const info = study.factor(id)!;
    const codes = (linkedCodes.get(id) ?? []).sort((a, b) => index.codeIndex.get(a)! - index.codeIndex.get(b)!);
    return {
      id,
      name: info.factor.name,
      category: info.category,
      catalogue: info.catalogue,
      authors: info.factor.authors,
      codes,
      counts: Array.from(fCounts.subarray(f * C, f * C + C)),
      total: fTotal[f],
      respondents: fResp[f],
    };
  });

  // codes whose subtree has no link
  const hasLink = new Uint8Array(nCodes);
  for (const l of study.links) {
    const ci = index.codeIndex.get(l.code);
    if (ci !== undefined && index.factorIndex.has(l.factor)) {
      hasLink[ci] = 1;
    }
  }
  for (let i = nCodes - 1; i >= 0; i--) {
    if (hasLink[i] && index.parentOf[i] >= 0) {
      hasLink[index.parentOf[i]] = 1;
    }
  }
  const m = computeMatrix(index, { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters });
  const unlinkedCodes: CoverageCode[] = [];
  m.rows.forEach((row, r) => {
    const ci = index.codeIndex.get(row.code)!;
    if (hasLink[ci]) {
      return;
    }
    unlinkedCodes.push({
      id: row.code,
      name: row.name,
      path: row.path,
      depth: row.depth,
      counts: cases.map((_k, c) => m.codings[r * m.columns.length + c]),
      total: m.rowTotals[r],
    });
  });
  return { cases, factors, factorsWithoutEvidence: factors.filter((f) => f.total === 0).map((f) => f.id), unlinkedCodes };
}
