/**
 * `codeboom` — the study on the command line, with the same core as the extension and no VS Code:
 * validate a study, print statistics, and regenerate every table of a thesis from a script or CI.
 *
 *   codeboom validate [study]
 *   codeboom stats [study] [--json]
 *   codeboom export <what> [study] [--out file] [options]     (codeboom help export)
 *
 * Exit codes: 0 ok · 1 the study has problems · 2 usage error · 3 unexpected error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { StudyFileError, formatProblem } from '../core/schema';
import { FALLBACK, describeError, describeErrorText } from '../core/errors';
import { formatMessage } from '../core/messages';
import { uncountedOf } from '../core/counting';
import { RefiError } from '../core/refi/errors';
import { StudyError } from '../core/study';
import { OutsideStudyError } from '../core/port';
import { StudyPathError } from '../core/paths';
import { ExportRefused, FORMAT_EXTENSION, isBinaryExport } from '../core/exports/registry';
import type { Options, ParsedArgs } from './args';
import { UsageError, onlyOptions, parseArgs } from './args';
import { EXPORTS, checkOptions, chooseFormat, exportHelp, exportInput } from './exports';
import { checkOutTarget, errnoPath } from './outTarget';
import { IMPORT_USAGE, importCommand } from './importCommands';
import type { Io } from './study';
import { openStudy, statistics } from './study';
import { loadL10nBundle } from '../node/l10nBundle';
import { en } from '../core/plural';
import { checkPseudonymsCommand, confidentialGate, memberCheckCommand, writeWithOverride } from './privacy';
import { withOverrideHeader } from '../core/pseudonyms';
import { mergeDriver, setupGitCommand, warnGitSetup } from './mergeDriver';
import { mvCommand } from './mv';
import { SUGGEST_USAGE, suggestCommand } from './suggest';

const USAGE = `codeboom — qualitative coding studies on the command line

Usage:
  codeboom validate [study]               check every study file; exit 1 when there are problems
  codeboom stats [study] [--json]         transcripts, cases, respondents, codes, codings per coder
  codeboom export <what> [study] [--out FILE] [--force] [--format F] [options]
                                          write a table, report or exchange file: matrix, coverage,
                                          synthesis, respondents, codebook, gioia, qdpx, qdc, agreement,
                                          saturation (see: codeboom help export); --force writes over an
                                          existing file (never over a file of the study)
  codeboom import transcripts <files…> --study DIR [--case C] [--respondent R] [--speaker "raw=pseudonym"]…
  codeboom import qdpx <file> --into DIR  ·  codeboom import qdc <file> --study DIR
                                          (see: codeboom help import; exit 1 when anything was refused or lost)
  codeboom check-pseudonyms [study] [--key FILE] [files…]
                                          exit 1 when a name of the pseudonym list is still in a transcript,
                                          quote, memo, the codebook, or a file given (an export, .qdpx, .docx)
  codeboom merge-driver %O %A %B %P       git's merge driver for codeboom.json and codings files (set up
                                          by the extension's Set Up Git for This Study); exit 1: a conflict
  codeboom mv <old> <new> [--study DIR]   rename or move a transcript or folder; its codings follow
  codeboom setup-git [study]              write .gitattributes and the repository's merge.codeboom.driver
  codeboom suggest <study> --evaluate [--json] [--level top|leaf]
                                          how often the code suggestions are right (leave-one-transcript-out,
                                          with baselines); --text "passage" suggests codes for a passage
  codeboom help [export|import]

[study] is the folder with codeboom.json (default: the current folder).
--lang nl|en (any command) writes the tables' headings and the study's messages in that language;
without it, exports follow the study's "language" in codeboom.json (else English).`;

async function validate(rest: readonly string[], options: Options, io: Io): Promise<number> {
  onlyOptions('validate', options, []);
  const dir = rest[0] ?? '.';
  const { study, problems } = await openStudy(dir, io);
  if (problems > 0) {
    io.err(
      study.readOnly
        ? `${en(problems, 'problem', 'problems')}: the study opens read-only until they are fixed.`
        : `${en(problems, 'warning', 'warnings')}: the study opens, but fix them for complete results.`,
    );
    return 1;
  }
  await warnGitSetup(dir, io);
  const uncounted = uncountedOf(study, study.allCodings());
  io.out(
    `ok: ${study.name} — ${en(study.documents.length, 'transcript', 'transcripts')}, ${en(study.codes.length, 'code', 'codes')}, ${en(study.codingCount - uncounted, 'coding', 'codings')}${uncounted ? ` (+${uncounted} orphaned)` : ''}`,
  );
  return 0;
}

async function stats(rest: readonly string[], options: Options, io: Io): Promise<number> {
  onlyOptions('stats', options, ['json']);
  const { study, problems } = await openStudy(rest[0] ?? '.', io);
  const s = statistics(study);
  if (options['json']) {
    io.out(JSON.stringify(s, null, 2));
  } else {
    for (const [k, v] of Object.entries(s)) {
      io.out(`${k.padEnd(18)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
    }
  }
  return problems > 0 ? 1 : 0;
}

async function exportCommand(rest: readonly string[], options: Options, io: Io, langGiven: boolean): Promise<number> {
  const [what, dir, extra] = rest;
  if (what === 'member-check' && extra === undefined) {
    return memberCheckCommand(dir, options, io);
  }
  const spec = what !== undefined ? EXPORTS.get(what) : undefined;
  if (!spec) {
    throw new UsageError(`export what? ${what ? `"${what}" is not one of: ` : ''}${[...EXPORTS.keys()].join(', ')}`);
  }
  if (extra !== undefined) {
    throw new UsageError(`export ${what} takes one study folder, not also "${extra}"`);
  }
  checkOptions(what, spec, options);
  const format = chooseFormat(what, spec, options);
  const out = options['out'];
  if (out === true || out === '') {
    throw new UsageError('--out needs a file name');
  }
  if (isBinaryExport(spec, format) && out === undefined) {
    throw new UsageError(`${what}${format ? ` as ${formatWord(format)}` : ''} is a binary file: give --out FILE`);
  }
  if (options['force'] !== undefined && options['force'] !== true) {
    throw new UsageError('--force takes no value');
  }
  const studyDir = path.resolve(dir ?? '.');
  const { study, store, problems } = await openStudy(studyDir, io);
  if (!langGiven && study.project.language !== undefined) {
    studyLanguage(study.project.language, io);
  }
  if (typeof out === 'string') {
    await checkOutTarget(out, studyDir, study.project.transcriptFolders, options['force'] === true);
  }
  const override = await confidentialGate(study, store, studyDir, options, io);
  const exportOptions = { ...options };
  delete exportOptions['override'];
  delete exportOptions['key'];
  let data = await spec.build(await exportInput(spec, { study, store, options: exportOptions, studyDir, note: (t) => io.err(t) }), format);
  if (typeof out === 'string') {
    try {
      // The study files' atomic write: no temporary file left behind, a read-only file refused.
      await writeWithOverride(out, data, override);
    } catch (e) {
      io.err(`codeboom: cannot write ${out}: ${describeErrorText(e, errnoPath(e) ?? out)}`);
      return 3;
    }
    io.err(`written ${out}`);
  } else {
    if (override !== undefined) {
      data = withOverrideHeader(data, format ? FORMAT_EXTENSION[format] : what, override).bytes;
    }
    io.out(new TextDecoder().decode(data).replace(/\n$/, ''));
  }
  return problems > 0 ? 1 : 0;
}

/** The CLI's word of a format (`md` for Markdown), as in --format. */
function formatWord(format: string): string {
  return format === 'markdown' ? 'md' : format;
}

/** An error as the exit code and the lines on standard error. */
function failure(e: unknown, rest: readonly string[], io: Io): number {
  if (e instanceof UsageError) {
    io.err(`codeboom: ${e.message}`);
    return 2;
  }
  if (
    e instanceof ExportRefused ||
    e instanceof StudyError ||
    e instanceof RefiError ||
    e instanceof OutsideStudyError ||
    e instanceof StudyPathError
  ) {
    io.err(`codeboom: ${e.message}`);
    return 1;
  }
  if (e instanceof StudyFileError) {
    for (const p of e.problems) {
      io.err(`problem: ${formatProblem(p)}`);
    }
    return 1;
  }
  // A file that could not be read or written (EACCES, EISDIR, …): a sentence about that file, not Node's words.
  const described = describeError(e, errnoPath(e) ?? path.resolve(rest[0] ?? '.'));
  // No rule knows it: a bug of ours, so the stack helps more than a sentence.
  io.err(
    `codeboom: ${described.template === FALLBACK && e instanceof Error ? (e.stack ?? e.message) : formatMessage(described.template, ...described.args)}`,
  );
  return 3;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    return failure(e, [], io);
  }
  const { positional, options, lists } = parsed;
  const [command, ...rest] = positional;
  const lang = options['lang'];
  delete options['lang'];
  try {
    if (lang !== undefined) {
      useLanguage(lang);
    }
    if (command === undefined || command === 'help' || options['help'] === true) {
      const topic = command === 'help' ? rest[0] : command;
      io.out(topic === 'export' ? exportHelp() : topic === 'import' ? IMPORT_USAGE : topic === 'suggest' ? SUGGEST_USAGE : USAGE);
      return 0;
    }
    switch (command) {
      case 'validate':
        return await validate(rest, options, io);
      case 'stats':
        return await stats(rest, options, io);
      case 'export':
        return await exportCommand(rest, options, io, lang !== undefined);
      case 'import':
        return await importCommand(rest, options, lists, io);
      case 'check-pseudonyms':
        return await checkPseudonymsCommand(rest, options, io);
      case 'merge-driver':
        return await mergeDriver(rest, options, io);
      case 'mv':
        return await mvCommand(rest, options, io);
      case 'setup-git':
        return await setupGitCommand(rest, options, io);
      case 'suggest':
        return await suggestCommand(rest, options, io);
      default:
        throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (e) {
    return failure(e, rest, io);
  } finally {
    // The next call (tests, a script's process) starts in English again.
    loadL10nBundle('en', packageRoot());
  }
}

/**
 * The study's `language` (codeboom.json) for its exports, when no --lang was given: the core speaks
 * it from then on. A language without a bundle is a note, and the exports stay in English.
 */
function studyLanguage(lang: string, io: Io): void {
  if (!loadL10nBundle(lang, packageRoot())) {
    io.err(`note: codeboom.json asks for language "${lang}", which Codeboom cannot write; the export is in English`);
  }
}

/** `--lang`: the core's words (headings, refusals, file errors) from the extension's bundle of that language. */
function useLanguage(lang: string | boolean): void {
  if (typeof lang !== 'string' || !loadL10nBundle(lang, packageRoot())) {
    const available = [
      'en',
      ...fs.readdirSync(path.join(packageRoot(), 'l10n')).flatMap((f) => /^bundle\.l10n\.(.+)\.json$/.exec(f)?.[1] ?? []),
    ];
    throw new UsageError(`--lang ${typeof lang === 'string' ? `"${lang}"` : 'needs a value'}: the languages are ${available.join(', ')}`);
  }
}

/** The folder with the extension's l10n/ bundles: above dist/cli.js, or above out/src/cli/ in tests. */
function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'l10n', 'bundle.l10n.json')) && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
  }
  return dir;
}
