/**
 * The analysis views as plain tables (header + rows), the one shape every writer (CSV, Markdown,
 * XLSX) consumes. Pure.
 */
import { formatMessage } from '../messages';
import type { CoverageResult, MatrixColumn, MatrixOptions, MatrixResult, SynthesisTable } from '../matrix';
import type { Study } from '../study';
import type { ExportLabels } from './labels';
import { DEFAULT_LABELS } from './labels';

export type CellValue = string | number;

export interface Table {
  /** Sheet name / heading. */
  readonly title: string;
  /** Lines printed above the table (what it shows, filters). */
  readonly caption?: readonly string[];
  /** Footnotes printed below the table (what its numbers leave out); not in CSV, which is data only. */
  readonly notes?: readonly string[];
  readonly header: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
  /** Outline level of each row (code tree depth), for XLSX grouping and indentation. */
  readonly levels?: readonly number[];
  /** The columns between the first and the last hold percentages (one decimal); the last is a count. */
  readonly percent?: boolean;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * The matrix as a table: the code, one column per matrix column, then the total. `codeAs: 'path'`
 * (CSV) writes "factor › pattern" so every line stands alone; 'name' (Markdown, XLSX) writes the
 * name and leaves the tree to the indentation of `levels`.
 */
export function matrixTable(
  m: MatrixResult,
  labels: ExportLabels = DEFAULT_LABELS,
  caption?: readonly string[],
  codeAs: 'path' | 'name' = 'path',
): Table {
  const C = m.columns.length;
  const percent = m.options.measure === 'rowPercent' || m.options.measure === 'columnPercent';
  const rows = m.rows.map((r, i) => {
    const cells: CellValue[] = [codeAs === 'path' && m.options.rows === 'tree' ? r.path : r.name];
    for (let c = 0; c < C; c++) {
      const v = m.values[i * C + c];
      cells.push(percent ? round1(v) : v);
    }
    cells.push(m.rowTotals[i]);
    return cells;
  });
  const totals: CellValue[] = [labels.total];
  for (let c = 0; c < C; c++) {
    totals.push(m.columnTotals[c]);
  }
  totals.push(m.grandTotal);
  // a totals row in the same unit as the cells (distinct counts, so not the sum of the rows)
  const showTotalsRow = !percent && m.options.columns.kind !== 'code';
  return {
    title: labels.matrix,
    ...(caption ? { caption } : {}),
    header: [labels.code, ...columnHeaders(m, labels), percent ? `${labels.total} (${labels.codings.toLowerCase()})` : labels.total],
    rows: showTotalsRow ? [...rows, totals] : rows,
    levels: [...m.rows.map((r) => r.depth), ...(showTotalsRow ? [0] : [])],
    percent,
  };
}

/** A column's heading: its label, or "(no value)" for the transcripts without one. */
export function columnHeading(c: Pick<MatrixColumn, 'label' | 'missing'>, labels: ExportLabels): string {
  return c.missing ? labels.noValue : c.label;
}

/**
 * The matrix's column headings. Code columns (co-occurrence) are named by their code, and code names
 * repeat in real codebooks ("Other" under several themes): a name shared by two columns is written
 * as the code's path ("Theme › Other"), so a reader of the table can tell the columns apart, while
 * unique names stay short.
 */
export function columnHeaders(m: MatrixResult, labels: ExportLabels = DEFAULT_LABELS): string[] {
  const headers = m.columns.map((c) => columnHeading(c, labels));
  if (m.options.columns.kind !== 'code') {
    return headers;
  }
  const seen = new Map<string, number>();
  for (const h of headers) {
    seen.set(h, (seen.get(h) ?? 0) + 1);
  }
  return m.columns.map((c, i) => ((seen.get(headers[i]) ?? 0) > 1 && c.detail ? c.detail : headers[i]));
}

/**
 * How a code is named in a list of codes (a coverage row's linked codes): its name, or its path
 * ("Theme › Other") when another code of the codebook has the same name.
 */
export function codeNamer(study: Study): (id: string) => string {
  const count = new Map<string, number>();
  for (const c of study.codes) {
    count.set(c.name, (count.get(c.name) ?? 0) + 1);
  }
  return (id) => {
    const code = study.code(id);
    if (!code) {
      return id;
    }
    return (count.get(code.name) ?? 0) > 1 ? study.pathLabel(id) : code.name;
  };
}

/** Literature factors × cases, factors without evidence marked. */
export function coverageTable(
  cov: CoverageResult,
  labels: ExportLabels = DEFAULT_LABELS,
  codeName: (id: string) => string = (id) => id,
): Table {
  return {
    title: labels.coverage,
    header: [
      labels.category,
      labels.literatureFactor,
      labels.authors,
      labels.linkedCodes,
      ...cov.cases.map((c) => columnHeading(c, labels)),
      labels.total,
      labels.respondents,
      labels.noEvidence,
    ],
    rows: cov.factors.map((f) => [
      f.category,
      f.name,
      f.authors.join('; '),
      f.codes.map(codeName).join(', '),
      ...f.counts,
      f.total,
      f.respondents,
      f.total === 0 ? '×' : '',
    ]),
  };
}

/** Codes linked to no literature factor, with their counts per case. */
export function unlinkedCodesTable(cov: CoverageResult, labels: ExportLabels = DEFAULT_LABELS): Table {
  return {
    title: labels.unlinkedCodes,
    header: [labels.code, ...cov.cases.map((c) => columnHeading(c, labels)), labels.total],
    rows: cov.unlinkedCodes.map((c) => [c.path, ...c.counts, c.total]),
    levels: cov.unlinkedCodes.map((c) => c.depth),
  };
}

/** "Duidelijkheid van rollen (Yang & Maxwell, 2011; Kim, 1998)" or "new". */
export function originText(row: SynthesisTable['rows'][number], labels: ExportLabels = DEFAULT_LABELS): string {
  if (row.isNew) {
    return labels.newPattern;
  }
  return row.origins.map((o) => (o.authors.length ? `${o.name} (${o.authors.join('; ')})` : o.name)).join('; ');
}

/** Thesis 000 §5.2: Factor empirie · Patroon empirie · Afkomst factor · Analyse, with counts per case. */
export function synthesisTableRows(s: SynthesisTable, labels: ExportLabels = DEFAULT_LABELS): Table {
  return {
    title: labels.synthesis,
    header: [
      labels.empiricalFactor,
      labels.polarity,
      labels.empiricalPattern,
      labels.factorOrigin,
      labels.analysis,
      ...s.cases.map((c) => columnHeading(c, labels)),
      labels.total,
    ],
    rows: s.rows.map((r) => [
      r.factor,
      r.polarity ? labels.polarities[r.polarity] : '',
      r.pattern,
      originText(r, labels),
      r.analysis,
      ...r.counts,
      r.total,
    ]),
  };
}

export interface RespondentRow {
  readonly respondent: string;
  readonly functionAndOrganisation: string;
  readonly functionType: string;
  readonly network: string;
  readonly interviews: number;
  readonly focusGroup: boolean;
}

/** Thesis 000 §3.3: Respondent · Functie en organisatie · Functiesoort · Netwerk · Aantal interviews. */
export function respondentRows(study: Study): RespondentRow[] {
  const declared = new Map(study.project.respondents.map((r) => [r.id, r]));
  const docsOf = new Map<string, string[]>();
  for (const d of study.documents) {
    const r = study.respondentOf(d.path);
    if (r !== undefined) {
      docsOf.set(r, [...(docsOf.get(r) ?? []), d.path]);
    }
  }
  return study.respondents().map((id) => {
    const info = declared.get(id);
    const docs = docsOf.get(id) ?? [];
    const attr = (key: string): string => [...new Set(docs.map((d) => study.attribute(d, key)).filter((v): v is string => !!v))].join(', ');
    const network = info?.case ?? [...new Set(docs.map((d) => study.caseOf(d)).filter((v): v is string => !!v))].join(', ');
    return {
      respondent: id,
      functionAndOrganisation: info?.function ?? attr('function'),
      functionType: info?.functionType ?? attr('function_type'),
      network,
      interviews: docs.length,
      focusGroup: info?.focusGroup ?? false,
    };
  });
}

export function respondentTable(rows: readonly RespondentRow[], labels: ExportLabels = DEFAULT_LABELS): Table {
  return {
    title: labels.respondentTable,
    header: [labels.respondent, labels.functionAndOrganisation, labels.functionType, labels.network, labels.interviews],
    rows: rows.map((r) => [r.respondent, r.functionAndOrganisation, r.functionType, r.network, r.interviews]),
  };
}

/** One line saying what a matrix shows: "Rows: …; Columns: …; Measure: …; Filters: …". */
/** The note line for a table whose numbers leave codings out (./counting); none when nothing is left out. */
export function uncountedNote(uncounted: number, labels: ExportLabels = DEFAULT_LABELS): string[] {
  return uncounted === 1 ? [labels.uncountedOne] : uncounted > 0 ? [formatMessage(labels.uncounted, uncounted)] : [];
}

/** The table with the note lines as its footnotes (below the table, so its header stays the first row). */
export function withNote(table: Table, note: readonly string[]): Table {
  return note.length ? { ...table, notes: [...(table.notes ?? []), ...note] } : table;
}

export function matrixCaption(study: Study, options: MatrixOptions, labels: ExportLabels = DEFAULT_LABELS): string {
  const col =
    options.columns.kind === 'attribute'
      ? `${labels.columnKinds.attribute} "${options.columns.key}"`
      : labels.columnKinds[options.columns.kind];
  const parts = [`${labels.columns}: ${col}`, `${labels.measure}: ${labels.measures[options.measure]}`];
  const f = options.filters ?? {};
  const filters: string[] = [];
  if (f.polarity?.length) {
    filters.push(`${labels.polarity}: ${f.polarity.map((p) => labels.polarities[p]).join(', ')}`);
  }
  if (f.origin?.length) {
    filters.push(`${labels.origin}: ${f.origin.map((o) => labels.origins[o]).join(', ')}`);
  }
  if (f.cases?.length) {
    filters.push(f.cases.join(', '));
  }
  if (f.coders?.length) {
    const names = new Map(study.project.coders.map((c) => [c.id, c.name ?? c.id]));
    filters.push(f.coders.map((c) => names.get(c) ?? c).join(', '));
  }
  if (filters.length) {
    parts.push(`${labels.filters}: ${filters.join('; ')}`);
  }
  return `${study.name} — ${parts.join(' · ')}`;
}
