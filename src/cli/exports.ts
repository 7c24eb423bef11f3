/**
 * `codeboom export <what>`: every export of the core's registry (src/core/exports/registry.ts),
 * written by the CLI to a file or standard output. Each calls the same core builder with the same
 * labels as the extension's export command (the study's `language`, else English; --lang wins), so
 * a table regenerated in a script or CI has the bytes of the one exported in VS Code.
 */
import * as path from 'path';
import { MatrixIndex } from '../core/matrix';
import type { Study } from '../core/study';
import type { StudyStore } from '../core/store';
import type { MatrixChoices } from '../core/exports/choices';
import { matrixFiltersFromChoices, matrixOptionsFromChoices } from '../core/exports/choices';
import { exportLabels } from '../core/exports/labels';
import type { ExportFormat, ExportInput, ExportSpec } from '../core/exports/registry';
import { EXPORT_REGISTRY, FORMAT_EXTENSION } from '../core/exports/registry';
import { readMemoFiles } from '../core/refi';
import { agreementChoiceFromWords } from '../core/intercoder/choice';
import { NodeFileSystem } from '../node/nodeFileSystem';
import { systemCoderName } from '../node/coderName';
import type { Options } from './args';
import { UsageError, stringOption } from './args';

/** The exports the CLI knows, by their word. */
export const EXPORTS: ReadonlyMap<string, ExportSpec> = new Map(
  EXPORT_REGISTRY.filter((e) => e.commandLine !== false).map((e) => [e.id, e]),
);

/** The CLI's words for an export's formats (`md` for Markdown). */
function formatWords(spec: ExportSpec): string[] {
  return spec.formats.map((f) => FORMAT_EXTENSION[f]);
}

/** The format words and the file extensions that choose them. */
const FORMAT_OF_WORD: Readonly<Record<string, ExportFormat>> = {
  md: 'markdown',
  markdown: 'markdown',
  csv: 'csv',
  xlsx: 'xlsx',
  html: 'html',
  htm: 'html',
  svg: 'svg',
};

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

/**
 * The format of an export: --format (md or markdown, …), else the --out file's extension when it is
 * one of the export's formats, else the export's default (undefined: the export has one format).
 */
export function chooseFormat(what: string, spec: ExportSpec, options: Options): ExportFormat | undefined {
  const words = formatWords(spec);
  const given = options['format'];
  if (given !== undefined) {
    if (words.length === 0) {
      throw new UsageError(`export ${what} has one format: leave out --format`);
    }
    const word = typeof given === 'string' ? (given.toLowerCase() === 'markdown' ? 'md' : given.toLowerCase()) : '';
    if (!words.includes(word)) {
      throw new UsageError(
        `--format ${typeof given === 'string' ? `"${given}"` : 'needs a value'}: export ${what} writes ${words.join(', ')}`,
      );
    }
    return FORMAT_OF_WORD[word];
  }
  const out = options['out'];
  if (typeof out === 'string') {
    const format = FORMAT_OF_WORD[path.extname(out).slice(1).toLowerCase()];
    if (format && spec.formats.includes(format)) {
      return format;
    }
  }
  return spec.formats[0];
}

/** Rejects options the export does not take (a typo must not be ignored silently). */
export function checkOptions(what: string, spec: ExportSpec, options: Options): void {
  const hasFormats = spec.formats.length > 0;
  const allowed = new Set(['out', ...(hasFormats ? ['format'] : []), ...Object.keys(spec.options), 'force', 'override', 'key']);
  for (const key of Object.keys(options)) {
    if (key === 'format' && !hasFormats) {
      throw new UsageError(`export ${what} has one format: leave out --format`);
    }
    if (!allowed.has(key)) {
      throw new UsageError(
        `export ${what} has no option --${key}; its options: ${[...allowed].map((k) => `--${k}`).join(', ')} (see: codeboom help export)`,
      );
    }
  }
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

/** The coders of --coders (two or more), checked against the study. */
function codersOf(study: Study, options: Options): string[] | undefined {
  const given = stringOption(options, 'coders');
  if (given === undefined) {
    return undefined;
  }
  const coders = given.split(',').map((s) => s.trim());
  if (coders.length < 2 || new Set(coders).size !== coders.length || coders.some((c) => !study.coders().includes(c))) {
    throw new UsageError(`--coders "${given}" must name two or more coders of the study: ${study.coders().join(', ')}`);
  }
  return coders;
}

export interface CliExportContext {
  readonly study: Study;
  readonly store: StudyStore;
  readonly options: Options;
  readonly studyDir: string;
  /** For notes on standard error (what was left out, …). */
  note(text: string): void;
}

/**
 * What the export needs, from the command line: English labels, the matrix options and filters of
 * their flags, the person named as author (--edited-by, else git's user.name, else the OS user, as
 * in the extension), the export time ({@link exportDate}), … Only what it needs: a flag it does not
 * take was refused before, and git is asked only when an author is written.
 */
export async function exportInput(spec: ExportSpec, ctx: CliExportContext): Promise<ExportInput> {
  const { study, options } = ctx;
  const needs = new Set(spec.needs);
  let index: MatrixIndex | undefined;
  const input: { -readonly [K in keyof ExportInput]: ExportInput[K] } = {
    study,
    get index(): MatrixIndex {
      return (index ??= new MatrixIndex(study));
    },
    labels: exportLabels(),
    note: (text) => ctx.note(text),
  };
  if (needs.has('matrix')) {
    const parsed = matrixOptionsFromChoices(study, choices(options));
    if ('error' in parsed) {
      throw new UsageError(parsed.error);
    }
    input.matrix = parsed.value;
  }
  if (needs.has('filters')) {
    const parsed = matrixFiltersFromChoices(study, choices(options));
    if ('error' in parsed) {
      throw new UsageError(parsed.error);
    }
    input.filters = parsed.value;
  }
  if (needs.has('coders')) {
    input.coders = codersOf(study, options);
  }
  if (needs.has('agreement')) {
    const parsed = agreementChoiceFromWords(study, {
      codes: stringOption(options, 'codes'),
      docs: stringOption(options, 'docs'),
      domains: stringOption(options, 'domains'),
      overlap: stringOption(options, 'overlap'),
      method: stringOption(options, 'method'),
      rollUp: options['roll-up'] === true,
    });
    if ('error' in parsed) {
      throw new UsageError(parsed.error);
    }
    input.agreement = parsed.value;
  }
  if (needs.has('creator')) {
    input.creator = stringOption(options, 'edited-by') ?? (await systemCoderName(ctx.studyDir));
  }
  if (needs.has('date')) {
    input.now = exportDate(options);
  }
  if (needs.has('folder')) {
    input.folderName = path.basename(ctx.studyDir);
  }
  if (needs.has('text')) {
    input.text = (doc) => ctx.store.text(doc);
    // links into the transcripts are relative to the written file (or the study folder, on standard output)
    const out = stringOption(options, 'out');
    input.linkBase =
      out === undefined
        ? ''
        : path
            .relative(path.dirname(path.resolve(out)), ctx.studyDir)
            .split(path.sep)
            .join('/');
  }
  if (needs.has('memos')) {
    input.memos = await readMemoFiles(new NodeFileSystem(ctx.studyDir));
  }
  return input;
}

export function exportHelp(): string {
  const lines = [
    'codeboom export <what> [study] [--out FILE] [--force] [--format F] [options]',
    '',
    '  --out FILE   never a file of the study (codeboom.json, a transcript, anything under .codeboom/);',
    '               an existing file only with --force',
    '  --override REASON  a confidential study ("confidential": true) exports only when the pseudonym check',
    '               passes (codeboom check-pseudonyms); this exports anyway and writes the reason into the file',
    '  --key FILE   the pseudonym list (default: "pseudonymKey" in codeboom.json, else beside the study folder)',
    '',
  ];
  for (const [what, e] of EXPORTS) {
    lines.push(`  ${what.padEnd(12)} ${e.description}`);
    const words = formatWords(e);
    if (words.length) {
      lines.push(`  ${''.padEnd(12)} --format ${words.join('|')} (default ${words[0]}, or the --out file’s extension)`);
    }
    for (const [name, help] of Object.entries(e.options)) {
      lines.push(`  ${''.padEnd(12)} --${name.padEnd(10)} ${help}`);
    }
    if (e.binary) {
      lines.push(`  ${''.padEnd(12)} (binary: needs --out FILE)`);
    }
  }
  lines.push(
    `  ${'member-check'.padEnd(12)} one respondent's transcripts (--respondent R) or one transcript (--transcript PATH) with`,
    `  ${''.padEnd(12)} the codes beside the passages, for the respondent: --out FILE.docx|.html; pseudonymised`,
    `  ${''.padEnd(12)} with the pseudonym list when there is one (--no-pseudonyms: not); --codes a,b: only these`,
    `  ${''.padEnd(12)} codes (ids or names, each with the codes under it)`,
  );
  lines.push(
    '',
    'Without --out, text exports go to standard output. Every export is the extension’s, byte for byte, with',
    'its labels in the study’s "language" (codeboom.json; else English; --lang overrides it); give --date (or',
    'set SOURCE_DATE_EPOCH) where a date is written, for reproducible files.',
    'Exit codes: 0 ok · 1 the study has problems · 2 usage error · 3 unexpected error.',
  );
  return lines.join('\n');
}
