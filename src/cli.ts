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
import * as path from 'path';
import { promises as fsp } from 'fs';
import { StudyStore } from './core/store';
import type { StudyFileKind } from './core/store';
import { StudyFileError, formatProblem } from './core/schema';
import { NodeFileSystem } from './node/nodeFileSystem';
import { studyFileAt } from './node/studyLinks';
import { writeFileAtomicAt } from './node/studyFiles';
import { maxOf } from './core/port';
import { FALLBACK, describeError, describeErrorText } from './core/errors';
import { formatMessage } from './core/messages';
import { codeCounts } from './core/codebookOps';
import type { Study } from './core/study';
import { isCounted, uncountedOf } from './core/counting';
import { RefiError } from './core/refi/errors';
import { OutsideStudyError } from './core/port';
import { StudyPathError } from './core/paths';
import { EXPORTS, ExportRefused, UsageError, checkOptions, chooseFormat, exportHelp } from './cliExports';

export { UsageError } from './cliExports';

const USAGE = `codeboom — qualitative coding studies on the command line

Usage:
  codeboom validate [study]               check every study file; exit 1 when there are problems
  codeboom stats [study] [--json]         transcripts, cases, respondents, codes, codings per coder
  codeboom export <what> [study] [--out FILE] [--force] [--format F] [options]
                                          write a table, report or exchange file: matrix, coverage,
                                          synthesis, respondents, codebook, gioia, qdpx, qdc, agreement,
                                          saturation (see: codeboom help export); --force writes over an
                                          existing file (never over a file of the study)
  codeboom help [export]

[study] is the folder with codeboom.json (default: the current folder).`;

export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Record<string, string | boolean>;
}

/** Options that never take a value: `--force study` is the flag and the study folder. */
const FLAGS = new Set(['force']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split('=', 2);
      if (inline !== undefined) {
        options[key] = inline;
      } else if (!FLAGS.has(key) && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
        options[key] = argv[++i];
      } else {
        options[key] = true;
      }
    } else {
      positional.push(a);
    }
  }
  return { positional, options };
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

async function open(dir: string, io: Io): Promise<{ study: Study; store: StudyStore; problems: number }> {
  const { study, store, problems, reanchored, missing } = await StudyStore.open(new NodeFileSystem(path.resolve(dir)));
  for (const p of problems) {
    io.err(`${p.severity ?? 'problem'}: ${formatProblem(p)}`);
  }
  for (const r of reanchored) {
    io.err(`note: ${r.doc} changed since it was coded — ${r.moved} codings moved, ${r.fuzzy} found approximately, ${r.orphaned} orphaned`);
  }
  for (const m of missing) {
    io.err(`note: transcript ${m.doc} is missing — its ${m.codings} codings are kept, but not counted until it is back`);
  }
  return { study, store, problems: problems.length };
}

/** The study's numbers; orphaned codings (and those of a missing transcript) are counted apart (core/counting). */
export function statistics(study: Study): Record<string, unknown> {
  const all = [...study.allCodings()];
  const codings = all.filter((c) => isCounted(study, c));
  const perCoder: Record<string, number> = {};
  for (const c of codings) {
    perCoder[c.coder] = (perCoder[c.coder] ?? 0) + 1;
  }
  const depth = maxOf(
    study.codes.map((c) => study.depthOf(c.id) + 1),
    0,
  );
  const counts = codeCounts(study);
  return {
    name: study.name,
    transcripts: study.documents.length,
    cases: study.cases(),
    respondents: study.respondents().length,
    codes: study.codes.length,
    codebookDepth: depth,
    literatureFactors: study.catalogues.reduce((n, c) => n + c.categories.reduce((m, g) => m + g.factors.length, 0), 0),
    links: study.links.length,
    codings: codings.length,
    orphaned: all.length - codings.length,
    codingsPerCoder: perCoder,
    // One roll-up, not a subtree walk per code (quadratic on a deep codebook).
    unusedCodes: study.codes.filter((c) => counts.get(c.id)?.total === 0).map((c) => study.pathLabel(c.id)),
  };
}

function onlyOptions(command: string, options: ParsedArgs['options'], allowed: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new UsageError(
        `${command} has no option --${key}${allowed.length ? `; its options: ${allowed.map((k) => `--${k}`).join(', ')}` : ''}`,
      );
    }
  }
}

const KIND_WORDS: Record<StudyFileKind, string> = {
  project: 'the project file',
  data: 'a Codeboom data file (under .codeboom/)',
  transcript: 'a transcript',
};

/**
 * An export never writes over a file of the study (followed through symbolic links and `..`), and
 * over another existing file only with --force. Throws a {@link UsageError} that names the file.
 */
async function checkOutTarget(out: string, studyDir: string, transcriptFolders: readonly string[], force: boolean): Promise<void> {
  const target = path.resolve(out);
  const own = await studyFileAt(studyDir, target, transcriptFolders);
  if (own) {
    throw new UsageError(
      `--out ${out} is ${KIND_WORDS[own.kind]} of the study (${own.path}): an export never writes over a study file, not even with --force; choose another file`,
    );
  }
  if (
    !force &&
    (await fsp.lstat(target).then(
      () => true,
      () => false,
    ))
  ) {
    throw new UsageError(`${out} exists already; use --force to write over it`);
  }
}

/** The file a Node errno error names, if it names one. */
function errnoPath(e: unknown): string | undefined {
  const p = typeof e === 'object' && e !== null ? (e as { path?: unknown }).path : undefined;
  return typeof p === 'string' ? p : undefined;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const { positional, options } = parseArgs(argv);
  const [command, ...rest] = positional;
  try {
    if (command === undefined || command === 'help' || options['help'] === true) {
      io.out(command === 'export' || rest[0] === 'export' ? exportHelp() : USAGE);
      return 0;
    }
    switch (command) {
      case 'validate': {
        onlyOptions('validate', options, []);
        const dir = rest[0] ?? '.';
        const { study, problems } = await open(dir, io);
        if (problems > 0) {
          io.err(
            study.readOnly
              ? `${problems} problem(s): the study opens read-only until they are fixed.`
              : `${problems} warning(s): the study opens, but fix them for complete results.`,
          );
          return 1;
        }
        const uncounted = uncountedOf(study, study.allCodings());
        io.out(
          `ok: ${study.name} — ${study.documents.length} transcripts, ${study.codes.length} codes, ${study.codingCount - uncounted} codings${uncounted ? ` (+${uncounted} orphaned)` : ''}`,
        );
        return 0;
      }
      case 'stats': {
        onlyOptions('stats', options, ['json']);
        const { study, problems } = await open(rest[0] ?? '.', io);
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
      case 'export': {
        const [what, dir, extra] = rest;
        const exporter = what && Object.prototype.hasOwnProperty.call(EXPORTS, what) ? EXPORTS[what] : undefined;
        if (!exporter) {
          throw new UsageError(`export what? ${what ? `"${what}" is not one of: ` : ''}${Object.keys(EXPORTS).join(', ')}`);
        }
        if (extra !== undefined) {
          throw new UsageError(`export ${what} takes one study folder, not also "${extra}"`);
        }
        checkOptions(what, exporter, options);
        const format = chooseFormat(what, exporter, options);
        const out = options['out'];
        if (out === true || out === '') {
          throw new UsageError('--out needs a file name');
        }
        const binary = exporter.binary === true || format === 'xlsx';
        if (binary && out === undefined) {
          throw new UsageError(`${what}${format ? ` as ${format}` : ''} is a binary file: give --out FILE`);
        }
        if (options['force'] !== undefined && options['force'] !== true) {
          throw new UsageError('--force takes no value');
        }
        const studyDir = path.resolve(dir ?? '.');
        const { study, store, problems } = await open(studyDir, io);
        if (typeof out === 'string') {
          await checkOutTarget(out, studyDir, study.project.transcriptFolders, options['force'] === true);
        }
        const result = await exporter.run({ study, store, options, studyDir, format, note: (t) => io.err(t) });
        if (typeof out === 'string') {
          const target = path.resolve(out);
          try {
            // The study files' atomic write: no temporary file left behind, a read-only file refused.
            await writeFileAtomicAt(target, result.data, out);
          } catch (e) {
            io.err(`codeboom: cannot write ${out}: ${describeErrorText(e, errnoPath(e) ?? out)}`);
            return 3;
          }
          io.err(`written ${out}`);
        } else {
          io.out(new TextDecoder().decode(result.data).replace(/\n$/, ''));
        }
        return problems > 0 ? 1 : 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`codeboom: ${e.message}`);
      return 2;
    }
    if (e instanceof ExportRefused || e instanceof RefiError || e instanceof OutsideStudyError || e instanceof StudyPathError) {
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
}

if (require.main === module) {
  main(process.argv.slice(2), { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') }).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(String(e) + '\n');
      process.exit(3);
    },
  );
}
