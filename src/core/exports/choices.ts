/**
 * From a user's choices to an export's inputs, shared by the extension's export commands and the
 * `codeboom` CLI so that both name, label and configure an export the same way. Pure.
 *
 * The CLI's words for the matrix (`--columns respondents`, `--measure row%`, …) are parsed here
 * too: each parser returns the value, or an error message that lists what is allowed.
 */
import type { ColumnSpec, MatrixFilters, MatrixOptions, Measure, RowMode } from '../matrix';
import { DEFAULT_MATRIX_OPTIONS } from '../matrix';
import type { Origin, Polarity } from '../model';
import { ORIGINS, POLARITIES } from '../model';
import type { Study } from '../study';
import type { AnalysisView } from './index';
import { DEFAULT_LABELS } from './labels';

/** The default file name (without extension) of an analysis view's export, e.g. `matrix-respondent`. */
export function exportBaseName(view: AnalysisView | (string & {}), options: MatrixOptions): string {
  return view === 'matrix' ? `matrix-${options.columns.kind === 'attribute' ? options.columns.key : options.columns.kind}` : view;
}

/** The "File" line of the codebook report: the study folder's name and its project file. */
export function codebookFileLabel(folderName: string | undefined): string {
  return folderName ? `${folderName}/codeboom.json` : 'codeboom.json';
}

export type Parsed<T> = { readonly value: T } | { readonly error: string };

const ROWS: Readonly<Record<string, RowMode>> = { tree: 'tree', top: 'top' };

const COLUMNS: Readonly<Record<string, ColumnSpec['kind']>> = {
  cases: 'case',
  case: 'case',
  respondents: 'respondent',
  respondent: 'respondent',
  transcripts: 'transcript',
  transcript: 'transcript',
  factors: 'factor',
  factor: 'factor',
  codes: 'code',
  code: 'code',
};

const MEASURES: Readonly<Record<string, Measure>> = {
  codings: 'codings',
  transcripts: 'transcripts',
  respondents: 'respondents',
  'row%': 'rowPercent',
  rowpercent: 'rowPercent',
  'col%': 'columnPercent',
  'column%': 'columnPercent',
  columnpercent: 'columnPercent',
};

/** The words `--columns` takes, for help texts. */
export const COLUMN_WORDS = 'cases|respondents|transcripts|attribute:<key>|factors|codes';
export const MEASURE_WORDS = 'codings|transcripts|respondents|row%|col%';
export const ROW_WORDS = 'tree|top';

export function parseRows(word: string): Parsed<RowMode> {
  const v = ROWS[word.toLowerCase()];
  return v ? { value: v } : { error: `--rows "${word}" is not one of ${ROW_WORDS}` };
}

/** `cases`, `respondents`, … or `attribute:<key>` with a key some transcript has. */
export function parseColumns(word: string, study: Study): Parsed<ColumnSpec> {
  const m = /^attribute:(.*)$/i.exec(word);
  if (m) {
    const keys = study.attributeKeys();
    const key = m[1].trim();
    if (!keys.includes(key)) {
      return {
        error: `--columns attribute:"${key}": no transcript has that attribute; the attributes are: ${keys.join(', ') || '(none)'}`,
      };
    }
    return { value: { kind: 'attribute', key } };
  }
  const kind = COLUMNS[word.toLowerCase()];
  if (!kind || kind === 'attribute') {
    return { error: `--columns "${word}" is not one of ${COLUMN_WORDS}` };
  }
  return { value: { kind } as ColumnSpec };
}

export function parseMeasure(word: string): Parsed<Measure> {
  const v = MEASURES[word.toLowerCase()];
  return v ? { value: v } : { error: `--measure "${word}" is not one of ${MEASURE_WORDS}` };
}

/** A comma-separated list; each item must be one of `allowed` (ids, or their English labels). */
function parseList<T extends string>(flag: string, text: string, allowed: readonly T[], label: (v: T) => string = (v) => v): Parsed<T[]> {
  const out: T[] = [];
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const found =
      allowed.find((a) => a === item) ??
      allowed.find((a) => a.toLowerCase() === item.toLowerCase() || label(a).toLowerCase() === item.toLowerCase());
    if (found === undefined) {
      return {
        error: `--${flag} "${item}" is not one of: ${allowed.map((a) => (label(a) !== a ? `${a} (${label(a)})` : a)).join(', ') || '(none in this study)'}`,
      };
    }
    if (!out.includes(found)) {
      out.push(found);
    }
  }
  if (out.length === 0) {
    return { error: `--${flag} needs a value (a comma-separated list)` };
  }
  return { value: out };
}

/** What a user chose, as words (CLI flags); absent = the panel's default. */
export interface MatrixChoices {
  readonly rows?: string;
  readonly columns?: string;
  readonly measure?: string;
  /** Comma-separated lists. */
  readonly polarity?: string;
  readonly origin?: string;
  readonly cases?: string;
  readonly coders?: string;
}

/** The matrix filters of the choices (polarity, origin, case, coder), checked against the study. */
export function matrixFiltersFromChoices(study: Study, c: MatrixChoices): Parsed<MatrixFilters> {
  const filters: { polarity?: Polarity[]; origin?: Origin[]; cases?: string[]; coders?: string[] } = {};
  if (c.polarity !== undefined) {
    const p = parseList('polarity', c.polarity, POLARITIES, (v) => DEFAULT_LABELS.polarities[v]);
    if ('error' in p) {
      return p;
    }
    filters.polarity = p.value;
  }
  if (c.origin !== undefined) {
    const p = parseList('origin', c.origin, ORIGINS, (v) => DEFAULT_LABELS.origins[v]);
    if ('error' in p) {
      return p;
    }
    filters.origin = p.value;
  }
  if (c.cases !== undefined) {
    const p = parseList('case', c.cases, study.cases());
    if ('error' in p) {
      return p;
    }
    filters.cases = p.value;
  }
  if (c.coders !== undefined) {
    const p = parseList('coder', c.coders, study.coders());
    if ('error' in p) {
      return p;
    }
    filters.coders = p.value;
  }
  return { value: filters };
}

/** The matrix options of the choices, with the panel's defaults (code tree × cases, codings, no filters). */
export function matrixOptionsFromChoices(study: Study, c: MatrixChoices): Parsed<MatrixOptions> {
  let rows = DEFAULT_MATRIX_OPTIONS.rows;
  let columns = DEFAULT_MATRIX_OPTIONS.columns;
  let measure = DEFAULT_MATRIX_OPTIONS.measure;
  if (c.rows !== undefined) {
    const p = parseRows(c.rows);
    if ('error' in p) {
      return p;
    }
    rows = p.value;
  }
  if (c.columns !== undefined) {
    const p = parseColumns(c.columns, study);
    if ('error' in p) {
      return p;
    }
    columns = p.value;
  }
  if (c.measure !== undefined) {
    const p = parseMeasure(c.measure);
    if ('error' in p) {
      return p;
    }
    measure = p.value;
  }
  const filters = matrixFiltersFromChoices(study, c);
  if ('error' in filters) {
    return filters;
  }
  return { value: { rows, columns, measure, filters: filters.value } };
}
