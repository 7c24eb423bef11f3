/** The matrix in the chosen measure, from the counters. */
import type { MatrixOptions, MatrixResult } from './types';
import { DEFAULT_MATRIX_OPTIONS } from './types';
import type { MatrixIndex } from './matrixIndex';
import { prepare } from './prepare';
import { countGeneral, countSingleValued } from './count';

/** Computes the matrix. Cost: one pass over the codings (plus an overlap sweep for co-occurrence). */
export function computeMatrix(index: MatrixIndex, options: MatrixOptions = DEFAULT_MATRIX_OPTIONS): MatrixResult {
  const p = prepare(index, options);
  const R = p.rows.length;
  const C = p.columns.length;
  const measure = options.measure;
  const distinct = measure === 'transcripts' || measure === 'respondents';
  const k = p.docColumn ? countSingleValued(index, p, R, C, distinct) : countGeneral(index, p, R, C, distinct);

  const values = measure === 'transcripts' ? k.docs : measure === 'respondents' ? k.resps : new Float64Array(k.codings);
  if (measure === 'rowPercent') {
    for (let r = 0; r < R; r++) {
      const t = k.rowCodings[r];
      for (let c = 0; c < C; c++) {
        values[r * C + c] = t ? (k.codings[r * C + c] / t) * 100 : 0;
      }
    }
  } else if (measure === 'columnPercent') {
    for (let c = 0; c < C; c++) {
      const t = k.colCodings[c];
      for (let r = 0; r < R; r++) {
        values[r * C + c] = t ? (k.codings[r * C + c] / t) * 100 : 0;
      }
    }
  }
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] > max) {
      max = values[i];
    }
  }
  const pick = (a: Float64Array, b: Float64Array, c: Float64Array): Float64Array =>
    measure === 'transcripts' ? b : measure === 'respondents' ? c : a;
  return {
    options,
    rows: p.rows,
    columns: p.columns,
    values,
    codings: k.codings,
    rowTotals: pick(k.rowCodings, k.rowDocs, k.rowResps),
    columnTotals: pick(k.colCodings, k.colDocs, k.colResps),
    grandTotal: measure === 'transcripts' ? k.grandDocs : measure === 'respondents' ? k.grandResps : k.grandTotal,
    max,
  };
}
