/**
 * Every export as bytes, from a {@link MatrixIndex} and labels: what the extension's commands (and
 * later a CLI) write to a file. Pure; the XLSX builder loads exceljs lazily.
 */
import type { MatrixIndex, MatrixOptions } from '../matrix';
import { computeMatrix, factorCoverage, synthesisTable } from '../matrix';
import { codebookHtml, codebookMarkdown, codebookReport } from './codebook';
import { csvBytes, csvSectionsBytes } from './csv';
import { gioiaMarkdown, gioiaStructure, gioiaSvg } from './gioia';
import type { ExportLabels } from './labels';
import { DEFAULT_LABELS } from './labels';
import { markdownDocument } from './markdown';
import type { Table } from './tables';
import {
  codeNamer,
  coverageTable,
  matrixCaption,
  matrixTable,
  respondentRows,
  respondentTable,
  synthesisTableRows,
  uncountedNote,
  unlinkedCodesTable,
  withNote,
} from './tables';
import { xlsxBytes } from './xlsx';

export type AnalysisView = 'matrix' | 'coverage' | 'synthesis';
export type MatrixExportFormat = 'csv' | 'xlsx' | 'markdown';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

export interface ExportContext {
  readonly index: MatrixIndex;
  readonly labels?: ExportLabels;
  /** Shown as the workbook's author. */
  readonly creator?: string;
  readonly now?: Date;
}

/** The tables of every analysis view, for the given matrix options. */
export function analysisTables(ctx: ExportContext, options: MatrixOptions): Record<AnalysisView, Table[]> & { matrixForCsv: Table } {
  const labels = ctx.labels ?? DEFAULT_LABELS;
  const study = ctx.index.study;
  const m = computeMatrix(ctx.index, options);
  // Orphaned codings are not counted (./counting): the exported numbers say so in a note line.
  const note = uncountedNote(ctx.index.uncounted, labels);
  const caption = [matrixCaption(study, options, labels)];
  const cov = factorCoverage(ctx.index, options.filters);
  const codeName = codeNamer(study);
  return {
    matrix: [withNote(matrixTable(m, labels, caption, 'name'), note)],
    matrixForCsv: matrixTable(m, labels, caption, 'path'),
    coverage: [withNote(coverageTable(cov, labels, codeName), note), withNote(unlinkedCodesTable(cov, labels), note)],
    synthesis: [withNote(synthesisTableRows(synthesisTable(ctx.index, options.filters), labels), note)],
  };
}

/**
 * The current view as CSV (its main table), Markdown (its tables), or XLSX (a workbook with one
 * sheet per view: matrix, factor coverage, codes without factor, synthesis).
 */
export async function exportView(
  ctx: ExportContext,
  view: AnalysisView,
  options: MatrixOptions,
  format: MatrixExportFormat,
): Promise<Uint8Array> {
  const labels = ctx.labels ?? DEFAULT_LABELS;
  const tables = analysisTables(ctx, options);
  const study = ctx.index.study;
  switch (format) {
    case 'csv':
      // The coverage view is two tables (factors, then the codes linked to no factor), as in Markdown and XLSX.
      return view === 'matrix' ? csvBytes(tables.matrixForCsv) : csvSectionsBytes(tables[view]);
    case 'markdown':
      return encode(markdownDocument(`${study.name} — ${viewTitle(view, labels)}`, tables[view]));
    case 'xlsx':
      return xlsxBytes([...tables.matrix, ...tables.coverage, ...tables.synthesis], {
        creator: ctx.creator,
        title: study.name,
        created: ctx.now,
      });
  }
}

function viewTitle(view: AnalysisView, labels: ExportLabels): string {
  return view === 'matrix' ? labels.matrix : view === 'coverage' ? labels.coverage : labels.synthesis;
}

export async function exportRespondents(ctx: ExportContext, format: 'markdown' | 'xlsx' | 'csv'): Promise<Uint8Array> {
  const labels = ctx.labels ?? DEFAULT_LABELS;
  const table = respondentTable(respondentRows(ctx.index.study), labels);
  return tableBytes(ctx, table, format);
}

export async function exportSynthesis(
  ctx: ExportContext,
  format: 'markdown' | 'xlsx' | 'csv',
  options?: MatrixOptions['filters'],
): Promise<Uint8Array> {
  const labels = ctx.labels ?? DEFAULT_LABELS;
  const table = withNote(synthesisTableRows(synthesisTable(ctx.index, options), labels), uncountedNote(ctx.index.uncounted, labels));
  return tableBytes(ctx, table, format);
}

async function tableBytes(ctx: ExportContext, table: Table, format: 'markdown' | 'xlsx' | 'csv'): Promise<Uint8Array> {
  const study = ctx.index.study;
  switch (format) {
    case 'csv':
      return csvBytes(table);
    case 'markdown':
      return encode(markdownDocument(`${study.name} — ${table.title}`, [{ ...table, title: table.title }]));
    case 'xlsx':
      return xlsxBytes([table], { creator: ctx.creator, title: study.name, created: ctx.now });
  }
}

export function exportCodebook(ctx: ExportContext, format: 'markdown' | 'html', meta: { file: string; editedBy: string }): Uint8Array {
  const labels = ctx.labels ?? DEFAULT_LABELS;
  const report = codebookReport(ctx.index, { ...meta, date: ctx.now ?? new Date() });
  return encode(format === 'html' ? codebookHtml(report, labels) : codebookMarkdown(report, labels));
}

export function exportGioia(ctx: ExportContext, format: 'svg' | 'markdown'): Uint8Array {
  const labels = ctx.labels ?? DEFAULT_LABELS;
  const dims = gioiaStructure(ctx.index.study, labels);
  return encode(format === 'svg' ? gioiaSvg(dims, labels, `${labels.gioia} — ${ctx.index.study.name}`) : gioiaMarkdown(dims, labels));
}
