/**
 * The study as small integers and typed arrays: one pass turns every coding into its transcript,
 * case, respondent, coder and codes, sorted by respondent and transcript (see ./index for why).
 */
import type { Origin, Polarity } from '../model';
import type { Study } from '../study';
import { isCounted } from '../counting';

/**
 * The study turned into small integers and typed arrays. After a change of codings it is brought up
 * to date by {@link updateMatrixIndex} (./liveIndex.ts); after any other change, rebuild it.
 */
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

  readonly docIndex: Map<string, number>;
  readonly coderIndex: Map<string, number>;

  // The coding arrays are replaced, not changed in place, by updateMatrixIndex (./liveIndex.ts).
  /** Codings (not orphaned), sorted by respondent, transcript, start. */
  codingIds: string[];
  cDoc: Int32Array;
  cCoder: Int32Array;
  cStart: Int32Array;
  cEnd: Int32Array;
  /** The coding's codes (known codes only), CSR: cCodesStart[i]..cCodesStart[i+1]. */
  cCodesStart: Int32Array;
  cCodes: Int32Array;
  /** Codings that do not count, per transcript (also transcripts the study does not have). */
  readonly uncountedOf = new Map<string, number>();
  /** How many codings each coder has, per transcript: which coders there are changes only with them. */
  readonly codersOf = new Map<string, Map<string, number>>();
  /** Counts the coding changes brought in; caches of what is derived from the codings compare it. */
  revision = 0;

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
    this.docIndex = docIdx;
    this.coderIndex = coderIdx;
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
      this.countCoder(c.doc, c.coder);
      if (!isCounted(study, c) || doc === undefined) {
        this.uncountedOf.set(c.doc, (this.uncountedOf.get(c.doc) ?? 0) + 1);
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

  private countCoder(doc: string, coder: string): void {
    let coders = this.codersOf.get(doc);
    if (!coders) {
      coders = new Map();
      this.codersOf.set(doc, coders);
    }
    coders.set(coder, (coders.get(coder) ?? 0) + 1);
  }

  get codingCount(): number {
    return this.codingIds.length;
  }

  /** Codings left out by the counting rule (./counting: orphaned, or of a missing transcript), for the note beside the numbers. */
  get uncounted(): number {
    let n = 0;
    for (const k of this.uncountedOf.values()) {
      n += k;
    }
    return n;
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

/** Lists of numbers as compressed rows: list[start[i]..start[i+1]] is list i. */
export function toCsr(lists: readonly (readonly number[])[]): { start: Int32Array; list: Int32Array } {
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
