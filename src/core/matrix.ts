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
import type { Origin, Polarity } from './model';
import type { Study } from './study';
import { isCounted } from './counting';

export type ColumnSpec =
  | { readonly kind: 'case' }
  | { readonly kind: 'respondent' }
  | { readonly kind: 'transcript' }
  | { readonly kind: 'attribute'; readonly key: string }
  | { readonly kind: 'factor' }
  | { readonly kind: 'code' };

export type ColumnKind = ColumnSpec['kind'];
export type Measure = 'codings' | 'transcripts' | 'respondents' | 'rowPercent' | 'columnPercent';
export type RowMode = 'tree' | 'top';

export const MEASURES: readonly Measure[] = ['codings', 'transcripts', 'respondents', 'rowPercent', 'columnPercent'];

export interface MatrixFilters {
  readonly polarity?: readonly Polarity[];
  readonly origin?: readonly Origin[];
  readonly cases?: readonly string[];
  readonly coders?: readonly string[];
}

export interface MatrixOptions {
  readonly rows: RowMode;
  readonly columns: ColumnSpec;
  readonly measure: Measure;
  readonly filters?: MatrixFilters;
}

export const DEFAULT_MATRIX_OPTIONS: MatrixOptions = { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters: {} };

/** Column key of "no value" (a transcript without a case, an attribute left empty). */
export const MISSING_KEY = '\u0000none';

export interface MatrixRow {
  readonly code: string;
  readonly name: string;
  readonly path: string;
  readonly depth: number;
  readonly parent?: string;
  readonly hasChildren: boolean;
  readonly color: string;
  readonly polarity?: Polarity;
  readonly origin?: Origin;
}

export interface MatrixColumn {
  readonly key: string;
  readonly label: string;
  /** Longer description (case name, factor category and authors, code path). */
  readonly detail?: string;
  readonly missing?: boolean;
}

export interface MatrixResult {
  readonly options: MatrixOptions;
  readonly rows: readonly MatrixRow[];
  readonly columns: readonly MatrixColumn[];
  /** rows × columns, row-major, in the chosen measure (percentages 0–100). */
  readonly values: Float64Array;
  /** rows × columns, row-major: distinct codings (what a cell click lists). */
  readonly codings: Float64Array;
  /** Per row over all columns, in the measure (codings for the percentage measures). */
  readonly rowTotals: Float64Array;
  /** Per column over all counted codes, in the measure (codings for the percentage measures). */
  readonly columnTotals: Float64Array;
  /** Distinct codings counted anywhere. */
  readonly grandTotal: number;
  /** Largest cell value (for the heat-map scale). */
  readonly max: number;
}

// ---------------------------------------------------------------------------------------------
// Index

/** The study turned into small integers and typed arrays; rebuild after the study changed. */
export class MatrixIndex {
  /** Codes in tree order (depth first, siblings in codebook order). */
  readonly codeIds: string[] = [];
  readonly codeIndex = new Map<string, number>();
  readonly parentOf: Int32Array;
  readonly depthOf: Int32Array;
  readonly childCount: Int32Array;
  readonly polarityOf: (Polarity | undefined)[] = [];
  readonly originOf: (Origin | undefined)[] = [];

  readonly docs: string[];
  readonly cases: string[];
  readonly respondents: string[];
  readonly coders: string[];
  readonly docCase: Int32Array;
  readonly docRespondent: Int32Array;

  readonly factorIds: string[] = [];
  readonly factorIndex = new Map<string, number>();
  /** Factors covering a code (linked to it or to an ancestor), CSR: factorsStart[code]..factorsStart[code+1]. */
  readonly factorsStart: Int32Array;
  readonly factorsList: Int32Array;
  /** Factors linked to the code itself, its descendants, or its ancestors (synthesis origins use direct+descendant). */

  /** Codings (not orphaned), sorted by respondent, transcript, start. */
  readonly codingIds: string[];
  private uncountedCodings = 0;
  readonly cDoc: Int32Array;
  readonly cCoder: Int32Array;
  readonly cStart: Int32Array;
  readonly cEnd: Int32Array;
  /** The coding's codes (known codes only), CSR: cCodesStart[i]..cCodesStart[i+1]. */
  readonly cCodesStart: Int32Array;
  readonly cCodes: Int32Array;

  private readonly attributeCache = new Map<string, { values: string[]; docValue: Int32Array }>();
  /** Rows, columns and per-code lookups of recent option sets (the measure aside): switching the measure or re-rendering costs only the count. */
  readonly preparedCache = new Map<string, unknown>();

  constructor(readonly study: Study) {
    // codes in tree order (Study.treeOrder: depth first without recursion, a hostile codebook can be
    // deeper than the JS stack); a parent comes before its children, so its index is known
    const parents: number[] = [];
    const depths: number[] = [];
    for (const { code: c, depth } of study.treeOrder()) {
      const parentIdx = depth === 0 ? -1 : this.codeIndex.get(c.parent!)!;
      const i = this.codeIds.length;
      this.codeIds.push(c.id);
      this.codeIndex.set(c.id, i);
      parents.push(parentIdx);
      depths.push(depth);
      this.polarityOf.push(c.polarity ?? (parentIdx >= 0 ? this.polarityOf[parentIdx] : undefined));
      this.originOf.push(c.origin ?? (parentIdx >= 0 ? this.originOf[parentIdx] : undefined));
    }
    const nCodes = this.codeIds.length;
    this.parentOf = Int32Array.from(parents);
    this.depthOf = Int32Array.from(depths);
    this.childCount = new Int32Array(nCodes);
    for (let i = 0; i < nCodes; i++) {
      if (this.parentOf[i] >= 0) {
        this.childCount[this.parentOf[i]]++;
      }
    }

    // factors, and which factors cover each code (own links and ancestors' links)
    for (const cat of study.catalogues) {
      for (const g of cat.categories) {
        for (const f of g.factors) {
          if (!this.factorIndex.has(f.id)) {
            this.factorIndex.set(f.id, this.factorIds.length);
            this.factorIds.push(f.id);
          }
        }
      }
    }
    const direct: number[][] = Array.from({ length: nCodes }, () => []);
    for (const l of study.links) {
      const ci = this.codeIndex.get(l.code);
      const fi = this.factorIndex.get(l.factor);
      if (ci !== undefined && fi !== undefined) {
        direct[ci].push(fi);
      }
    }
    const covering: number[][] = [];
    for (let i = 0; i < nCodes; i++) {
      // parents come before children in tree order
      const p = this.parentOf[i];
      const set = new Set<number>(p >= 0 ? covering[p] : []);
      for (const f of direct[i]) {
        set.add(f);
      }
      covering.push([...set].sort((a, b) => a - b));
    }
    const csr = toCsr(covering);
    this.factorsStart = csr.start;
    this.factorsList = csr.list;

    // transcripts, cases, respondents, coders
    const docs = study.documents;
    this.docs = docs.map((d) => d.path);
    this.cases = study.cases();
    this.respondents = study.respondents();
    this.coders = study.coders();
    const caseIdx = new Map(this.cases.map((c, i) => [c, i]));
    const respIdx = new Map(this.respondents.map((r, i) => [r, i]));
    const coderIdx = new Map(this.coders.map((c, i) => [c, i]));
    const docIdx = new Map(this.docs.map((d, i) => [d, i]));
    this.docCase = new Int32Array(this.docs.length);
    this.docRespondent = new Int32Array(this.docs.length);
    this.docs.forEach((d, i) => {
      const c = study.caseOf(d);
      const r = study.respondentOf(d);
      this.docCase[i] = c === undefined ? -1 : caseIdx.get(c)!;
      this.docRespondent[i] = r === undefined ? -1 : respIdx.get(r)!;
    });

    // codings
    type Row = { id: string; doc: number; resp: number; coder: number; start: number; end: number; codes: number[] };
    const rows: Row[] = [];
    for (const c of study.allCodings()) {
      const doc = docIdx.get(c.doc);
      if (!isCounted(study, c) || doc === undefined) {
        this.uncountedCodings++;
        continue;
      }
      const codes: number[] = [];
      for (const id of c.codes) {
        const ci = this.codeIndex.get(id);
        if (ci !== undefined && !codes.includes(ci)) {
          codes.push(ci);
        }
      }
      rows.push({ id: c.id, doc, resp: this.docRespondent[doc], coder: coderIdx.get(c.coder) ?? -1, start: c.start, end: c.end, codes });
    }
    rows.sort((a, b) => a.resp - b.resp || a.doc - b.doc || a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const n = rows.length;
    this.codingIds = new Array<string>(n);
    this.cDoc = new Int32Array(n);
    this.cCoder = new Int32Array(n);
    this.cStart = new Int32Array(n);
    this.cEnd = new Int32Array(n);
    const codeLists: number[][] = new Array<number[]>(n);
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      this.codingIds[i] = r.id;
      this.cDoc[i] = r.doc;
      this.cCoder[i] = r.coder;
      this.cStart[i] = r.start;
      this.cEnd[i] = r.end;
      codeLists[i] = r.codes;
    }
    const ccsr = toCsr(codeLists);
    this.cCodesStart = ccsr.start;
    this.cCodes = ccsr.list;
  }

  get codingCount(): number {
    return this.codingIds.length;
  }

  /** Codings left out by the counting rule (./counting: orphaned, or of a missing transcript), for the note beside the numbers. */
  get uncounted(): number {
    return this.uncountedCodings;
  }

  /** Distinct values of a front-matter attribute, naturally sorted, and each transcript's value index (-1: none). */
  attributeValues(key: string): { values: string[]; docValue: Int32Array } {
    let cached = this.attributeCache.get(key);
    if (!cached) {
      const raw = this.docs.map((d) => this.study.attribute(d, key));
      const values = [...new Set(raw.filter((v): v is string => v !== undefined && v !== ''))].sort(naturalCompare);
      const idx = new Map(values.map((v, i) => [v, i]));
      const docValue = Int32Array.from(raw.map((v) => (v === undefined || v === '' ? -1 : idx.get(v)!)));
      cached = { values, docValue };
      this.attributeCache.set(key, cached);
    }
    return cached;
  }

  /** Indices of the code and its descendants (contiguous in tree order). */
  subtreeRange(code: number): [number, number] {
    let end = code + 1;
    const depth = this.depthOf[code];
    while (end < this.codeIds.length && this.depthOf[end] > depth) {
      end++;
    }
    return [code, end];
  }
}

function toCsr(lists: readonly (readonly number[])[]): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  let total = 0;
  for (let i = 0; i < lists.length; i++) {
    start[i] = total;
    total += lists[i].length;
  }
  start[lists.length] = total;
  const list = new Int32Array(total);
  let k = 0;
  for (const l of lists) {
    for (const v of l) {
      list[k++] = v;
    }
  }
  return { start, list };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// Shared preparation of one matrix

interface Prepared {
  readonly rows: MatrixRow[];
  /** For each code: the rows its codings count in (CSR); empty when the code is filtered out. */
  readonly rowStart: Int32Array;
  readonly rowList: Int32Array;
  readonly rowCodes: Int32Array;
  readonly columns: MatrixColumn[];
  /** Single-valued columns: each transcript's column. */
  readonly docColumn?: Int32Array;
  /** Factor columns: per code, the columns it adds (CSR over the index's covering factors). */
  readonly factorColumns?: boolean;
  /** Co-occurrence: per code, the columns it adds (CSR). */
  readonly codeColStart?: Int32Array;
  readonly codeColList?: Int32Array;
  /** Whether coding i passes the case/coder filters. */
  readonly passes: Uint8Array;
}

function prepare(index: MatrixIndex, options: MatrixOptions): Prepared {
  const key = JSON.stringify([options.rows, options.columns, options.filters ?? {}]);
  let p = index.preparedCache.get(key) as Prepared | undefined;
  if (!p) {
    p = prepareUncached(index, options);
    if (index.preparedCache.size >= 16) {
      index.preparedCache.delete(index.preparedCache.keys().next().value!);
    }
    index.preparedCache.set(key, p);
  }
  return p;
}

function prepareUncached(index: MatrixIndex, options: MatrixOptions): Prepared {
  const study = index.study;
  const f = options.filters ?? {};
  const nCodes = index.codeIds.length;

  // which codes count
  const counted = new Uint8Array(nCodes);
  for (let i = 0; i < nCodes; i++) {
    const p = index.polarityOf[i];
    const o = index.originOf[i];
    const okP = !f.polarity || f.polarity.length === 0 || (p !== undefined && f.polarity.includes(p));
    const okO = !f.origin || f.origin.length === 0 || (o !== undefined && f.origin.includes(o));
    counted[i] = okP && okO ? 1 : 0;
  }
  // a code is a row when it counts or a descendant counts (tree), or when it is a top-level code with a counting subtree (top)
  const hasCounted = new Uint8Array(nCodes);
  for (let i = nCodes - 1; i >= 0; i--) {
    if (counted[i]) {
      hasCounted[i] = 1;
    }
    if (hasCounted[i] && index.parentOf[i] >= 0) {
      hasCounted[index.parentOf[i]] = 1;
    }
  }
  const rowOfCode = new Int32Array(nCodes).fill(-1);
  const rows: MatrixRow[] = [];
  const rowCodes: number[] = [];
  for (let i = 0; i < nCodes; i++) {
    if (!hasCounted[i] || (options.rows === 'top' && index.parentOf[i] >= 0)) {
      continue;
    }
    rowOfCode[i] = rows.length;
    rowCodes.push(i);
    const code = study.code(index.codeIds[i])!;
    let hasChildren = false;
    if (options.rows === 'tree') {
      const [s, e] = index.subtreeRange(i);
      for (let k = s + 1; k < e && !hasChildren; k++) {
        hasChildren = hasCounted[k] === 1;
      }
    }
    rows.push({
      code: code.id,
      name: code.name,
      path: study.pathLabel(code.id),
      depth: options.rows === 'tree' ? index.depthOf[i] : 0,
      ...(options.rows === 'tree' && code.parent !== undefined ? { parent: code.parent } : {}),
      hasChildren,
      color: code.color,
      ...(index.polarityOf[i] ? { polarity: index.polarityOf[i] } : {}),
      ...(index.originOf[i] ? { origin: index.originOf[i] } : {}),
    });
  }
  // each counted code → its rows (itself and ancestors that are rows)
  const chains: number[][] = [];
  for (let i = 0; i < nCodes; i++) {
    const chain: number[] = [];
    if (counted[i]) {
      for (let k = i; k >= 0; k = index.parentOf[k]) {
        if (rowOfCode[k] >= 0) {
          chain.push(rowOfCode[k]);
        }
      }
    }
    chains.push(chain);
  }
  const { start: rowStart, list: rowList } = toCsr(chains);

  // codings passing the case and coder filters
  const n = index.codingCount;
  const passes = new Uint8Array(n);
  const caseSet = f.cases && f.cases.length ? new Set(f.cases) : undefined;
  const coderSet = f.coders && f.coders.length ? new Set(f.coders) : undefined;
  const docOk = new Uint8Array(index.docs.length);
  for (let d = 0; d < index.docs.length; d++) {
    const c = index.docCase[d];
    docOk[d] = !caseSet || (c >= 0 && caseSet.has(index.cases[c])) ? 1 : 0;
  }
  const coderOk = index.coders.map((c) => (!coderSet || coderSet.has(c) ? 1 : 0));
  for (let i = 0; i < n; i++) {
    const coder = index.cCoder[i];
    passes[i] = docOk[index.cDoc[i]] && (coder < 0 ? !coderSet : coderOk[coder]) ? 1 : 0;
  }

  const base = { rows, rowStart, rowList, rowCodes: Int32Array.from(rowCodes), passes };
  const spec = options.columns;
  switch (spec.kind) {
    case 'case':
    case 'respondent':
    case 'transcript':
    case 'attribute': {
      let values: string[];
      let docValue: Int32Array;
      let details: (string | undefined)[] = [];
      if (spec.kind === 'case') {
        values = caseSet ? index.cases.filter((c) => caseSet.has(c)) : index.cases;
        const idx = new Map(values.map((v, i) => [v, i]));
        docValue = Int32Array.from(index.docCase, (c) => (c < 0 ? -1 : (idx.get(index.cases[c]) ?? -2)));
        const info = new Map(study.project.cases.map((c) => [c.id, c.name]));
        details = values.map((v) => info.get(v));
      } else if (spec.kind === 'respondent') {
        values = index.respondents;
        docValue = index.docRespondent;
        const info = new Map(study.project.respondents.map((r) => [r.id, r.function]));
        details = values.map((v) => info.get(v));
      } else if (spec.kind === 'transcript') {
        values = index.docs.map((d) => d.slice(d.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, ''));
        docValue = Int32Array.from(index.docs, (_d, i) => i);
        details = index.docs.map((d) => `${study.sourceLabel(d)} — ${d}`);
      } else {
        ({ values, docValue } = index.attributeValues(spec.key));
      }
      // with a case filter, only values that occur in the chosen cases' transcripts
      const keep = values.map(() => !caseSet);
      for (let d = 0; d < index.docs.length; d++) {
        if (docOk[d] && docValue[d] >= 0) {
          keep[docValue[d]] = true;
        }
      }
      const columnOf = new Int32Array(values.length).fill(-2);
      const columns: MatrixColumn[] = [];
      values.forEach((v, i) => {
        if (keep[i]) {
          columnOf[i] = columns.length;
          columns.push({ key: spec.kind === 'transcript' ? index.docs[i] : v, label: v, ...(details[i] ? { detail: details[i] } : {}) });
        }
      });
      // a "no value" column only when a transcript (passing the filters) lacks a value
      let missing = -1;
      const docColumn = new Int32Array(index.docs.length).fill(-2);
      for (let d = 0; d < index.docs.length; d++) {
        const v = docValue[d];
        if (v >= 0) {
          docColumn[d] = columnOf[v];
        } else if (v === -1 && docOk[d]) {
          if (missing < 0) {
            missing = columns.length;
            columns.push({ key: MISSING_KEY, label: '—', missing: true });
          }
          docColumn[d] = missing;
        }
      }
      return { ...base, columns, docColumn };
    }
    case 'factor': {
      const columns = index.factorIds.map((id) => {
        const info = study.factor(id)!;
        return {
          key: id,
          label: info.factor.name,
          detail: `${info.category}${info.factor.authors.length ? ' — ' + info.factor.authors.join('; ') : ''}`,
        };
      });
      return { ...base, columns, factorColumns: true };
    }
    case 'code': {
      const columns: MatrixColumn[] = rows.map((r) => ({ key: r.code, label: r.name, detail: r.path }));
      return { ...base, columns, codeColStart: rowStart, codeColList: rowList };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The matrix

interface Counts {
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
  grandTotal: number;
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
  };
}

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
    grandTotal: k.grandTotal,
    max,
  };
}

/**
 * Columns with one value per transcript (case, respondent, transcript, attribute): every coding
 * falls in exactly one column. Most codings carry one code; they are counted per code and column
 * and pushed up the code's chain of rows afterwards. A coding with several codes is counted row by
 * row with a stamp, so that a parent row counts it once.
 */
function countSingleValued(index: MatrixIndex, p: Prepared, R: number, C: number, distinct: boolean): Counts {
  const k = emptyCounts(R, C);
  const { rowStart, rowList, passes } = p;
  const docColumn = p.docColumn!;
  const { cCodesStart, cCodes, cDoc, docRespondent } = index;
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
  // distinct transcripts and respondents: codings come sorted by respondent, then transcript, so
  // "new transcript/respondent for this cell" is a comparison with the last one stamped there
  const rowDocStamp = new Int32Array(R);
  const rowRespStamp = new Int32Array(R);
  const cellRespStamp = new Int32Array(R * C);
  const colDocStamp = new Int32Array(C);
  const colRespStamp = new Int32Array(C);
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
  return k;
}

/** Factor and code columns: a coding can fall in several columns; every (row, column) pair is stamped. */
function countGeneral(index: MatrixIndex, p: Prepared, R: number, C: number, distinct: boolean): Counts {
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
  let lastGrand = 0;

  const add = (i: number, r: number, c: number): void => {
    const stamp = i + 1;
    const cell = r * C + c;
    if (cellCoding[cell] === stamp) {
      return;
    }
    cellCoding[cell] = stamp;
    codings[cell]++;
    if (lastGrand !== stamp) {
      lastGrand = stamp;
      k.grandTotal++;
    }
    const d = cDoc[i] + 1;
    const resp = docRespondent[cDoc[i]];
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
    const colStart = p.codeColStart!;
    const colList = p.codeColList!;
    forEachOverlap(index, passes, (a, b) => {
      for (let q = cCodesStart[a], qe = cCodesStart[a + 1]; q < qe; q++) {
        const x = cCodes[q];
        for (let m = cCodesStart[b], me = cCodesStart[b + 1]; m < me; m++) {
          const y = cCodes[m];
          if (a === b && x === y) {
            continue;
          }
          for (let j = rowStart[x], je = rowStart[x + 1]; j < je; j++) {
            for (let w = colStart[y], we = colStart[y + 1]; w < we; w++) {
              add(a, rowList[j], colList[w]);
            }
          }
        }
      }
    });
  }
  return k;
}

/**
 * Calls visit(a, b) for every ordered pair of codings (passing the filters) in the same
 * transcript whose ranges intersect, including (a, a). All calls for one `a` come together, and
 * the `a`s come in index order (respondent, transcript, start), which the distinct counts rely on.
 */
function forEachOverlap(index: MatrixIndex, passes: Uint8Array, visit: (a: number, b: number) => void): void {
  const { start, list } = overlapPairs(index);
  const n = index.codingCount;
  for (let a = 0; a < n; a++) {
    if (!passes[a]) {
      continue;
    }
    visit(a, a);
    for (let k = start[a], ke = start[a + 1]; k < ke; k++) {
      const b = list[k];
      if (passes[b]) {
        visit(a, b);
      }
    }
  }
}

const overlapCache = new WeakMap<MatrixIndex, { start: Int32Array; list: Int32Array }>();

/**
 * Which codings overlap which, for the whole index (filters aside), computed once per index: a
 * sweep per transcript (codings sorted by start keep those still open), stored as CSR arrays, so
 * that every later co-occurrence view only walks the pairs.
 */
function overlapPairs(index: MatrixIndex): { start: Int32Array; list: Int32Array } {
  const cached = overlapCache.get(index);
  if (cached) {
    return cached;
  }
  const n = index.codingCount;
  const { cDoc, cStart, cEnd } = index;
  const degree = new Int32Array(n + 1);
  const pairsA: number[] = [];
  const pairsB: number[] = [];
  let i = 0;
  const active: number[] = [];
  while (i < n) {
    let j = i;
    while (j < n && cDoc[j] === cDoc[i]) {
      j++;
    }
    active.length = 0;
    for (let a = i; a < j; a++) {
      let w = 0;
      for (const b of active) {
        if (cEnd[b] > cStart[a]) {
          active[w++] = b;
        }
      }
      active.length = w;
      for (const b of active) {
        if (cStart[a] < cEnd[b] && cStart[b] < cEnd[a]) {
          pairsA.push(a);
          pairsB.push(b);
          degree[a]++;
          degree[b]++;
        }
      }
      active.push(a);
    }
    i = j;
  }
  const start = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) {
    start[a + 1] = start[a] + degree[a];
  }
  const fill = start.slice(0, n);
  const list = new Int32Array(start[n]);
  // Neighbours of a in index order: pairs were found with b < a, so a's lower neighbours come in
  // order of discovery; place both directions, then sort each short run.
  for (let k = 0; k < pairsA.length; k++) {
    list[fill[pairsA[k]]++] = pairsB[k];
    list[fill[pairsB[k]]++] = pairsA[k];
  }
  for (let a = 0; a < n; a++) {
    list.subarray(start[a], start[a + 1]).sort();
  }
  const result = { start, list };
  overlapCache.set(index, result);
  return result;
}

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

// ---------------------------------------------------------------------------------------------
// Factor coverage (literature factors × cases, both directions)

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
  readonly cases: readonly string[];
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
  const cases = p.columns.map((c) => c.key);
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

// ---------------------------------------------------------------------------------------------
// Synthesis table (thesis 000 §5.2: Factor empirie · Patroon empirie · Afkomst factor · Analyse)

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
  readonly cases: readonly string[];
  readonly rows: readonly SynthesisRow[];
}

/** Top-level codes are the empirical factors, their children the patterns. */
export function synthesisTable(index: MatrixIndex, filters: MatrixFilters = {}): SynthesisTable {
  const study = index.study;
  const m = computeMatrix(index, { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters });
  const cases = m.columns.map((c) => c.key);
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
