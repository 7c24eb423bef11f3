/** The counters behind a matrix: distinct codings, transcripts and respondents per cell, row and column. */
import type { MatrixIndex } from './matrixIndex';
import type { Prepared } from './prepare';
import { overlapPairs } from './overlap';

export interface Counts {
  /** Distinct codings, transcripts, respondents: per cell, per row, per column. */
  readonly codings: Float64Array;
  readonly docs: Float64Array;
  readonly resps: Float64Array;
  readonly rowCodings: Float64Array;
  readonly rowDocs: Float64Array;
  readonly rowResps: Float64Array;
  readonly colCodings: Float64Array;
  readonly colDocs: Float64Array;
  readonly colResps: Float64Array;
  /** Distinct codings counted anywhere. */
  grandTotal: number;
  /** Distinct transcripts and respondents over the whole table (only for the distinct measures). */
  grandDocs: number;
  grandResps: number;
}

function emptyCounts(R: number, C: number): Counts {
  return {
    codings: new Float64Array(R * C),
    docs: new Float64Array(R * C),
    resps: new Float64Array(R * C),
    rowCodings: new Float64Array(R),
    rowDocs: new Float64Array(R),
    rowResps: new Float64Array(R),
    colCodings: new Float64Array(C),
    colDocs: new Float64Array(C),
    colResps: new Float64Array(C),
    grandTotal: 0,
    grandDocs: 0,
    grandResps: 0,
  };
}

/**
 * Columns with one value per transcript (case, respondent, transcript, attribute): every coding
 * falls in exactly one column. Most codings carry one code; they are counted per code and column
 * and pushed up the code's chain of rows afterwards. A coding with several codes is counted row by
 * row with a stamp, so that a parent row counts it once.
 */
export function countSingleValued(index: MatrixIndex, p: Prepared, R: number, C: number, distinct: boolean): Counts {
  const k = emptyCounts(R, C);
  const direct = countCodingsByColumn(index, p, k, R, C);
  addSingleCodeCodingsToRows(index, p, direct, k.codings, C);
  const { codings, colCodings } = k;
  // each coding is in one column: a row's distinct codings are the sum of its cells
  for (let r = 0; r < R; r++) {
    let t = 0;
    for (let c = 0; c < C; c++) {
      t += codings[r * C + c];
    }
    k.rowCodings[r] = t;
  }
  for (let c = 0; c < C; c++) {
    k.grandTotal += colCodings[c];
  }
  if (!distinct) {
    return k;
  }
  countDistinctTranscriptsAndRespondents(index, p, k, R, C);
  return k;
}

/**
 * First pass of {@link countSingleValued}: each column's codings, and the cells of codings with
 * several counted codes (stamped per row). Codings with one counted code are returned per code and
 * column (code × C), to be pushed up their chains of rows.
 */
function countCodingsByColumn(index: MatrixIndex, p: Prepared, k: Counts, R: number, C: number): Float64Array {
  const { rowStart, rowList, passes } = p;
  const docColumn = p.docColumn!;
  const { cCodesStart, cCodes, cDoc } = index;
  const nCodes = index.codeIds.length;
  const direct = new Float64Array(nCodes * C);
  const rowStamp = new Int32Array(R);
  const { codings, colCodings } = k;
  const n = index.codingCount;
  for (let i = 0; i < n; i++) {
    if (!passes[i]) {
      continue;
    }
    const c = docColumn[cDoc[i]];
    if (c < 0) {
      continue;
    }
    let first = -1;
    let counted = 0;
    for (let q = cCodesStart[i], qe = cCodesStart[i + 1]; q < qe; q++) {
      const code = cCodes[q];
      if (rowStart[code + 1] > rowStart[code]) {
        counted++;
        if (first < 0) {
          first = code;
        }
      }
    }
    if (counted === 0) {
      continue;
    }
    colCodings[c]++;
    if (counted === 1) {
      direct[first * C + c]++;
      continue;
    }
    const stamp = i + 1;
    for (let q = cCodesStart[i], qe = cCodesStart[i + 1]; q < qe; q++) {
      const code = cCodes[q];
      for (let j = rowStart[code], je = rowStart[code + 1]; j < je; j++) {
        const r = rowList[j];
        if (rowStamp[r] !== stamp) {
          rowStamp[r] = stamp;
          codings[r * C + c]++;
        }
      }
    }
  }
  return direct;
}

/** Adds the per-code counts of single-code codings to every row in the code's chain. */
function addSingleCodeCodingsToRows(index: MatrixIndex, p: Prepared, direct: Float64Array, codings: Float64Array, C: number): void {
  const { rowStart, rowList } = p;
  const nCodes = index.codeIds.length;
  for (let code = 0; code < nCodes; code++) {
    const js = rowStart[code];
    const je = rowStart[code + 1];
    if (js === je) {
      continue;
    }
    const base = code * C;
    for (let j = js; j < je; j++) {
      const rb = rowList[j] * C;
      for (let c = 0; c < C; c++) {
        codings[rb + c] += direct[base + c];
      }
    }
  }
}

/** Second pass of {@link countSingleValued}, for the distinct measures: transcripts and respondents per cell, row and column. */
function countDistinctTranscriptsAndRespondents(index: MatrixIndex, p: Prepared, k: Counts, R: number, C: number): void {
  const { rowStart, rowList, passes } = p;
  const docColumn = p.docColumn!;
  const { cCodesStart, cCodes, cDoc, docRespondent } = index;
  const n = index.codingCount;
  // distinct transcripts and respondents: codings come sorted by respondent, then transcript, so
  // "new transcript/respondent for this cell" is a comparison with the last one stamped there
  const rowDocStamp = new Int32Array(R);
  const rowRespStamp = new Int32Array(R);
  const cellRespStamp = new Int32Array(R * C);
  const colDocStamp = new Int32Array(C);
  const colRespStamp = new Int32Array(C);
  const seenDoc = new Uint8Array(index.docs.length);
  const seenResp = new Uint8Array(index.respondents.length);
  const { docs, resps, rowResps, colDocs, colResps } = k;
  for (let i = 0; i < n; i++) {
    if (!passes[i]) {
      continue;
    }
    const d = cDoc[i];
    const c = docColumn[d];
    if (c < 0) {
      continue;
    }
    const ds = d + 1;
    const resp = docRespondent[d];
    const rs = resp + 1;
    let any = false;
    for (let q = cCodesStart[i], qe = cCodesStart[i + 1]; q < qe; q++) {
      const code = cCodes[q];
      for (let j = rowStart[code], je = rowStart[code + 1]; j < je; j++) {
        any = true;
        const r = rowList[j];
        if (rowDocStamp[r] !== ds) {
          rowDocStamp[r] = ds;
          docs[r * C + c]++;
        }
        if (rs > 0) {
          const cell = r * C + c;
          if (cellRespStamp[cell] !== rs) {
            cellRespStamp[cell] = rs;
            resps[cell]++;
          }
          if (rowRespStamp[r] !== rs) {
            rowRespStamp[r] = rs;
            rowResps[r]++;
          }
        }
      }
    }
    if (any) {
      countGrand(k, seenDoc, seenResp, d, resp);
      if (colDocStamp[c] !== ds) {
        colDocStamp[c] = ds;
        colDocs[c]++;
      }
      if (rs > 0 && colRespStamp[c] !== rs) {
        colRespStamp[c] = rs;
        colResps[c]++;
      }
    }
  }
  for (let r = 0; r < R; r++) {
    let t = 0;
    for (let c = 0; c < C; c++) {
      t += docs[r * C + c];
    }
    k.rowDocs[r] = t;
  }
}

/** Counts the transcript and respondent of a coding in the table's grand distinct totals, once each. */
function countGrand(k: Counts, seenDoc: Uint8Array, seenResp: Uint8Array, doc: number, resp: number): void {
  if (!seenDoc[doc]) {
    seenDoc[doc] = 1;
    k.grandDocs++;
  }
  if (resp >= 0 && !seenResp[resp]) {
    seenResp[resp] = 1;
    k.grandResps++;
  }
}

/** Factor and code columns: a coding can fall in several columns; every (row, column) pair is stamped. */
export function countGeneral(index: MatrixIndex, p: Prepared, R: number, C: number, distinct: boolean): Counts {
  const k = emptyCounts(R, C);
  const { codings, docs, resps, rowCodings, rowDocs, rowResps, colCodings, colDocs, colResps } = k;
  // last coding / transcript / respondent seen per cell, row and column (+1 so that 0 means none)
  const cellCoding = new Int32Array(R * C);
  const cellDoc = distinct ? new Int32Array(R * C) : cellCoding;
  const cellResp = distinct ? new Int32Array(R * C) : cellCoding;
  const rCoding = new Int32Array(R);
  const rDoc = new Int32Array(R);
  const rResp = new Int32Array(R);
  const cCoding = new Int32Array(C);
  const cDocS = new Int32Array(C);
  const cResp = new Int32Array(C);
  const { rowStart, rowList, passes } = p;
  const { cCodesStart, cCodes, cDoc, docRespondent } = index;
  const seenDoc = new Uint8Array(index.docs.length);
  const seenResp = new Uint8Array(distinct ? index.respondents.length : 0);
  let lastGrand = 0;

  const add = (i: number, r: number, c: number): void => {
    const stamp = i + 1;
    const cell = r * C + c;
    if (cellCoding[cell] === stamp) {
      return;
    }
    cellCoding[cell] = stamp;
    codings[cell]++;
    const d = cDoc[i] + 1;
    const resp = docRespondent[cDoc[i]];
    if (lastGrand !== stamp) {
      lastGrand = stamp;
      k.grandTotal++;
      if (distinct) {
        countGrand(k, seenDoc, seenResp, cDoc[i], resp);
      }
    }
    if (distinct) {
      if (cellDoc[cell] !== d) {
        cellDoc[cell] = d;
        docs[cell]++;
      }
      if (resp >= 0 && cellResp[cell] !== resp + 1) {
        cellResp[cell] = resp + 1;
        resps[cell]++;
      }
    }
    if (rCoding[r] !== stamp) {
      rCoding[r] = stamp;
      rowCodings[r]++;
      if (rDoc[r] !== d) {
        rDoc[r] = d;
        rowDocs[r]++;
      }
      if (resp >= 0 && rResp[r] !== resp + 1) {
        rResp[r] = resp + 1;
        rowResps[r]++;
      }
    }
    if (cCoding[c] !== stamp) {
      cCoding[c] = stamp;
      colCodings[c]++;
      if (cDocS[c] !== d) {
        cDocS[c] = d;
        colDocs[c]++;
      }
      if (resp >= 0 && cResp[c] !== resp + 1) {
        cResp[c] = resp + 1;
        colResps[c]++;
      }
    }
  };

  const n = index.codingCount;
  if (p.factorColumns) {
    const { factorsStart, factorsList } = index;
    for (let i = 0; i < n; i++) {
      if (!passes[i]) {
        continue;
      }
      for (let q = cCodesStart[i], qe = cCodesStart[i + 1]; q < qe; q++) {
        const code = cCodes[q];
        const fs = factorsStart[code];
        const fe = factorsStart[code + 1];
        if (fs === fe) {
          continue;
        }
        for (let j = rowStart[code], je = rowStart[code + 1]; j < je; j++) {
          for (let f = fs; f < fe; f++) {
            add(i, rowList[j], factorsList[f]);
          }
        }
      }
    }
  } else {
    addCooccurrences(index, p, C, add);
  }
  return k;
}

/**
 * Co-occurrence: per coding a, the columns of every code of the codings that overlap it, each
 * column once (stamped), then a's rows × those columns. One add per (a, row, column) instead of one
 * per overlapping pair and code: neighbours share most columns (a parent's column, say).
 */
function addCooccurrences(index: MatrixIndex, p: Prepared, C: number, add: (i: number, r: number, c: number) => void): void {
  const { rowStart, rowList, passes } = p;
  const { cCodesStart, cCodes } = index;
  const n = index.codingCount;
  const colStart = p.codeColStart!;
  const colList = p.codeColList!;
  const { start, list } = overlapPairs(index);
  const colSeen = new Int32Array(C);
  const cols = new Int32Array(C);
  for (let a = 0; a < n; a++) {
    if (!passes[a]) {
      continue;
    }
    const stamp = a + 1;
    let nc = 0;
    for (let k = start[a], ke = start[a + 1]; k < ke; k++) {
      const b = list[k];
      if (!passes[b]) {
        continue;
      }
      for (let m = cCodesStart[b], me = cCodesStart[b + 1]; m < me; m++) {
        const y = cCodes[m];
        for (let w = colStart[y], we = colStart[y + 1]; w < we; w++) {
          const c = colList[w];
          if (colSeen[c] !== stamp) {
            colSeen[c] = stamp;
            cols[nc++] = c;
          }
        }
      }
    }
    for (let q = cCodesStart[a], qe = cCodesStart[a + 1]; q < qe; q++) {
      const x = cCodes[q];
      for (let j = rowStart[x], je = rowStart[x + 1]; j < je; j++) {
        const r = rowList[j];
        for (let t = 0; t < nc; t++) {
          add(a, r, cols[t]);
        }
        // The pair (a, a): a's other codes (a code does not co-occur with itself in one coding).
        for (let m = cCodesStart[a], me = cCodesStart[a + 1]; m < me; m++) {
          const y = cCodes[m];
          if (y === x) {
            continue;
          }
          for (let w = colStart[y], we = colStart[y + 1]; w < we; w++) {
            add(a, r, colList[w]);
          }
        }
      }
    }
  }
}
