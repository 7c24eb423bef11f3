/**
 * Keeping a {@link MatrixIndex} up to date while coding: a change of codings replaces the rows of
 * the transcripts it names (contiguous in the index's order) instead of building the index again,
 * which at 50,000 codings is the difference between tens of milliseconds and about one. Changes
 * that move everything (codebook, transcripts, a reload, a coder appearing or disappearing) still
 * ask for a fresh build. The property test (test/unit/liveIndex.test.ts) compares the index updated
 * this way with a fresh build after random operation sequences.
 */
import type { Study, StudyChange } from '../study';
import { isCounted } from '../counting';
import type { MatrixIndex } from './matrixIndex';
import { refreshPrepared } from './prepare';

/** Above this many transcripts in one change a fresh build is about as quick: each one copies the arrays once. */
const MAX_DOCS = 16;

interface Row {
  readonly id: string;
  readonly coder: number;
  readonly start: number;
  readonly end: number;
  readonly codes: number[];
}

/**
 * Brings `index` up to date with `change` of its study. False when it cannot (the caller then builds
 * a new index); the index is then unchanged, or at least no more wrong than before.
 */
export function updateMatrixIndex(index: MatrixIndex, change: StudyChange): boolean {
  if (change.codebook || change.documents || change.reloaded || change.docs.length > MAX_DOCS) {
    return false;
  }
  const docs = [...new Set(change.docs)];
  if (!codersUnchanged(index, docs)) {
    return false;
  }
  for (const doc of docs) {
    replaceDoc(index, doc);
  }
  if (docs.length > 0) {
    index.revision++;
    refreshPrepared(index);
  }
  return true;
}

/**
 * Whether the coders of the study stay those the index numbered (the project's coders and every
 * coder with a coding), and if so, notes the new counts of the changed transcripts.
 */
function codersUnchanged(index: MatrixIndex, docs: readonly string[]): boolean {
  const study = index.study;
  const totals = new Map<string, number>();
  const next = new Map<string, Map<string, number>>();
  for (const doc of docs) {
    const counts = new Map<string, number>();
    for (const c of study.codingsOf(doc)) {
      counts.set(c.coder, (counts.get(c.coder) ?? 0) + 1);
    }
    next.set(doc, counts);
    for (const [coder, n] of index.codersOf.get(doc) ?? []) {
      totals.set(coder, (totals.get(coder) ?? 0) - n);
    }
    for (const [coder, n] of counts) {
      totals.set(coder, (totals.get(coder) ?? 0) + n);
    }
  }
  const projectCoders = new Set(study.project.coders.map((c) => c.id));
  for (const [coder, delta] of totals) {
    if (delta === 0 || projectCoders.has(coder)) {
      continue;
    }
    if (!index.coderIndex.has(coder) || coderTotal(index, coder) + delta === 0) {
      return false;
    }
  }
  for (const [doc, counts] of next) {
    index.codersOf.set(doc, counts);
  }
  return true;
}

function coderTotal(index: MatrixIndex, coder: string): number {
  let n = 0;
  for (const counts of index.codersOf.values()) {
    n += counts.get(coder) ?? 0;
  }
  return n;
}

/** The rows of one transcript as the study has them now, sorted as the index sorts them. */
function rowsOf(index: MatrixIndex, study: Study, doc: string, counted: boolean): { rows: Row[]; uncounted: number } {
  const rows: Row[] = [];
  let uncounted = 0;
  for (const c of study.codingsOf(doc)) {
    if (!counted || !isCounted(study, c)) {
      uncounted++;
      continue;
    }
    const codes: number[] = [];
    for (const id of c.codes) {
      const ci = index.codeIndex.get(id);
      if (ci !== undefined && !codes.includes(ci)) {
        codes.push(ci);
      }
    }
    rows.push({ id: c.id, coder: index.coderIndex.get(c.coder) ?? -1, start: c.start, end: c.end, codes });
  }
  rows.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rows, uncounted };
}

/** First position whose (respondent, transcript) is not before (resp, doc) — or, with `after`, is after it. */
function bound(index: MatrixIndex, resp: number, doc: number, after: boolean): number {
  let lo = 0;
  let hi = index.codingIds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const d = index.cDoc[mid];
    const r = index.docRespondent[d];
    const before = r < resp || (r === resp && (after ? d <= doc : d < doc));
    if (before) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

function replaceDoc(index: MatrixIndex, doc: string): void {
  const di = index.docIndex.get(doc);
  const { rows, uncounted } = rowsOf(index, index.study, doc, di !== undefined);
  if (uncounted > 0) {
    index.uncountedOf.set(doc, uncounted);
  } else {
    index.uncountedOf.delete(doc);
  }
  if (di === undefined) {
    return;
  }
  const resp = index.docRespondent[di];
  const lo = bound(index, resp, di, false);
  const hi = bound(index, resp, di, true);
  const n = index.codingIds.length;
  const m = rows.length;
  const added = rows.reduce((k, r) => k + r.codes.length, 0);
  if (m === hi - lo && added === index.cCodesStart[hi] - index.cCodesStart[lo]) {
    // As many codings and codes as before (a recode, a move): written over in place, nothing copied.
    overwrite(index, rows, lo, di);
    return;
  }
  const size = n - (hi - lo) + m;
  const splice = (old: Int32Array, value: (r: Row) => number): Int32Array => {
    const out = new Int32Array(size);
    out.set(old.subarray(0, lo), 0);
    for (let i = 0; i < m; i++) {
      out[lo + i] = value(rows[i]);
    }
    out.set(old.subarray(hi, n), lo + m);
    return out;
  };
  index.cDoc = splice(index.cDoc, () => di);
  index.cCoder = splice(index.cCoder, (r) => r.coder);
  index.cStart = splice(index.cStart, (r) => r.start);
  index.cEnd = splice(index.cEnd, (r) => r.end);
  index.codingIds = spliceIds(
    index.codingIds,
    lo,
    hi,
    rows.map((r) => r.id),
  );

  // The codes, as compressed rows: the part before stays, the part after moves by what changed.
  const oldStart = index.cCodesStart;
  const from = oldStart[lo];
  const to = oldStart[hi];
  const shift = added - (to - from);
  const codes = new Int32Array(index.cCodes.length + shift);
  codes.set(index.cCodes.subarray(0, from), 0);
  const start = new Int32Array(size + 1);
  start.set(oldStart.subarray(0, lo + 1), 0);
  let k = from;
  for (let i = 0; i < m; i++) {
    start[lo + i] = k;
    for (const c of rows[i].codes) {
      codes[k++] = c;
    }
  }
  codes.set(index.cCodes.subarray(to), k);
  for (let i = hi; i <= n; i++) {
    start[i - hi + lo + m] = oldStart[i] + shift;
  }
  index.cCodesStart = start;
  index.cCodes = codes;
}

/** The rows of a transcript written over its old ones, which are as many, with as many codes. */
function overwrite(index: MatrixIndex, rows: readonly Row[], lo: number, doc: number): void {
  let k = index.cCodesStart[lo];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    index.codingIds[lo + i] = r.id;
    index.cDoc[lo + i] = doc;
    index.cCoder[lo + i] = r.coder;
    index.cStart[lo + i] = r.start;
    index.cEnd[lo + i] = r.end;
    index.cCodesStart[lo + i] = k;
    for (const c of r.codes) {
      index.cCodes[k++] = c;
    }
  }
}

/**
 * The ids with [lo, hi) replaced by `next`. Only what differs between the two is spliced (one id for
 * an added or removed coding): copying 200,000 ids after every change was most of an update.
 */
function spliceIds(ids: string[], lo: number, hi: number, next: readonly string[]): string[] {
  const old = hi - lo;
  let p = 0;
  while (p < old && p < next.length && ids[lo + p] === next[p]) {
    p++;
  }
  let q = 0;
  while (q < old - p && q < next.length - p && ids[hi - 1 - q] === next[next.length - 1 - q]) {
    q++;
  }
  const insert = next.length - p - q;
  if (insert > 8) {
    return ids.slice(0, lo).concat(next, ids.slice(hi));
  }
  ids.splice(lo + p, old - p - q);
  for (let i = 0; i < insert; i++) {
    ids.splice(lo + p + i, 0, next[p + i]);
  }
  return ids;
}
