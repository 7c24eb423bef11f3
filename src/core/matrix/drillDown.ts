/** Drill-down: the codings behind one cell. */
import type { MatrixOptions } from './types';
import type { MatrixIndex } from './matrixIndex';
import { prepare } from './prepare';
import { forEachOverlap } from './overlap';

/** The codings behind one cell (ids, in respondent/transcript/position order). */
export function cellCodings(index: MatrixIndex, options: MatrixOptions, rowCode: string, columnKey: string): string[] {
  const p = prepare(index, options);
  const r = p.rows.findIndex((x) => x.code === rowCode);
  const c = p.columns.findIndex((x) => x.key === columnKey);
  if (r < 0 || c < 0) {
    return [];
  }
  const hit = new Uint8Array(index.codingCount);
  const { rowStart, rowList, passes } = p;
  const { cCodesStart, cCodes, cDoc } = index;
  const inRow = (code: number): boolean => {
    for (let j = rowStart[code], je = rowStart[code + 1]; j < je; j++) {
      if (rowList[j] === r) {
        return true;
      }
    }
    return false;
  };
  const n = index.codingCount;
  if (p.docColumn) {
    for (let i = 0; i < n; i++) {
      if (!passes[i] || p.docColumn[cDoc[i]] !== c) {
        continue;
      }
      for (let k = cCodesStart[i]; k < cCodesStart[i + 1]; k++) {
        if (inRow(cCodes[k])) {
          hit[i] = 1;
        }
      }
    }
  } else if (p.factorColumns) {
    for (let i = 0; i < n; i++) {
      if (!passes[i]) {
        continue;
      }
      for (let k = cCodesStart[i]; k < cCodesStart[i + 1]; k++) {
        const code = cCodes[k];
        if (!inRow(code)) {
          continue;
        }
        for (let q = index.factorsStart[code]; q < index.factorsStart[code + 1]; q++) {
          if (index.factorsList[q] === c) {
            hit[i] = 1;
          }
        }
      }
    }
  } else {
    const inCol = (code: number): boolean => {
      for (let q = p.codeColStart![code]; q < p.codeColStart![code + 1]; q++) {
        if (p.codeColList![q] === c) {
          return true;
        }
      }
      return false;
    };
    forEachOverlap(index, passes, (a, b) => {
      if (hit[a]) {
        return;
      }
      for (let k = cCodesStart[a]; k < cCodesStart[a + 1]; k++) {
        for (let m = cCodesStart[b]; m < cCodesStart[b + 1]; m++) {
          if (!(a === b && cCodes[k] === cCodes[m]) && inRow(cCodes[k]) && inCol(cCodes[m])) {
            hit[a] = 1;
          }
        }
      }
    });
  }
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (hit[i]) {
      out.push(index.codingIds[i]);
    }
  }
  return out;
}
