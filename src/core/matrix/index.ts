/**
 * Cross-tabulation of codes against cases, respondents, transcripts, document attributes,
 * literature factors or the codes themselves (co-occurrence), plus the factor-coverage and
 * synthesis views of the analysis step. Pure: the webview only renders what this computes.
 *
 * Speed comes from {@link MatrixIndex}: one pass over the study turns every coding into small
 * integers (transcript, case, respondent, coder, its codes) held in typed arrays, sorted by
 * respondent and transcript so that "distinct transcripts/respondents per cell" is a comparison
 * with the last one seen instead of a set. A matrix is then one tight loop over those arrays.
 *
 * Counting rules (the tests recompute them independently):
 *  - codings that do not count (./counting: orphaned, or of a missing transcript) are left out:
 *    they have no passage to show; {@link MatrixIndex.uncounted} says how many, for a note;
 *  - a row counts the distinct codings carrying its code or a descendant (a parent row shows
 *    its subtree's total), with the polarity/origin filters choosing which codes count;
 *  - a coding counts once per cell, however many of its codes fall in that row;
 *  - factor columns: a coding counts under a factor when one of its codes in the row's subtree
 *    is linked to that factor (directly or through an ancestor of that code);
 *  - code columns (co-occurrence): a coding of the row counts under a column code when a coding
 *    of that code overlaps it (same transcript, ranges intersect) — the same coding counts too
 *    when it carries the other code, but never a code with itself on the same coding.
 */
export type {
  ColumnKind,
  ColumnSpec,
  MatrixColumn,
  MatrixFilters,
  MatrixOptions,
  MatrixResult,
  MatrixRow,
  Measure,
  RowMode,
} from './types';
export { DEFAULT_MATRIX_OPTIONS, MEASURES, MISSING_KEY } from './types';
export { MatrixIndex, naturalCompare } from './matrixIndex';
export { updateMatrixIndex } from './liveIndex';
export { computeMatrix } from './compute';
export { cellCodings } from './drillDown';
export type { CoverageCode, CoverageFactor, CoverageResult } from './coverage';
export { factorCoverage } from './coverage';
export type { SynthesisOrigin, SynthesisRow, SynthesisTable } from './synthesis';
export { synthesisTable } from './synthesis';
