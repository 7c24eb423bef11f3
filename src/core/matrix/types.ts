/** The options of a matrix (rows, columns, measure, filters) and what it computes. */
import type { Origin, Polarity } from '../model';

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
  /**
   * The whole table in the measure: distinct codings counted anywhere (also for the percentage
   * measures), or the distinct transcripts/respondents of the whole table (not a sum of the totals).
   */
  readonly grandTotal: number;
  /** Largest cell value (for the heat-map scale). */
  readonly max: number;
}
