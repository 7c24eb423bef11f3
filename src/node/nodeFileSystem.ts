import { promises as fsp, readFileSync } from 'fs';
import { isUtf8 } from 'buffer';
import * as path from 'path';
import type { EntryKind, FileLock, FileStat, FileSystemPort } from '../core/port';
import { OutsideStudyError } from '../core/port';
import { studyPath } from '../core/paths';
import { StudyLinks } from './studyLinks';
import { LOCK_WAIT_MS, lockFile, removeLeftovers, writeFileAtomicAt } from './studyFiles';
import { decodeText } from '../core/port';

/**
 * The core's file port over Node's fs, rooted at a folder. Used by the CLI, tests and benchmarks.
 * Paths pass the study path rule (core/paths.ts); nothing is read or written through a symbolic
 * link that resolves outside the study.
 */
export class NodeFileSystem implements FileSystemPort {
  private readonly links: StudyLinks;

  constructor(
    readonly root: string,
    /** How long a save waits for another writer's lock. */
    readonly lockWaitMs: number = LOCK_WAIT_MS,
  ) {
    this.links = new StudyLinks(root);
  }

  abs(rel: string): string {
    return path.join(this.root, ...studyPath(rel, { allowRoot: true }).split('/'));
  }

  /** The absolute path of a study path that resolves inside the study, else an {@link OutsideStudyError}. */
  private async inside(rel: string): Promise<string> {
    const abs = this.abs(rel);
    if (!(await this.links.resolvesInside(abs))) {
      throw new OutsideStudyError(rel);
    }
    return abs;
  }

  async readFile(rel: string): Promise<Uint8Array> {
    return fsp.readFile(await this.inside(rel));
  }

  async readText(rel: string): Promise<string> {
    // Read at once: opening a study reads hundreds of small files, and each asynchronous read is four
    // trips through the thread pool (open, stat, read, close) plus an asynchronous realpath — together
    // more than the reading (profiled: 2× the synchronous read of the same files).
    const abs = this.abs(rel);
    if (!this.links.resolvesInsideSync(abs)) {
      throw new OutsideStudyError(rel);
    }
    return decodeStrict(readFileSync(abs), rel);
  }

  /** Atomic, and refuses to replace a file that is read-only on disk (see studyFiles.ts). */
  async writeFileAtomic(rel: string, data: Uint8Array): Promise<void> {
    return writeFileAtomicAt(await this.inside(rel), data, rel);
  }

  /** A lock file beside the study file, shared with the extension and other CLI runs (see studyFiles.ts). */
  async lock(rel: string): Promise<FileLock> {
    return lockFile(await this.inside(rel), rel, this.lockWaitMs);
  }

  async removeLeftovers(rel: string): Promise<string[]> {
    return removeLeftovers(await this.inside(rel));
  }

  async stat(rel: string): Promise<FileStat | undefined> {
    try {
      const s = await fsp.stat(await this.inside(rel));
      return { mtime: s.mtimeMs, size: s.size };
    } catch (e) {
      // Only a missing file is "not there"; any other error must not be taken for a deletion.
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        return undefined;
      }
      throw e;
    }
  }

  async readDirectory(rel: string): Promise<ReadonlyArray<readonly [string, EntryKind]>> {
    const folder = await this.inside(rel);
    let entries;
    try {
      entries = await fsp.readdir(folder, { withFileTypes: true });
    } catch {
      return [];
    }
    const out: Array<readonly [string, EntryKind]> = [];
    for (const e of entries) {
      if (e.isSymbolicLink()) {
        out.push([e.name, await this.links.linkKind(path.join(folder, e.name), folder)]);
      } else if (e.isFile() || e.isDirectory()) {
        out.push([e.name, e.isDirectory() ? 'directory' : 'file']);
      }
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  async delete(rel: string): Promise<void> {
    await fsp.rm(await this.inside(rel), { force: true });
  }
}

/**
 * {@link decodeText}, with Node's own UTF-8 check first: not readFile(…, 'utf8'), which replaces bytes
 * that are not UTF-8 with U+FFFD, silently. What is not UTF-8 goes to decodeText, which says what it is.
 */
export function decodeStrict(bytes: Buffer, rel: string): string {
  if (!isUtf8(bytes)) {
    return decodeText(bytes, rel);
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A file's UTF-8 text without a BOM, read at once; undefined when it cannot be read or is not UTF-8. */
export function readTextFileSync(absPath: string): string | undefined {
  try {
    return decodeText(readFileSync(absPath), absPath);
  } catch {
    return undefined;
  }
}
