import { promises as fsp, readFileSync } from 'fs';
import * as path from 'path';
import type { FileStat, FileSystemPort } from '../core/port';
import { decodeText } from '../core/port';

/** The core's file port over Node's fs, rooted at a folder. Used by the CLI, tests and benchmarks. */
export class NodeFileSystem implements FileSystemPort {
  constructor(readonly root: string) {}

  abs(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  readFile(rel: string): Promise<Uint8Array> {
    return fsp.readFile(this.abs(rel));
  }

  async readText(rel: string): Promise<string> {
    // Not readFile(…, 'utf8'): that replaces bytes that are not UTF-8 with U+FFFD, silently.
    return decodeText(await fsp.readFile(this.abs(rel)), rel);
  }

  async writeFileAtomic(rel: string, data: Uint8Array): Promise<void> {
    const target = this.abs(rel);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    await fsp.writeFile(tmp, data);
    try {
      await fsp.rename(tmp, target);
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
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

/** A file's UTF-8 text without a BOM, read at once; undefined when it cannot be read or is not UTF-8. */
export function readTextFileSync(absPath: string): string | undefined {
  try {
    return decodeText(readFileSync(absPath), absPath);
  } catch {
    return undefined;
  }
}
