import * as vscode from 'vscode';
import type { FileStat, FileSystemPort } from '../core/port';

/** The core's file port over `vscode.workspace.fs`, rooted at the study folder. */
export class VscodeFileSystem implements FileSystemPort {
  constructor(readonly root: vscode.Uri) {}

  uri(path: string): vscode.Uri {
    return path ? vscode.Uri.joinPath(this.root, ...path.split('/')) : this.root;
  }

  /** The study-relative path of a URI inside the study, else undefined. */
  relative(uri: vscode.Uri): string | undefined {
    const root = this.root.path.replace(/\/$/, '') + '/';
    if (uri.scheme !== this.root.scheme || uri.authority !== this.root.authority || !uri.path.startsWith(root)) {
      return undefined;
    }
    return uri.path.slice(root.length);
  }

  async readFile(path: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.uri(path));
  }

  writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    return writeUriAtomic(this.uri(path), data);
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      return { mtime: s.mtime, size: s.size };
    } catch (e) {
      // Only a missing file is "not there"; any other error must not be taken for a deletion.
      if (e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'FileNotADirectory')) {
        return undefined;
      }
      throw e;
    }
  }

  async readDirectory(path: string): Promise<ReadonlyArray<readonly [string, 'file' | 'directory']>> {
    try {
      const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
      return entries
        .filter(([, type]) => (type & (vscode.FileType.File | vscode.FileType.Directory)) !== 0)
        .map(([name, type]) => [name, type & vscode.FileType.Directory ? 'directory' : 'file'] as const);
    } catch {
      return [];
    }
  }

  async delete(path: string): Promise<void> {
    await vscode.workspace.fs.delete(this.uri(path));
  }
}

/** Writes a file atomically: a temporary file beside the target, then a rename over it. */
export async function writeUriAtomic(target: vscode.Uri, data: Uint8Array): Promise<void> {
  const dir = vscode.Uri.joinPath(target, '..');
  await vscode.workspace.fs.createDirectory(dir);
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  const tmp = vscode.Uri.joinPath(dir, `.${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.tmp`);
  await vscode.workspace.fs.writeFile(tmp, data);
  try {
    await vscode.workspace.fs.rename(tmp, target, { overwrite: true });
  } catch (e) {
    await vscode.workspace.fs.delete(tmp).then(undefined, () => undefined);
    throw e;
  }
}
