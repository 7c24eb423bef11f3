/**
 * `codeboom merge-driver %O %A %B %P`: git's merge driver for study files (set up by `.gitattributes`
 * and `git config merge.codeboom.driver`). codeboom.json and codings files are merged record by
 * record, as the extension merges changes on disk; the result, a valid file, is written to %A.
 *
 * Exit status in git's terms: 0 merged (git stages it); 1 a conflict for a person (git reports
 * "CONFLICT" and leaves the file unmerged, but it holds valid JSON — ours where the sides disagree,
 * never conflict markers). Any other file (a transcript) gets git's own line merge, untouched by us.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { CodeConflict } from '../core/store';
import { MERGE_CONFLICTS_FILE, mergeStudyFile, recordMergeConflicts } from '../core/store';
import { formatProblem } from '../core/schema';
import type { Options } from './args';
import { UsageError, onlyOptions } from './args';
import type { Io } from './study';
import { NotInGitError, checkGitSetup, setUpGit } from '../node/gitSetup';

export const MERGE_DRIVER_USAGE = `codeboom merge-driver %O %A %B %P   git's merge driver for codeboom.json and codings files
  In .gitattributes:  codeboom.json merge=codeboom  and  .codeboom/codings/** merge=codeboom
  In .git/config:     git config merge.codeboom.driver "npx codeboom merge-driver %O %A %B %P"`;

export async function mergeDriver(rest: readonly string[], options: Options, io: Io): Promise<number> {
  onlyOptions('merge-driver', options, []);
  const [basePath, oursPath, theirsPath, repoPath, extra] = rest;
  if (theirsPath === undefined || extra !== undefined) {
    throw new UsageError(`merge-driver takes the files %O %A %B and the path %P\n\n${MERGE_DRIVER_USAGE}`);
  }
  const name = repoPath ?? oursPath;
  const read = (p: string): string => fs.readFileSync(p, 'utf8');
  const result = mergeStudyFile(name, read(basePath), read(oursPath), read(theirsPath), (dropped) =>
    codesStillUsed(path.dirname(name), dropped),
  );
  if (result.kind === 'other') {
    // Not a study file: git's own merge, with its usual markers.
    const r = spawnSync('git', ['merge-file', '-L', 'ours', '-L', 'base', '-L', 'theirs', oursPath, basePath, theirsPath], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return r.status === 0 ? 0 : 1;
  }
  if (result.kind === 'refused') {
    for (const p of result.problems) {
      io.err(`codeboom merge-driver: ${formatProblem(p)}`);
    }
    io.err(
      `codeboom merge-driver: ${name} not merged (a side is not a valid study file); it holds your version — fix it, then git add ${name}`,
    );
    return 1;
  }
  fs.writeFileSync(oursPath, result.text);
  for (const c of result.conflicts) {
    io.err(`codeboom merge-driver: ${name}: ${conflictSentence(c)}`);
  }
  if (result.conflicts.length > 0) {
    // The other side's choices go into the study's problems (a warning at each code when it opens).
    const record = path.join(path.dirname(name), MERGE_CONFLICTS_FILE);
    const before = fs.existsSync(record) ? fs.readFileSync(record, 'utf8') : undefined;
    fs.mkdirSync(path.dirname(record), { recursive: true });
    fs.writeFileSync(record, recordMergeConflicts(before, result.conflicts));
    io.err(`codeboom merge-driver: ${name} is valid JSON with your side's choices; check them, then git add ${name}`);
    io.err(
      `codeboom merge-driver: the other side's choices are in ${record.split(path.sep).join('/')} and in the study's problems until settled`,
    );
    return 1;
  }
  return 0;
}

function conflictSentence(c: CodeConflict): string {
  const what = c.field === 'parent' ? 'moved' : c.field === 'name' ? 'renamed' : `given a new ${c.field}`;
  const show = (v: string | undefined): string => (v === undefined ? '(none)' : JSON.stringify(v));
  return (
    `code "${c.code}" was ${what} on both sides: kept ${show(c.ours)}, not ${show(c.theirs)}` +
    (c.field === 'name' ? ' (kept as an alias)' : '')
  );
}

/**
 * Which of the codes a merge would drop are still used by a codings file of this side (HEAD, the
 * working tree) or of the other (MERGE_HEAD, REBASE_HEAD or CHERRY_PICK_HEAD): those are kept.
 * Over-keeping a code is harmless; a code dropped under codings would make the study read-only.
 */
function codesStillUsed(studyDir: string, dropped: readonly string[]): ReadonlySet<string> {
  const folder = path.posix.join(studyDir.replace(/\\/g, '/'), '.codeboom/codings');
  const refs = ['HEAD', 'MERGE_HEAD', 'REBASE_HEAD', 'CHERRY_PICK_HEAD'].filter((ref) => {
    const r = spawnSync('git', ['rev-parse', '-q', '--verify', ref], { stdio: 'ignore' });
    return r.status === 0;
  });
  const patterns = dropped.flatMap((id) => ['-e', JSON.stringify(id)]);
  const texts: string[] = [];
  for (const args of [[], refs.length > 0 ? refs : undefined]) {
    if (args === undefined) {
      continue;
    }
    try {
      texts.push(execFileSync('git', ['grep', '-h', '-o', '-F', ...patterns, ...args, '--', folder], { encoding: 'utf8' }));
    } catch {
      // git grep exits 1 when nothing matches (or outside a repository): nothing used.
    }
  }
  const found = texts.join('\n');
  return new Set(dropped.filter((id) => found.includes(JSON.stringify(id))));
}

/** How git runs this CLI as the driver: this Node and this file (dist/cli.js; bin.js in tests). */
function cliProgram(): string[] {
  const bin = path.join(__dirname, 'bin.js');
  return [process.execPath, fs.existsSync(bin) ? bin : __filename];
}

/** `codeboom validate` in a git repository without the merge set-up: a warning (the exit status stays). */
export async function warnGitSetup(dir: string, io: Io): Promise<void> {
  const state = await checkGitSetup(path.resolve(dir));
  if (state.inRepository && state.missing.length > 0) {
    io.err(
      `warning: this study is in a git repository without Codeboom's merge set-up (missing: ${state.missing.join('; ')}); ` +
        'merges of codeboom.json and codings files may conflict line by line. Run "Codeboom: Set Up Git for This Study" in VS Code, or: codeboom setup-git',
    );
  }
}

/** `codeboom setup-git [study]`: the study's .gitattributes and the repository's driver entry. */
export async function setupGitCommand(rest: readonly string[], options: Options, io: Io): Promise<number> {
  onlyOptions('setup-git', options, []);
  const dir = path.resolve(rest[0] ?? '.');
  if (!fs.existsSync(path.join(dir, 'codeboom.json'))) {
    throw new UsageError(`${rest[0] ?? '.'} has no codeboom.json: give the study folder`);
  }
  try {
    const r = await setUpGit(dir, cliProgram());
    io.err(`${r.attributes ? 'written' : 'already set'}: .gitattributes`);
    io.err(`git config merge.codeboom.driver ${r.driver}`);
    return 0;
  } catch (e) {
    if (e instanceof NotInGitError) {
      io.err(`codeboom: ${e.message} (git init first)`);
      return 1;
    }
    throw e;
  }
}
