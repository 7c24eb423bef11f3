/**
 * The CLI's exports: each a pure function of the study, written by the CLI to a file or stdout.
 * Every export calls the same core builder with the same (English) labels as the extension's export
 * command, so a table regenerated in a script or CI has the bytes of the one exported in VS Code.
 */
import * as path from 'path';
import type { Study } from './core/study';
import type { StudyStore } from './core/store';
import { encodeText } from './core/port';
import { agreement, agreementMarkdown, coderPairs } from './core/agreement';
import { saturation, saturationMarkdown, saturationSvg } from './core/saturation';
import { MatrixIndex } from './core/matrix';
import type { ExportContext as CoreExportContext } from './core/exports';
import { exportCodebook as codebookReportBytes, exportGioia, exportRespondents, exportSynthesis, exportView } from './core/exports';
import type { MatrixChoices } from './core/exports/choices';
import {
  COLUMN_WORDS,
  MEASURE_WORDS,
  ROW_WORDS,
  codebookFileLabel,
  matrixFiltersFromChoices,
  matrixOptionsFromChoices,
} from './core/exports/choices';
import { DEFAULT_LABELS } from './core/exports/labels';
import { exportCodebook as refiCodebook, exportProject, readMemoFiles } from './core/refi';
import { NodeFileSystem } from './node/nodeFileSystem';
import { systemCoderName } from './node/coderName';

/** A mistake in the command line: exit code 2, with a message that says what is allowed. */
export class UsageError extends Error {}

/** The study cannot give this export (no codes, no two coders, …): exit code 1, like a study problem. */
export class ExportRefused extends Error {}

export type Options = Readonly<Record<string, string | boolean>>;

export interface ExportContext {
  readonly study: Study;
  readonly store: StudyStore;
  readonly options: Options;
  readonly studyDir: string;
  /** The format chosen with --format or by the --out file's extension (one of the exporter's formats). */
  readonly format: string;
  /** For notes on standard error (what was left out, …). */
  note(text: string): void;
}

export interface Exporter {
  readonly description: string;
  /** The formats (CLI words); the first is the default. None: one fixed format. */
  readonly formats?: readonly string[];
  /** The options it takes besides --out and --format: name (without --) → help. */
  readonly options?: Readonly<Record<string, string>>;
  /** Binary output: needs --out. */
  readonly binary?: boolean;
  run(ctx: ExportContext): Promise<{ data: Uint8Array; binary?: boolean }>;
}

const text = (s: string) => ({ data: encodeText(s) });

// ---------- option helpers ----------

/** A string option's value; a bare flag (`--rows` without a value) is a usage error. */
export function stringOption(options: Options, name: string): string | undefined {
  const v = options[name];
  if (v === undefined) {
    return undefined;
  }
  if (typeof v !== 'string' || v === '') {
    throw new UsageError(`--${name} needs a value`);
  }
  return v;
}

/**
 * The export time: --date (ISO 8601, e.g. 2024-05-01T12:00:00, local time without a zone), else the
 * SOURCE_DATE_EPOCH environment variable (seconds since 1970, for reproducible builds), else now.
 */
export function exportDate(options: Options, env: Readonly<Record<string, string | undefined>> = process.env): Date {
  const given = stringOption(options, 'date');
  if (given !== undefined) {
    const t = Date.parse(given);
    if (Number.isNaN(t)) {
      throw new UsageError(`--date "${given}" is not a date/time; use ISO 8601, e.g. 2024-05-01T12:00:00 or 2024-05-01T10:00:00Z`);
    }
    return new Date(t);
  }
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch.trim())) {
      throw new UsageError(`SOURCE_DATE_EPOCH "${epoch}" is not a number of seconds since 1970-01-01`);
    }
    return new Date(Number(epoch.trim()) * 1000);
  }
  return new Date();
}

/** The person named as author (workbooks) and editor (codebook): --edited-by, else git's user.name, else the OS user, as in the extension. */
async function editedBy(ctx: ExportContext): Promise<string> {
  return stringOption(ctx.options, 'edited-by') ?? (await systemCoderName(ctx.studyDir));
}

/** The core's export context: English labels (the extension's, in English), author and date. */
async function coreContext(ctx: ExportContext): Promise<CoreExportContext> {
  return { index: new MatrixIndex(ctx.study), labels: DEFAULT_LABELS, creator: await editedBy(ctx), now: exportDate(ctx.options) };
}

function choices(options: Options): MatrixChoices {
  return {
    rows: stringOption(options, 'rows'),
    columns: stringOption(options, 'columns'),
    measure: stringOption(options, 'measure'),
    polarity: stringOption(options, 'polarity'),
    origin: stringOption(options, 'origin'),
    cases: stringOption(options, 'case'),
    coders: stringOption(options, 'coder'),
  };
}

/** The CLI's format word as the core's: `md` → `markdown`. */
function coreFormat<F extends string>(word: string): F {
  return (word === 'md' ? 'markdown' : word) as F;
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

function analysisView(view: 'matrix' | 'coverage', description: string): Exporter {
  return {
    description,
    formats: ['csv', 'xlsx', 'md'],
    options: { ...MATRIX_OPTIONS, ...WORKBOOK_OPTIONS },
    async run(ctx) {
      const options = matrixOptionsFromChoices(ctx.study, choices(ctx.options));
      if ('error' in options) {
        throw new UsageError(options.error);
      }
      return { data: await exportView(await coreContext(ctx), view, options.value, coreFormat(ctx.format)), binary: ctx.format === 'xlsx' };
    },
  };
}

export const EXPORTS: Record<string, Exporter> = {
  matrix: analysisView(
    'matrix',
    'code × cases/respondents/transcripts/attribute/literature factors/codes matrix, as in the matrix panel (the XLSX workbook has every view, as the panel’s)',
  ),
  coverage: analysisView(
    'coverage',
    'literature factor coverage: each factor’s linked codes and codings per case, then the codes linked to no factor',
  ),
  synthesis: {
    description: 'synthesis table: literature factor × empirical pattern, origin, polarity, codings per case (thesis §5.2)',
    formats: ['md', 'xlsx', 'csv'],
    options: { ...FILTER_OPTIONS, ...WORKBOOK_OPTIONS },
    async run(ctx) {
      const filters = matrixFiltersFromChoices(ctx.study, choices(ctx.options));
      if ('error' in filters) {
        throw new UsageError(filters.error);
      }
      return { data: await exportSynthesis(await coreContext(ctx), coreFormat(ctx.format), filters.value), binary: ctx.format === 'xlsx' };
    },
  },
  respondents: {
    description: 'respondent table: respondent, function and organisation, function type, network, number of interviews',
    formats: ['md', 'xlsx', 'csv'],
    options: { ...WORKBOOK_OPTIONS },
    async run(ctx) {
      return { data: await exportRespondents(await coreContext(ctx), coreFormat(ctx.format)), binary: ctx.format === 'xlsx' };
    },
  },
  codebook: {
    description: 'codebook report: header (file, editor, date), overview, then every code with definition, factors, counts',
    formats: ['md', 'html'],
    options: {
      'edited-by': 'the “Edited by” line (default: git user.name, else the OS user)',
      date: 'the “Date/Time” line (ISO 8601; default $SOURCE_DATE_EPOCH, else now)',
    },
    async run(ctx) {
      const core = await coreContext(ctx);
      const meta = { file: codebookFileLabel(path.basename(ctx.studyDir)), editedBy: core.creator ?? '' };
      return { data: codebookReportBytes(core, coreFormat(ctx.format), meta) };
    },
  },
  gioia: {
    description: 'Gioia data structure: 1st-order concepts → 2nd-order themes → aggregate dimensions',
    formats: ['svg', 'md'],
    async run(ctx) {
      return { data: exportGioia({ index: new MatrixIndex(ctx.study), labels: DEFAULT_LABELS }, coreFormat(ctx.format)) };
    },
  },
  qdpx: {
    description: 'REFI-QDA project (.qdpx) for ATLAS.ti, NVivo, MAXQDA, QualCoder: transcripts, codes, codings, memos',
    binary: true,
    options: { date: 'the project’s creationDateTime (ISO 8601; default $SOURCE_DATE_EPOCH, else now)' },
    async run(ctx) {
      const now = exportDate(ctx.options).toISOString();
      const result = await exportProject({
        study: ctx.study,
        text: (doc) => ctx.store.text(doc),
        memos: await readMemoFiles(new NodeFileSystem(ctx.studyDir)),
        origin: 'Codeboom',
        now,
      });
      const r = result.report;
      ctx.note(`${r.sources} sources, ${r.selections} selections, ${r.codes} codes, ${r.users} users, ${r.notes} notes`);
      for (const w of r.warnings) {
        ctx.note(`note: ${w}`);
      }
      for (const d of r.skippedDocuments) {
        ctx.note(`note: ${d} could not be read and is left out`);
      }
      return { data: result.bytes, binary: true };
    },
  },
  qdc: {
    description: 'REFI-QDA codebook (.qdc): the code tree with colours, definitions and sets',
    async run(ctx) {
      return text(refiCodebook(ctx.study));
    },
  },
  agreement: {
    description: 'intercoder agreement of two coders (Markdown)',
    options: { coders: 'the two coders, a,b (default: the first pair that coded the same transcript)' },
    async run({ study, store, options }) {
      const given = stringOption(options, 'coders');
      const pair = given !== undefined ? given.split(',').map((s) => s.trim()) : coderPairs(study)[0];
      if (given !== undefined && (pair.length !== 2 || pair.some((c) => !study.coders().includes(c)))) {
        throw new UsageError(`--coders "${given}" must name two coders of the study: ${study.coders().join(', ')}`);
      }
      if (!pair) {
        throw new ExportRefused('no two coders coded the same transcript');
      }
      return text(
        agreementMarkdown(
          study,
          agreement(study, pair[0], pair[1], (d) => store.text(d)),
        ),
      );
    },
  },
  saturation: {
    description: 'new codes per transcript in interview order (Markdown, or the chart as SVG)',
    formats: ['md', 'svg'],
    async run({ study, format }) {
      const points = saturation(study);
      return text(format === 'svg' ? saturationSvg(points) : saturationMarkdown(study, points));
    },
  },
};

/** The format words and the file extensions that choose them. */
const FORMAT_OF_EXTENSION: Readonly<Record<string, string>> = {
  md: 'md',
  markdown: 'md',
  csv: 'csv',
  xlsx: 'xlsx',
  html: 'html',
  htm: 'html',
  svg: 'svg',
};

/**
 * The format of an export: --format (md or markdown, …), else the --out file's extension when it is
 * one of the export's formats, else the export's default.
 */
export function chooseFormat(what: string, exporter: Exporter, options: Options): string {
  const formats = exporter.formats ?? [];
  const given = options['format'];
  if (given !== undefined) {
    if (formats.length === 0) {
      throw new UsageError(`export ${what} has one format: leave out --format`);
    }
    const word = typeof given === 'string' ? (given.toLowerCase() === 'markdown' ? 'md' : given.toLowerCase()) : '';
    if (!formats.includes(word)) {
      throw new UsageError(
        `--format ${typeof given === 'string' ? `"${given}"` : 'needs a value'}: export ${what} writes ${formats.join(', ')}`,
      );
    }
    return word;
  }
  const out = options['out'];
  if (typeof out === 'string') {
    const ext = FORMAT_OF_EXTENSION[path.extname(out).slice(1).toLowerCase()];
    if (ext && formats.includes(ext)) {
      return ext;
    }
  }
  return formats[0] ?? '';
}

/** Rejects options the export does not take (a typo must not be ignored silently). */
export function checkOptions(what: string, exporter: Exporter, options: Options): void {
  const allowed = new Set(['out', ...(exporter.formats ? ['format'] : []), ...Object.keys(exporter.options ?? {}), 'force']);
  for (const key of Object.keys(options)) {
    if (key === 'format' && !exporter.formats) {
      throw new UsageError(`export ${what} has one format: leave out --format`);
    }
    if (!allowed.has(key)) {
      throw new UsageError(
        `export ${what} has no option --${key}; its options: ${[...allowed].map((k) => `--${k}`).join(', ')} (see: codeboom help export)`,
      );
    }
  }
}

export function exportHelp(): string {
  const lines = [
    'codeboom export <what> [study] [--out FILE] [--force] [--format F] [options]',
    '',
    '  --out FILE   never a file of the study (codeboom.json, a transcript, anything under .codeboom/);',
    '               an existing file only with --force',
    '',
  ];
  for (const [what, e] of Object.entries(EXPORTS)) {
    lines.push(`  ${what.padEnd(12)} ${e.description}`);
    if (e.formats) {
      lines.push(`  ${''.padEnd(12)} --format ${e.formats.join('|')} (default ${e.formats[0]}, or the --out file’s extension)`);
    }
    for (const [name, help] of Object.entries(e.options ?? {})) {
      lines.push(`  ${''.padEnd(12)} --${name.padEnd(10)} ${help}`);
    }
    if (e.binary) {
      lines.push(`  ${''.padEnd(12)} (binary: needs --out FILE)`);
    }
  }
  lines.push(
    '',
    'Without --out, text exports go to standard output. Every export is the extension’s, byte for byte, with',
    'its English labels; give --date (or set SOURCE_DATE_EPOCH) where a date is written, for reproducible files.',
    'Exit codes: 0 ok · 1 the study has problems · 2 usage error · 3 unexpected error.',
  );
  return lines.join('\n');
}
