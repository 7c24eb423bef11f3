/**
 * Every export, declared once: what it is called, its formats, the options it takes on the command
 * line, what it needs from the study, and the function that builds its bytes. The `codeboom` CLI
 * (src/cli/exports.ts) and the extension's export commands (src/matrix/exportCommands.ts) both
 * iterate over this table, so a table regenerated in a script or CI has the bytes of the one
 * exported in VS Code. Pure: no file is read or written here (the callers give the inputs and write
 * the bytes, atomically, never over a study file).
 */
import type { MatrixFilters, MatrixIndex, MatrixOptions } from '../matrix';
import { DEFAULT_MATRIX_OPTIONS } from '../matrix';
import type { Study } from '../study';
import { encodeText } from '../port';
import { agreement, agreementMarkdown, coderPairs } from '../agreement';
import type { AgreementChoice } from '../agreement';
import { alphaFamily } from '../intercoder/family';
import { teamMarkdown, teamTables } from '../intercoder/team';
import { xlsxBytes } from './xlsx';
import { agreementTables, agreementXlsx } from '../intercoder/sheets';
import { saturation, saturationMarkdown, saturationSvg } from '../saturation';
import { exportCodebook as refiCodebook, exportProject } from '../refi';
import type { MemoFile } from '../refi';
import type { AnalysisView, ExportContext } from './index';
import { exportCodebook, exportGioia, exportRespondents, exportSynthesis, exportView } from './index';
import { COLUMN_WORDS, MEASURE_WORDS, ROW_WORDS, codebookFileLabel } from './choices';
import type { ExportLabels } from './labels';

/** The formats of the core's builders; a file's extension is {@link FORMAT_EXTENSION}. */
export type ExportFormat = 'csv' | 'xlsx' | 'markdown' | 'html' | 'svg';

/** The file extension of a format, also the CLI's word for it (`--format md`). */
export const FORMAT_EXTENSION: Readonly<Record<ExportFormat, string>> = {
  csv: 'csv',
  xlsx: 'xlsx',
  markdown: 'md',
  html: 'html',
  svg: 'svg',
};

/** What an export needs besides the study, its index and the labels; the caller gives only these. */
export type ExportNeed = 'creator' | 'date' | 'matrix' | 'filters' | 'folder' | 'text' | 'memos' | 'coders' | 'agreement';

export interface ExportInput {
  readonly study: Study;
  /** The study's analysis index (a caller may build it lazily, on first use). */
  readonly index: MatrixIndex;
  /** The words written: the extension's (localised), or the English defaults (CLI, tests). */
  readonly labels: ExportLabels;
  /** `creator`: the workbook's author and the codebook's editor. */
  readonly creator?: string;
  /** `date`: the export time written into the file. */
  readonly now?: Date;
  /** `matrix`: an analysis view's options (rows, columns, measure, filters); default the panel's. */
  readonly matrix?: MatrixOptions;
  /** `filters`: the matrix filters of the synthesis table. */
  readonly filters?: MatrixFilters;
  /** `folder`: the study folder's name (the codebook report's "File" line). */
  readonly folderName?: string;
  /** `text`: the current text of a transcript. */
  readonly text?: (doc: string) => string | undefined;
  /** `memos`: the memo files (`.codeboom/memos/**`). */
  readonly memos?: readonly MemoFile[];
  /** `coders`: the coders of an agreement report, two or more (default: the first pair that coded the same transcript). */
  readonly coders?: readonly string[];
  /** `agreement`: what an agreement report tests (codes, transcripts, domains; default all). */
  readonly agreement?: AgreementChoice;
  /** The path from the written file's folder to the study folder, for links into the transcripts (default '': the study folder). */
  readonly linkBase?: string;
  /** Notes for the person exporting (what was left out, …). */
  note?(text: string): void;
}

export interface ExportSpec {
  /** The export's name, the CLI's word (`codeboom export matrix`). */
  readonly id: string;
  /** One line for `codeboom help export` (English). */
  readonly description: string;
  /** The formats; the first is the default. Empty: one fixed format. */
  readonly formats: readonly ExportFormat[];
  /** The command-line options it takes besides --out, --format and --force: name (without --) → help. */
  readonly options: Readonly<Record<string, string>>;
  readonly needs: readonly ExportNeed[];
  /** Binary in every format (needs a file, never standard output). */
  readonly binary?: boolean;
  /** False: only for the extension (no CLI word). */
  readonly commandLine?: false;
  build(input: ExportInput, format: ExportFormat | undefined): Promise<Uint8Array>;
}

/** The study cannot give this export (no two coders, …): not a mistake of the caller. */
export class ExportRefused extends Error {}

/** Binary output (an XLSX workbook, a .qdpx archive): written to a file, never shown as text. */
export function isBinaryExport(spec: ExportSpec, format: ExportFormat | undefined): boolean {
  return spec.binary === true || format === 'xlsx';
}

const FILTER_OPTIONS = {
  polarity: 'only codes of these polarities: belemmerend|stimulerend|neutral (or hindering|stimulating), comma-separated',
  origin: 'only codes of these origins: literature|empirical|in-vivo, comma-separated',
  case: 'only transcripts of these cases, comma-separated',
  coder: 'only codings by these coders (ids), comma-separated',
} as const;

const MATRIX_OPTIONS = {
  rows: `${ROW_WORDS}: the code tree (default) or the top-level codes only`,
  columns: `${COLUMN_WORDS} (default cases)`,
  measure: `${MEASURE_WORDS} (default codings)`,
  ...FILTER_OPTIONS,
} as const;

const WORKBOOK_OPTIONS = {
  'edited-by': 'the workbook’s author (default: git user.name, else the OS user)',
  date: 'the workbook’s creation date (ISO 8601; default $SOURCE_DATE_EPOCH, else now)',
} as const;

/** The core builders' context: index, labels, author and date. */
function context(input: ExportInput): ExportContext {
  return { index: input.index, labels: input.labels, creator: input.creator, now: input.now };
}

/** The format a builder is given: the one asked for, else the export's default. */
function formatOf<F extends ExportFormat>(spec: { readonly formats: readonly ExportFormat[] }, format: ExportFormat | undefined): F {
  return (format ?? spec.formats[0]) as F;
}

/**
 * An analysis view of the matrix panel. The factor coverage has the cases as columns and only the
 * filters apply to it: it takes no --rows, --columns or --measure (its workbook's Matrix sheet is
 * the panel's default matrix with the same filters).
 */
function analysisView(id: string, view: AnalysisView, description: string, commandLine?: false): ExportSpec {
  const spec: ExportSpec = {
    id,
    description,
    formats: ['csv', 'xlsx', 'markdown'],
    options: { ...(view === 'coverage' ? FILTER_OPTIONS : MATRIX_OPTIONS), ...WORKBOOK_OPTIONS },
    needs: ['matrix', 'creator', 'date'],
    ...(commandLine === false ? { commandLine } : {}),
    build: (input, format) => exportView(context(input), view, input.matrix ?? DEFAULT_MATRIX_OPTIONS, formatOf(spec, format)),
  };
  return spec;
}

const synthesis: ExportSpec = {
  id: 'synthesis',
  description: 'synthesis table: literature factor × empirical pattern, origin, polarity, codings per case (thesis §5.2)',
  formats: ['markdown', 'xlsx', 'csv'],
  options: { ...FILTER_OPTIONS, ...WORKBOOK_OPTIONS },
  needs: ['filters', 'creator', 'date'],
  build: (input, format) => exportSynthesis(context(input), formatOf(synthesis, format), input.filters),
};

const respondents: ExportSpec = {
  id: 'respondents',
  description: 'respondent table: respondent, function and organisation, function type, network, number of interviews',
  formats: ['markdown', 'xlsx', 'csv'],
  options: { ...WORKBOOK_OPTIONS },
  needs: ['creator', 'date'],
  build: (input, format) => exportRespondents(context(input), formatOf(respondents, format)),
};

const codebook: ExportSpec = {
  id: 'codebook',
  description: 'codebook report: header (file, editor, date), overview, then every code with definition, factors, counts',
  formats: ['markdown', 'html'],
  options: {
    'edited-by': 'the “Edited by” line (default: git user.name, else the OS user)',
    date: 'the “Date/Time” line (ISO 8601; default $SOURCE_DATE_EPOCH, else now)',
  },
  needs: ['creator', 'date', 'folder'],
  build: async (input, format) =>
    exportCodebook(context(input), formatOf(codebook, format), {
      file: codebookFileLabel(input.folderName),
      editedBy: input.creator ?? '',
    }),
};

const gioia: ExportSpec = {
  id: 'gioia',
  description: 'Gioia data structure: 1st-order concepts → 2nd-order themes → aggregate dimensions',
  formats: ['svg', 'markdown'],
  options: {},
  needs: [],
  build: async (input, format) => exportGioia({ index: input.index, labels: input.labels }, formatOf(gioia, format)),
};

const qdpx: ExportSpec = {
  id: 'qdpx',
  description: 'REFI-QDA project (.qdpx) for ATLAS.ti, NVivo, MAXQDA, QualCoder: transcripts, codes, codings, memos',
  formats: [],
  binary: true,
  options: { date: 'the project’s creationDateTime (ISO 8601; default $SOURCE_DATE_EPOCH, else now)' },
  needs: ['date', 'text', 'memos'],
  async build(input) {
    const result = await exportProject({
      study: input.study,
      text: input.text ?? (() => undefined),
      memos: input.memos,
      origin: 'Codeboom',
      now: (input.now ?? new Date()).toISOString(),
    });
    const r = result.report;
    const note = (text: string): void => input.note?.(text);
    note(`${r.sources} sources, ${r.selections} selections, ${r.codes} codes, ${r.users} users, ${r.notes} notes`);
    for (const w of r.warnings) {
      note(`note: ${w}`);
    }
    for (const d of r.skippedDocuments) {
      note(`note: ${d} could not be read and is left out`);
    }
    return result.bytes;
  },
};

const qdc: ExportSpec = {
  id: 'qdc',
  description: 'REFI-QDA codebook (.qdc): the code tree with colours, definitions and sets',
  formats: [],
  options: {},
  needs: [],
  build: async (input) => encodeText(refiCodebook(input.study)),
};

const agreementReport: ExportSpec = {
  id: 'agreement',
  description:
    'intercoder agreement: two coders per code (%, κ, α), transcripts included and why, rules, methods paragraph, disagreements; Krippendorff’s α per domain for any number of coders',
  formats: ['markdown', 'xlsx'],
  options: {
    coders: 'two or more coders, a,b[,c…] (default: the first pair that coded the same transcript); three or more: Krippendorff’s α only',
    codes: 'only these codes (names or ids, each with its subcodes), comma-separated',
    docs: 'only these transcripts (paths, with or without .md), comma-separated',
    domains: 'the semantic domains: these codes with their subcodes (default: the top-level codes), comma-separated',
    overlap: 'segment-based agreement: the overlap (percent) a match needs (default 90)',
    method: 'characters|segments: the method reported first and in the methods paragraph (default characters; segments: two coders)',
    'roll-up': 'a parent code’s row counts its subcodes’ codings too (default: only its own)',
    date: 'the workbook’s creation date (ISO 8601; default $SOURCE_DATE_EPOCH, else now)',
  },
  needs: ['coders', 'agreement', 'text', 'date'],
  async build(input, format) {
    const { study } = input;
    const coders = input.coders ?? coderPairs(study)[0];
    if (!coders) {
      throw new ExportRefused('no two coders coded the same transcript');
    }
    const choice = input.agreement ?? {};
    if (coders.length > 2 && choice.method === 'segments') {
      throw new ExportRefused('segment-based agreement compares two coders: give --coders a,b, or leave out --method segments');
    }
    if (coders.length > 2) {
      const family = alphaFamily(study, { coders, ...choice });
      return format === 'xlsx'
        ? xlsxBytes(teamTables(study, family, input.text), { created: input.now })
        : encodeText(teamMarkdown(study, family, input.text, { base: input.linkBase }));
    }
    const report = agreement(study, coders[0], coders[1], input.text ?? (() => undefined), choice);
    if (format === 'xlsx') {
      return agreementXlsx(agreementTables(study, report), input.now);
    }
    return encodeText(agreementMarkdown(study, report, { base: input.linkBase }));
  },
};

const saturationReport: ExportSpec = {
  id: 'saturation',
  description: 'new codes per transcript in interview order (Markdown, or the chart as SVG)',
  formats: ['markdown', 'svg'],
  options: {},
  needs: [],
  async build({ study }, format) {
    const points = saturation(study);
    return encodeText(format === 'svg' ? saturationSvg(points) : saturationMarkdown(study, points));
  },
};

/** Every export, in the order of `codeboom help export`. */
export const EXPORT_REGISTRY: readonly ExportSpec[] = [
  analysisView(
    'matrix',
    'matrix',
    'code × cases/respondents/transcripts/attribute/literature factors/codes matrix, as in the matrix panel (the XLSX workbook has every view, as the panel’s)',
  ),
  analysisView(
    'coverage',
    'coverage',
    'literature factor coverage: each factor’s linked codes and codings per case, then the codes linked to no factor',
  ),
  // The matrix panel's Synthesis tab (its tables as in the panel; XLSX: every view), apart from the synthesis table.
  analysisView('synthesis-view', 'synthesis', 'the matrix panel’s Synthesis tab', false),
  synthesis,
  respondents,
  codebook,
  gioia,
  qdpx,
  qdc,
  agreementReport,
  saturationReport,
];

/** The export with this id; undefined for an unknown one. */
export function exportSpec(id: string): ExportSpec | undefined {
  return EXPORT_REGISTRY.find((e) => e.id === id);
}

/** The analysis view's export (the matrix panel's Matrix, Factor coverage and Synthesis tabs). */
export function viewExportSpec(view: AnalysisView): ExportSpec {
  return exportSpec(view === 'synthesis' ? 'synthesis-view' : view)!;
}
