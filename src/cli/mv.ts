/**
 * `codeboom mv <old> <new> [--study DIR]`: renames or moves a transcript (or a folder of them) and
 * moves its codings with it, for scripts and terminals (in VS Code the Explorer's rename does this).
 */
import * as fs from 'fs';
import * as path from 'path';
import { StudyStore } from '../core/store';
import { moveCodingsOps } from '../core/renames';
import { NodeFileSystem } from '../node/nodeFileSystem';
import type { Options } from './args';
import { UsageError, onlyOptions, stringOption } from './args';
import type { Io } from './study';

export const MV_USAGE =
  'codeboom mv <old> <new> [--study DIR]  rename or move a transcript or folder; its codings follow (renamed already: re-links them)';

/** A path of the command line as a path of the study (forward slashes), or a usage error when outside it. */
function inStudy(studyDir: string, p: string): string {
  const rel = path.relative(studyDir, path.resolve(p));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new UsageError(`${p} is not inside the study ${studyDir}`);
  }
  return rel.split(path.sep).join('/');
}

export async function mvCommand(rest: readonly string[], options: Options, io: Io): Promise<number> {
  onlyOptions('mv', options, ['study']);
  const [from, to, extra] = rest;
  if (to === undefined || extra !== undefined) {
    throw new UsageError(`mv takes the old and the new path\n\n${MV_USAGE}`);
  }
  const studyDir = path.resolve(stringOption(options, 'study') ?? '.');
  if (!fs.existsSync(path.join(studyDir, 'codeboom.json'))) {
    throw new UsageError(`${studyDir} has no codeboom.json: give the study folder with --study`);
  }
  const [oldPath, newPath] = [inStudy(studyDir, from), inStudy(studyDir, to)];
  // Renamed already (git mv, a pull): only the codings are re-linked.
  const relink = !fs.existsSync(path.resolve(from)) && fs.existsSync(path.resolve(to));
  if (!relink) {
    if (!fs.existsSync(path.resolve(from))) {
      throw new UsageError(`${from} does not exist`);
    }
    if (fs.existsSync(path.resolve(to))) {
      throw new UsageError(`${to} exists already; mv never writes over a file`);
    }
    fs.mkdirSync(path.dirname(path.resolve(to)), { recursive: true });
    fs.renameSync(path.resolve(from), path.resolve(to));
  }
  const { store, study, problems } = await StudyStore.open(new NodeFileSystem(studyDir));
  if (study.readOnly) {
    io.err(`codeboom: ${from} is renamed to ${to}, but the study has problems (codeboom validate), so its codings were not moved`);
    return problems.length > 0 ? 1 : 0;
  }
  const { ops, left, moved } = moveCodingsOps(study, [{ from: oldPath, to: newPath }]);
  if (ops.length > 0) {
    study.transact(`mv ${oldPath} ${newPath}`, ops);
    await store.save();
    await store.removeEmptyCodingFiles(left);
  }
  io.err(`${relink ? 're-linked' : 'renamed'} ${oldPath} to ${newPath}; ${moved} codings followed`);
  return 0;
}
