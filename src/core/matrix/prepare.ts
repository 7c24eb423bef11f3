/** Shared preparation of one matrix: its rows, columns and filters (the measure aside), cached on the index. */
import type { ColumnSpec, MatrixColumn, MatrixFilters, MatrixOptions, MatrixRow } from './types';
import { MISSING_KEY } from './types';
import type { MatrixIndex } from './matrixIndex';
import { toCsr } from './matrixIndex';

export interface Prepared {
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

export function prepare(index: MatrixIndex, options: MatrixOptions): Prepared {
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

/**
 * After the index's codings changed (./liveIndex.ts): each cached preparation keeps its rows and
 * columns, which depend on the codebook and the transcripts only, and gets the per-coding filter anew.
 */
export function refreshPrepared(index: MatrixIndex): void {
  for (const [key, p] of index.preparedCache) {
    const filters = (JSON.parse(key) as [unknown, unknown, MatrixFilters])[2];
    index.preparedCache.set(key, { ...(p as Prepared), passes: codingsPassingFilters(index, filters).passes });
  }
}

function prepareUncached(index: MatrixIndex, options: MatrixOptions): Prepared {
  const f = options.filters ?? {};
  const counted = countedCodes(index, f);
  const { rows, rowCodes, rowOfCode } = rowsOf(index, options, counted);
  const { start: rowStart, list: rowList } = rowChains(index, counted, rowOfCode);
  const { passes, docOk, caseSet } = codingsPassingFilters(index, f);

  const base = { rows, rowStart, rowList, rowCodes: Int32Array.from(rowCodes), passes };
  const spec = options.columns;
  switch (spec.kind) {
    case 'case':
    case 'respondent':
    case 'transcript':
    case 'attribute':
      return { ...base, ...singleValuedColumns(index, spec, caseSet, docOk) };
    case 'factor':
      return { ...base, columns: factorColumns(index), factorColumns: true };
    case 'code': {
      const columns: MatrixColumn[] = rows.map((r) => ({ key: r.code, label: r.name, detail: r.path }));
      return { ...base, columns, codeColStart: rowStart, codeColList: rowList };
    }
  }
}

/** Which codes count: those the polarity and origin filters keep (1), per code. */
function countedCodes(index: MatrixIndex, f: MatrixFilters): Uint8Array {
  const nCodes = index.codeIds.length;
  const counted = new Uint8Array(nCodes);
  for (let i = 0; i < nCodes; i++) {
    const p = index.polarityOf[i];
    const o = index.originOf[i];
    const okP = !f.polarity || f.polarity.length === 0 || (p !== undefined && f.polarity.includes(p));
    const okO = !f.origin || f.origin.length === 0 || (o !== undefined && f.origin.includes(o));
    counted[i] = okP && okO ? 1 : 0;
  }
  return counted;
}

/** The rows, their codes, and each code's row (-1: not a row). */
function rowsOf(
  index: MatrixIndex,
  options: MatrixOptions,
  counted: Uint8Array,
): { rows: MatrixRow[]; rowCodes: number[]; rowOfCode: Int32Array } {
  const study = index.study;
  const nCodes = index.codeIds.length;
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
  return { rows, rowCodes, rowOfCode };
}

/** Each counted code → its rows (itself and ancestors that are rows), as CSR. */
function rowChains(index: MatrixIndex, counted: Uint8Array, rowOfCode: Int32Array): { start: Int32Array; list: Int32Array } {
  const nCodes = index.codeIds.length;
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
  return toCsr(chains);
}

/** Codings passing the case and coder filters; also which transcripts pass the case filter. */
function codingsPassingFilters(
  index: MatrixIndex,
  f: MatrixFilters,
): { passes: Uint8Array; docOk: Uint8Array; caseSet: Set<string> | undefined } {
  const n = index.codingCount;
  const passes = new Uint8Array(n);
  const caseSet = f.cases && f.cases.length ? new Set(f.cases) : undefined;
  const coderSet = f.coders && f.coders.length ? new Set(f.coders) : undefined;
  const docOk = new Uint8Array(index.docs.length);
  for (let d = 0; d < index.docs.length; d++) {
    const c = index.docCase[d];
    docOk[d] = !caseSet || (c >= 0 && caseSet.has(index.cases[c])) ? 1 : 0;
  }
  if (!caseSet && !coderSet) {
    // No filter (the panel's default): every coding passes. Filled, not tested one by one: this runs
    // after every change with the panel open (refreshPrepared), 2 ms of a live update at 200,000 codings.
    passes.fill(1);
    return { passes, docOk, caseSet };
  }
  const coderOk = index.coders.map((c) => (!coderSet || coderSet.has(c) ? 1 : 0));
  for (let i = 0; i < n; i++) {
    const coder = index.cCoder[i];
    passes[i] = docOk[index.cDoc[i]] && (coder < 0 ? !coderSet : coderOk[coder]) ? 1 : 0;
  }
  return { passes, docOk, caseSet };
}

type SingleValuedSpec = Extract<ColumnSpec, { kind: 'case' | 'respondent' | 'transcript' | 'attribute' }>;

/** A single-valued column kind's values, each transcript's value index (-1: none, -2: filtered out) and the values' details. */
function columnValues(
  index: MatrixIndex,
  spec: SingleValuedSpec,
  caseSet: Set<string> | undefined,
): { values: string[]; docValue: Int32Array; details: (string | undefined)[] } {
  const study = index.study;
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
  return { values, docValue, details };
}

/** Columns with one value per transcript (case, respondent, transcript, attribute), and each transcript's column. */
function singleValuedColumns(
  index: MatrixIndex,
  spec: SingleValuedSpec,
  caseSet: Set<string> | undefined,
  docOk: Uint8Array,
): { columns: MatrixColumn[]; docColumn: Int32Array } {
  const { values, docValue, details } = columnValues(index, spec, caseSet);
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
  return { columns, docColumn };
}

/** One column per literature factor, in the index's factor order. */
function factorColumns(index: MatrixIndex): MatrixColumn[] {
  const study = index.study;
  return index.factorIds.map((id) => {
    const info = study.factor(id)!;
    return {
      key: id,
      label: info.factor.name,
      detail: `${info.category}${info.factor.authors.length ? ' — ' + info.factor.authors.join('; ') : ''}`,
    };
  });
}
