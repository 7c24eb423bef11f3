/**
 * The matrix panel's messages, both directions, in one place. Free of VS Code and DOM imports so
 * that the extension (Node) and the webview (browser) both compile it. Messages from the webview
 * are untrusted input: the extension parses every one with {@link WebviewMessageSchema}. The
 * webview imports only the types (`import type`), so zod stays out of its bundle.
 *
 * Where a message repeats a core shape, it is derived from the core type (`Pick`) or checked
 * against it at compile time ({@link ProtocolMatchesCore}), so the two cannot drift apart.
 */
import { z } from 'zod';
import type {
  ColumnSpec,
  CoverageCode,
  CoverageFactor,
  MatrixColumn,
  MatrixFilters,
  MatrixOptions,
  MatrixRow,
  Measure,
  RowMode,
  SynthesisRow,
} from '../src/core/matrix';
import type { Origin, Polarity } from '../src/core/model';
import type { SaturationPoint } from '../src/core/saturation';

// ---------- shared vocabulary ----------

export const POLARITY_VALUES = ['belemmerend', 'stimulerend', 'neutral'] as const;
export const ORIGIN_VALUES = ['literature', 'empirical', 'in-vivo'] as const;
export const MEASURE_VALUES = ['codings', 'transcripts', 'respondents', 'rowPercent', 'columnPercent'] as const;
export const VIEW_VALUES = ['matrix', 'coverage', 'synthesis', 'saturation'] as const;
export const EXPORT_FORMATS = ['csv', 'xlsx', 'markdown'] as const;

const id = z.string().max(4096);

export const ColumnSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('case') }),
  z.object({ kind: z.literal('respondent') }),
  z.object({ kind: z.literal('transcript') }),
  z.object({ kind: z.literal('attribute'), key: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('factor') }),
  z.object({ kind: z.literal('code') }),
]);

export const FiltersSchema = z.object({
  polarity: z.array(z.enum(POLARITY_VALUES)).max(10).optional(),
  origin: z.array(z.enum(ORIGIN_VALUES)).max(10).optional(),
  cases: z.array(id).max(10000).optional(),
  coders: z.array(id).max(10000).optional(),
});

export const MatrixOptionsSchema = z.object({
  rows: z.enum(['tree', 'top']),
  columns: ColumnSpecSchema,
  measure: z.enum(MEASURE_VALUES),
  filters: FiltersSchema.optional(),
});

/** What the panel shows; kept by the webview (vscode.setState) so it survives reloads. */
export const PanelStateSchema = z.object({
  view: z.enum(VIEW_VALUES),
  options: MatrixOptionsSchema,
  /** Codes whose rows are collapsed. */
  collapsed: z.array(id).max(100000),
});

export type ColumnSpecMessage = z.infer<typeof ColumnSpecSchema>;
export type FiltersMessage = z.infer<typeof FiltersSchema>;
export type MatrixOptionsMessage = z.infer<typeof MatrixOptionsSchema>;
export type PanelState = z.infer<typeof PanelStateSchema>;
export type View = PanelState['view'];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** True when A and B are the same type (not merely assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
/** Strips `readonly` all the way down (zod's inferred types are mutable, the core's readonly). */
type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;

/**
 * Compile-time checks: the schemas above accept exactly the core's options, so that the extension
 * can pass a parsed message's options to the core as they are. A type error here means that the
 * core or the protocol changed alone.
 */
export type ProtocolMatchesCore = [
  Assert<Equal<(typeof POLARITY_VALUES)[number], Polarity>>,
  Assert<Equal<(typeof ORIGIN_VALUES)[number], Origin>>,
  Assert<Equal<(typeof MEASURE_VALUES)[number], Measure>>,
  Assert<Equal<MatrixOptionsMessage['rows'], RowMode>>,
  Assert<Equal<ColumnSpecMessage, Mutable<ColumnSpec>>>,
  Assert<Equal<FiltersMessage, Mutable<MatrixFilters>>>,
  Assert<Equal<MatrixOptionsMessage, Mutable<MatrixOptions>>>,
];

export const DEFAULT_PANEL_STATE: PanelState = {
  view: 'matrix',
  options: { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters: {} },
  collapsed: [],
};

// ---------- webview → extension ----------

export const WebviewMessageSchema = z.discriminatedUnion('type', [
  /** The script runs and listens: the extension may post now. */
  z.object({ type: z.literal('ready') }),
  /** The user changed the view, options, filters or collapsed rows. */
  z.object({ type: z.literal('setState'), state: PanelStateSchema }),
  /** A cell was activated: list its passages. */
  z.object({ type: z.literal('openCell'), row: id, column: id }),
  /** Open a passage's transcript at the passage. */
  z.object({ type: z.literal('openPassage'), coding: id }),
  z.object({ type: z.literal('export'), format: z.enum(EXPORT_FORMATS) }),
]);

export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;

// ---------- extension → webview ----------

/** A code row, as the core's (its origin stays behind). */
export type MatrixRowView = Pick<MatrixRow, 'code' | 'name' | 'path' | 'depth' | 'parent' | 'hasChildren' | 'color' | 'polarity'>;

export interface MatrixColumnView extends Pick<MatrixColumn, 'key' | 'label' | 'detail'> {
  /** The "no value" column (transcripts without a value for the column's attribute): shown as `strings.noValue`. */
  readonly missing: boolean;
}

export interface MatrixView {
  readonly rows: readonly MatrixRowView[];
  readonly columns: readonly MatrixColumnView[];
  /** rows × columns, row-major, in the measure. */
  readonly values: readonly number[];
  /** rows × columns: distinct codings (0 = nothing to list). */
  readonly codings: readonly number[];
  readonly rowTotals: readonly number[];
  readonly columnTotals: readonly number[];
  readonly grandTotal: number;
  /** Whether the totals row shows the grand total: only when the cells count codings (distinct codings add up). */
  readonly showGrandTotal: boolean;
  readonly max: number;
  readonly percent: boolean;
  /** Whether the totals row is in the cells' unit (not for percentages and co-occurrence). */
  readonly totalsRow: boolean;
  /** Milliseconds the computation took. */
  readonly ms: number;
  /** Codings left out of every number (orphaned, or of a missing transcript: core/counting), for the footer. */
  readonly uncounted: number;
}

/** A literature factor's row; `codes` are the linked codes' names (the core has their ids). */
export interface CoverageFactorView extends Pick<
  CoverageFactor,
  'id' | 'name' | 'category' | 'authors' | 'codes' | 'counts' | 'total' | 'respondents'
> {
  /** No coding at all is evidence for this factor (the core's `factorsWithoutEvidence`). */
  readonly noEvidence: boolean;
}

export type CoverageCodeView = Pick<CoverageCode, 'id' | 'name' | 'path' | 'depth' | 'counts' | 'total'>;

/** A case column of the coverage and synthesis views; `missing`: the transcripts without a case ("(no value)"). */
export interface CaseColumnView {
  readonly label: string;
  readonly missing: boolean;
}

export interface CoverageView {
  readonly cases: readonly CaseColumnView[];
  readonly factors: readonly CoverageFactorView[];
  readonly unlinked: readonly CoverageCodeView[];
}

export interface SynthesisRowView extends Pick<
  SynthesisRow,
  'factorCode' | 'factor' | 'patternCode' | 'pattern' | 'isNew' | 'analysis' | 'counts' | 'total'
> {
  /** The polarity's label ('' for none). */
  readonly polarity: string;
  /** The literature factors the pattern is linked to, as one text (or that it is new). */
  readonly origin: string;
}

export interface SynthesisView {
  readonly cases: readonly CaseColumnView[];
  readonly rows: readonly SynthesisRowView[];
}

/** A transcript's point; `label` is "Respondent A, interview 1". */
export interface SaturationPointView extends Pick<SaturationPoint, 'doc' | 'label' | 'date' | 'newCodes' | 'cumulative'> {
  /** The transcript's file name without folder and extension ("A-1"), for the chart's axis. */
  readonly short: string;
  /** Names of the codes used for the first time in this transcript (the core has their ids). */
  readonly newCodes: readonly string[];
}

export interface SaturationView {
  /** Transcripts in interview order (front-matter date, else name). */
  readonly points: readonly SaturationPointView[];
  /** Codes used in all transcripts together (the last cumulative number). */
  readonly total: number;
  /** How many of the last transcripts added no new code. */
  readonly trailingWithoutNew: number;
}

export interface Choice {
  readonly id: string;
  readonly label: string;
}

export interface Choices {
  readonly attributes: readonly string[];
  readonly cases: readonly Choice[];
  readonly coders: readonly Choice[];
  readonly polarities: readonly Choice[];
  readonly origins: readonly Choice[];
}

export interface Passage {
  readonly coding: string;
  readonly doc: string;
  /** "Respondent A, interview 1" */
  readonly source: string;
  readonly quote: string;
  readonly codes: readonly string[];
  readonly coder: string;
  readonly memo?: string;
}

/** Every text the webview shows; the extension sends them localised. */
export const UI_STRING_KEYS = [
  'title',
  'viewMatrix',
  'viewCoverage',
  'viewSynthesis',
  'viewSaturation',
  'rows',
  'rowsTree',
  'rowsTop',
  'columns',
  'columnCase',
  'columnRespondent',
  'columnTranscript',
  'columnAttribute',
  'columnFactor',
  'columnCode',
  'measure',
  'measureCodings',
  'measureTranscripts',
  'measureRespondents',
  'measureRowPercent',
  'measureColumnPercent',
  'filters',
  'polarity',
  'origin',
  'case',
  'coder',
  'exportCsv',
  'exportXlsx',
  'exportMarkdown',
  'exportLabel',
  'code',
  'total',
  'noValue',
  'expand',
  'collapse',
  'passages',
  'passagesHint',
  'noPassages',
  'openPassage',
  'computed',
  'uncounted',
  'uncountedOne',
  'literatureFactor',
  'category',
  'authors',
  'linkedCodes',
  'respondents',
  'noEvidence',
  'factorsWithoutEvidence',
  'unlinkedCodes',
  'unlinkedHint',
  'empiricalFactor',
  'empiricalPattern',
  'factorOrigin',
  'analysis',
  'noStudy',
  'empty',
  'cellLabel',
  'saturationChart',
  'saturationSummary',
  'saturationStill',
  'saturationNew',
  'saturationCumulative',
  'saturationNumber',
  'transcript',
  'date',
  'firstUsed',
  'saturationEmpty',
  'exportSaturation',
  'exportSaturationTitle',
] as const;

export type UiStringKey = (typeof UI_STRING_KEYS)[number];
export type UiStrings = Readonly<Record<UiStringKey, string>>;

export type HostMessage =
  | {
      readonly type: 'model';
      readonly study: string;
      readonly state: PanelState;
      readonly choices: Choices;
      readonly strings: UiStrings;
      readonly matrix?: MatrixView;
      readonly coverage?: CoverageView;
      readonly synthesis?: SynthesisView;
      readonly saturation?: SaturationView;
    }
  | { readonly type: 'noStudy'; readonly strings: UiStrings }
  | {
      readonly type: 'passages';
      readonly row: string;
      readonly column: string;
      readonly title: string;
      readonly passages: readonly Passage[];
    }
  | { readonly type: 'busy'; readonly busy: boolean };
