/** Where an export may be written: never over a file of the study, over another file only with --force. */
import * as path from 'path';
import { promises as fsp } from 'fs';
import type { StudyFileKind } from '../core/store';
import { studyFileAt } from '../node/studyLinks';
import { UsageError } from './args';

const KIND_WORDS: Record<StudyFileKind, string> = {
  project: 'the project file',
  data: 'a Codeboom data file (under .codeboom/)',
  transcript: 'a transcript',
};

/**
 * An export never writes over a file of the study (followed through symbolic links and `..`), and
 * over another existing file only with --force. Throws a {@link UsageError} that names the file.
 */
export async function checkOutTarget(out: string, studyDir: string, transcriptFolders: readonly string[], force: boolean): Promise<void> {
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
export function errnoPath(e: unknown): string | undefined {
  const p = typeof e === 'object' && e !== null ? (e as { path?: unknown }).path : undefined;
  return typeof p === 'string' ? p : undefined;
}
