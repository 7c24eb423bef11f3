import { promises as fsp, readFileSync } from 'fs';
import * as path from 'path';
import type { FileLock, FileStat, FileSystemPort } from '../core/port';
import { LOCK_WAIT_MS, lockFile, removeLeftovers, writeFileAtomicAt } from './studyFiles';

/** The core's file port over Node's fs, rooted at a folder. Used by the CLI, tests and benchmarks. */
export class NodeFileSystem implements FileSystemPort {
  constructor(
    readonly root: string,
    /** How long a save waits for another writer's lock. */
    readonly lockWaitMs: number = LOCK_WAIT_MS,
  ) {}

  abs(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  readFile(rel: string): Promise<Uint8Array> {
    return fsp.readFile(this.abs(rel));
  }

  async readText(rel: string): Promise<string> {
    const text = await fsp.readFile(this.abs(rel), 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  /** Atomic, and refuses to replace a file that is read-only on disk (see studyFiles.ts). */
  writeFileAtomic(rel: string, data: Uint8Array): Promise<void> {
    return writeFileAtomicAt(this.abs(rel), data, rel);
  }

  /** A lock file beside the study file, shared with the extension and other CLI runs (see studyFiles.ts). */
  lock(rel: string): Promise<FileLock> {
    return lockFile(this.abs(rel), rel, this.lockWaitMs);
  }

  async removeLeftovers(rel: string): Promise<string[]> {
    return removeLeftovers(this.abs(rel));
  }

  async stat(rel: string): Promise<FileStat | undefined> {
    try {
      const s = await fsp.stat(this.abs(rel));
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

  async readDirectory(rel: string): Promise<ReadonlyArray<readonly [string, 'file' | 'directory']>> {
    try {
      const entries = await fsp.readdir(this.abs(rel), { withFileTypes: true });
      return entries
        .filter((e) => e.isFile() || e.isDirectory())
        .map((e) => [e.name, e.isDirectory() ? 'directory' : 'file'] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    } catch {
      return [];
    }
  }

  async delete(rel: string): Promise<void> {
    await fsp.rm(this.abs(rel), { force: true });
  }
}

/** A file's UTF-8 text without a BOM, read at once; undefined when it cannot be read. */
export function readTextFileSync(absPath: string): string | undefined {
  try {
    const text = readFileSync(absPath, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
