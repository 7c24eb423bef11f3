/**
 * A study's git set-up on the local disk, through the `git` binary: whether the study is in a
 * repository, whether git would use Codeboom's merge driver and LF line ends for its files, and
 * writing them (`.gitattributes` in the study folder; the driver in the repository's own config,
 * never the user's global one).
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DRIVER_CONFIG_KEY, DRIVER_NAME_KEY, MERGE_DRIVER_NAME, driverCommand, gitAttributesText } from '../core/gitSetup';
import type { GitSetupState } from '../core/gitSetup';
import { writeFileAtomicAt } from './studyFiles';

function git(cwd: string, args: readonly string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, timeout: 10_000, encoding: 'utf8' }, (err, stdout) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: stdout ?? '' }),
    );
  });
}

/** `git log <args>` in `cwd` (paths unquoted, up to 64 MB of output); undefined when git fails (not a repository, no git). */
export function gitLog(cwd: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.quotepath=off', 'log', ...args],
      { cwd, timeout: 30_000, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) => resolve(err ? undefined : stdout),
    );
  });
}

/** The attribute `name` git gives a path of the study (`unspecified` when none). */
async function attribute(studyDir: string, name: string, file: string): Promise<string> {
  const r = await git(studyDir, ['check-attr', name, '--', file]);
  return /: ([^:\n]+)\n?$/.exec(r.out)?.[1]?.trim() ?? 'unspecified';
}

/** What git would do with the study's files when merging; see {@link GitSetupState}. */
export async function checkGitSetup(studyDir: string): Promise<GitSetupState> {
  const inside = await git(studyDir, ['rev-parse', '--is-inside-work-tree']);
  if (inside.code !== 0 || inside.out.trim() !== 'true') {
    return { inRepository: false, missing: [] };
  }
  const missing: string[] = [];
  const files = ['codeboom.json', '.codeboom/codings/transcript.md.coder.json'];
  for (const file of files) {
    if ((await attribute(studyDir, 'merge', file)) !== MERGE_DRIVER_NAME) {
      missing.push(`.gitattributes: ${file.startsWith('.codeboom') ? 'codings files' : file} merge=${MERGE_DRIVER_NAME}`);
    }
  }
  for (const file of [...files, 'transcript.md']) {
    if ((await attribute(studyDir, 'eol', file)) !== 'lf') {
      missing.push(
        `.gitattributes: ${file === 'transcript.md' ? 'transcripts (*.md)' : file.startsWith('.codeboom') ? 'codings files' : file} eol=lf`,
      );
    }
  }
  const driver = await git(studyDir, ['config', '--get', DRIVER_CONFIG_KEY]);
  const command = driver.code === 0 ? driver.out.trim() : undefined;
  if (!command) {
    missing.push(`git config ${DRIVER_CONFIG_KEY}`);
  }
  return { inRepository: true, missing, driver: command };
}

/**
 * Writes Codeboom's lines into the study folder's `.gitattributes` (keeping what it has) and the
 * driver into the repository's config: `program` is how to run the CLI (node and dist/cli.js, or
 * npx codeboom). Returns what it changed; throws when the study is not in a git repository.
 */
export async function setUpGit(studyDir: string, program: readonly string[]): Promise<{ attributes: boolean; driver: string }> {
  const state = await checkGitSetup(studyDir);
  if (!state.inRepository) {
    throw new NotInGitError(studyDir);
  }
  const file = path.join(studyDir, '.gitattributes');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const text = gitAttributesText(existing);
  if (text !== existing) {
    await writeFileAtomicAt(file, new TextEncoder().encode(text), '.gitattributes');
  }
  const command = driverCommand(program);
  for (const [key, value] of [
    [DRIVER_NAME_KEY, 'Codeboom study files'],
    [DRIVER_CONFIG_KEY, command],
  ]) {
    const r = await git(studyDir, ['config', '--local', key, value]);
    if (r.code !== 0) {
      throw new Error(`git config ${key} failed in ${studyDir}`);
    }
  }
  return { attributes: text !== existing, driver: command };
}

export class NotInGitError extends Error {
  constructor(readonly folder: string) {
    super(`${folder} is not in a git repository`);
  }
}

/**
 * How git runs the extension's bundled CLI (dist/cli.js) with the Node that runs the extension: in
 * VS Code that is Electron, which runs as plain Node with ELECTRON_RUN_AS_NODE=1.
 */
export function bundledCliProgram(extensionPath: string): string[] {
  const cli = path.join(extensionPath, 'dist', 'cli.js');
  return process.versions['electron'] ? ['ELECTRON_RUN_AS_NODE=1', process.execPath, cli] : [process.execPath, cli];
}
