import { promises as fsp, realpathSync } from 'fs';
import * as path from 'path';
import type { EntryKind } from '../core/port';
import { studyFileKind } from '../core/store';
import type { StudyFileKind } from '../core/store';

/** The real path of a file that may not exist yet: its nearest existing ancestor resolved, the rest appended. */
export async function realPathOf(file: string): Promise<string> {
  return realPathOfSync(file);
}

/** {@link realPathOf}, at once (one realpath call for a file that exists). */
export function realPathOfSync(file: string): string {
  const rest: string[] = [];
  let at = path.resolve(file);
  for (;;) {
    try {
      return path.join(realpathSync.native(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) {
        return path.resolve(file);
      }
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

function isInside(real: string, root: string): boolean {
  const rel = path.relative(root, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The symbolic-link rule of a study folder on a local disk: what resolves (realpath) inside the
 * study may be followed, what resolves outside it is not. Shared by the CLI's and the extension's ports.
 */
export class StudyLinks {
  private real: Promise<string> | undefined;
  private realSync: string | undefined;

  constructor(readonly root: string) {}

  realRoot(): Promise<string> {
    this.real ??= realPathOf(this.root);
    return this.real;
  }

  /** Whether an absolute path under the root resolves (through any links on the way) inside the study. */
  async resolvesInside(abs: string): Promise<boolean> {
    return isInside(await realPathOf(abs), await this.realRoot());
  }

  /** {@link resolvesInside}, at once. */
  resolvesInsideSync(abs: string): boolean {
    this.realSync ??= realPathOfSync(this.root);
    return isInside(realPathOfSync(abs), this.realSync);
  }

  /**
   * The kind of a symbolic link found in `folder`: what it leads to when that is inside the study
   * and not a folder the walk from the root came through (that would loop), else 'unfollowed-link'.
   */
  async linkKind(link: string, folder: string): Promise<EntryKind> {
    let target: string;
    try {
      target = await fsp.realpath(link);
    } catch {
      return 'unfollowed-link';
    }
    const root = await this.realRoot();
    if (!isInside(target, root)) {
      return 'unfollowed-link';
    }
    const stat = await fsp.stat(target).catch(() => undefined);
    if (!stat || (!stat.isFile() && !stat.isDirectory())) {
      return 'unfollowed-link';
    }
    if (stat.isDirectory()) {
      // A walk down the folders from the root would come back here: a loop (also through several links).
      const top = path.resolve(this.root);
      for (let at = path.resolve(folder); ; at = path.dirname(at)) {
        if (isInside(await realPathOf(at), target)) {
          return 'unfollowed-link';
        }
        if (at === top || path.dirname(at) === at) {
          break;
        }
      }
    }
    return stat.isDirectory() ? 'directory' : 'file';
  }
}

/**
 * Whether a file is one of the study's own files (core/store.ts studyFileKind), as its path is
 * written or through symbolic links and `..`: its study path and kind. Exports refuse such a target
 * (the CLI's --out, the extension's save dialogs).
 */
export async function studyFileAt(
  studyDir: string,
  file: string,
  transcriptFolders: readonly string[],
): Promise<{ path: string; kind: StudyFileKind } | undefined> {
  const target = path.resolve(file);
  for (const [root, at] of [
    [path.resolve(studyDir), target],
    [await realPathOf(studyDir), await realPathOf(target)],
  ] as const) {
    const rel = path.relative(root, at);
    if (rel === '' || !isInside(at, root)) {
      continue;
    }
    const posix = rel.split(path.sep).join('/');
    const kind = studyFileKind(transcriptFolders, posix);
    if (kind) {
      return { path: posix, kind };
    }
  }
  return undefined;
}
