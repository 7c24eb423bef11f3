/** Maps the core's results to the protocol's view shapes (plain arrays, names instead of ids). */
import type { MatrixColumn, MatrixFilters, MatrixIndex, MatrixOptions } from '../core/matrix';
import { saturation } from '../core/saturation';
import type { SaturationFilter, SaturationPoint } from '../core/saturation';
import { cellCodings, computeMatrix, factorCoverage, synthesisTable } from '../core/matrix';
import { ORIGINS, POLARITIES } from '../core/model';
import { maxOf } from '../core/port';
import type { ExportLabels } from '../core/exports/labels';
import { originText } from '../core/exports/tables';
import type {
  CaseColumnView,
  Choices,
  CoverageView,
  MatrixView,
  PanelState,
  Passage,
  SaturationView,
  SynthesisView,
} from '../../webview/protocol';

/** Front-matter keys offered as columns: all but the case and respondent keys (columns of their own) and the title. */
export function attributeChoices(index: MatrixIndex): string[] {
  const keys = index.study.project.attributeKeys;
  return index.study.attributeKeys().filter((k) => k !== keys.case && k !== keys.respondent && k !== 'title');
}

export function choices(index: MatrixIndex, labels: ExportLabels): Choices {
  const study = index.study;
  const coderNames = new Map(study.project.coders.map((c) => [c.id, c.name ?? c.id]));
  return {
    attributes: attributeChoices(index),
    cases: index.cases.map((id) => ({ id, label: id })),
    coders: study.coders().map((id) => ({ id, label: coderNames.get(id) ?? id })),
    polarities: POLARITIES.map((id) => ({ id, label: labels.polarities[id] })),
    origins: ORIGINS.map((id) => ({ id, label: labels.origins[id] })),
  };
}

export function matrixView(index: MatrixIndex, options: MatrixOptions): MatrixView {
  const t0 = performance.now();
  const m = computeMatrix(index, options);
  const ms = performance.now() - t0;
  const percent = options.measure === 'rowPercent' || options.measure === 'columnPercent';
  return {
    rows: m.rows.map((r) => ({
      code: r.code,
      name: r.name,
      path: r.path,
      depth: r.depth,
      ...(r.parent !== undefined ? { parent: r.parent } : {}),
      hasChildren: r.hasChildren,
      color: r.color,
      ...(r.polarity ? { polarity: r.polarity } : {}),
    })),
    columns: m.columns.map((c) => ({ key: c.key, label: c.label, ...(c.detail ? { detail: c.detail } : {}), missing: c.missing === true })),
    values: Array.from(m.values, (v) => (percent ? Math.round(v * 10) / 10 : v)),
    codings: Array.from(m.codings),
    rowTotals: Array.from(m.rowTotals),
    columnTotals: Array.from(m.columnTotals),
    grandTotal: m.grandTotal,
    showGrandTotal: !percent,
    max: percent
      ? maxOf(
          Array.from(m.values, (v) => Math.round(v * 10) / 10),
          0,
        )
      : m.max,
    percent,
    totalsRow: !percent && options.columns.kind !== 'code',
    ms,
    uncounted: index.uncounted,
  };
}

/** A case column for the panel: its label, and whether it is the column of the transcripts without a case. */
function caseColumn(c: MatrixColumn): CaseColumnView {
  return { label: c.label, missing: !!c.missing };
}

export function coverageView(index: MatrixIndex, options: MatrixOptions): CoverageView {
  const cov = factorCoverage(index, options.filters);
  const name = (id: string): string => index.study.code(id)?.name ?? id;
  const withoutEvidence = new Set(cov.factorsWithoutEvidence);
  return {
    cases: cov.cases.map(caseColumn),
    factors: cov.factors.map((f) => ({
      id: f.id,
      name: f.name,
      category: f.category,
      authors: f.authors,
      codes: f.codes.map(name),
      counts: f.counts,
      total: f.total,
      respondents: f.respondents,
      noEvidence: withoutEvidence.has(f.id),
    })),
    unlinked: cov.unlinkedCodes.map((c) => ({ id: c.id, name: c.name, path: c.path, depth: c.depth, counts: c.counts, total: c.total })),
  };
}

export function synthesisView(index: MatrixIndex, options: MatrixOptions, labels: ExportLabels): SynthesisView {
  const s = synthesisTable(index, options.filters);
  return {
    cases: s.cases.map(caseColumn),
    rows: s.rows.map((r) => ({
      factorCode: r.factorCode,
      factor: r.factor,
      polarity: r.polarity ? labels.polarities[r.polarity] : '',
      patternCode: r.patternCode,
      pattern: r.pattern,
      origin: originText(r, labels),
      isNew: r.isNew,
      analysis: r.analysis,
      counts: r.counts,
      total: r.total,
    })),
  };
}

/**
 * The panel's filters as a saturation filter: cases choose the transcripts, coders the codings,
 * polarity and origin the codes (inherited from the parent code, as in the matrix).
 */
export function saturationFilter(index: MatrixIndex, filters: MatrixFilters = {}): SaturationFilter {
  const { polarity, origin } = filters;
  const byCode = polarity?.length || origin?.length;
  return {
    ...(filters.coders?.length ? { coders: filters.coders } : {}),
    ...(filters.cases?.length ? { cases: filters.cases } : {}),
    ...(byCode
      ? {
          codes: (code: string): boolean => {
            const i = index.codeIndex.get(code);
            if (i === undefined) {
              return false;
            }
            const p = index.polarityOf[i];
            const o = index.originOf[i];
            return (
              (!polarity?.length || (p !== undefined && polarity.includes(p))) &&
              (!origin?.length || (o !== undefined && origin.includes(o)))
            );
          },
        }
      : {}),
  };
}

/** The saturation points (core) for the panel's filters. */
export function saturationPoints(index: MatrixIndex, options: MatrixOptions): SaturationPoint[] {
  return saturation(index.study, 'date', saturationFilter(index, options.filters));
}

/** New and cumulative codes per transcript in interview order, for the Saturation tab. */
export function saturationView(index: MatrixIndex, options: MatrixOptions): SaturationView {
  const study = index.study;
  const points = saturationPoints(index, options);
  let trailing = 0;
  for (let i = points.length - 1; i >= 0 && points[i].newCodes.length === 0; i--) {
    trailing++;
  }
  return {
    points: points.map((p) => ({
      doc: p.doc,
      label: p.label,
      short: p.doc.slice(p.doc.lastIndexOf('/') + 1).replace(/\.(md|markdown|txt)$/i, ''),
      ...(p.date ? { date: p.date } : {}),
      newCodes: p.newCodes.map((c) => study.code(c)?.name ?? c),
      cumulative: p.cumulative,
    })),
    total: points.length ? points[points.length - 1].cumulative : 0,
    trailingWithoutNew: points.some((p) => p.newCodes.length > 0) ? trailing : 0,
  };
}

/** The passages behind a cell, and the cell's title ("mandaat × NDS"). */
export function passages(
  index: MatrixIndex,
  state: PanelState,
  row: string,
  column: string,
  noValue: string,
): { title: string; passages: Passage[] } {
  const study = index.study;
  const ids = cellCodings(index, state.options, row, column);
  const m = computeMatrix(index, { ...state.options, measure: 'codings' });
  const col = m.columns.find((c) => c.key === column);
  const title = `${study.code(row)?.name ?? row} × ${col ? (col.missing ? noValue : col.label) : column}`;
  const coderNames = new Map(study.project.coders.map((c) => [c.id, c.name ?? c.id]));
  const list: Passage[] = [];
  for (const id of ids) {
    const c = study.coding(id);
    if (!c) {
      continue;
    }
    list.push({
      coding: c.id,
      doc: c.doc,
      source: study.sourceLabel(c.doc),
      quote: c.quote,
      codes: c.codes.map((code) => study.code(code)?.name ?? code),
      coder: coderNames.get(c.coder) ?? c.coder,
      ...(c.memo ? { memo: c.memo } : {}),
    });
  }
  return { title, passages: list };
}

/** Options that make sense for this study (an attribute column that no longer exists falls back to cases). */
export function sanitizeState(index: MatrixIndex, state: PanelState): PanelState {
  const cols = state.options.columns;
  if (cols.kind === 'attribute' && !index.study.attributeKeys().includes(cols.key)) {
    return { ...state, options: { ...state.options, columns: { kind: 'case' } } };
  }
  return state;
}
