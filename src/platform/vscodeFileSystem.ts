import * as vscode from 'vscode';
import type { EntryKind, FileStat, FileSystemPort } from '../core/port';
import { OutsideStudyError } from '../core/port';
import { studyPath } from '../core/paths';
import { StudyLinks } from '../node/studyLinks';

/**
 * The core's file port over `vscode.workspace.fs`, rooted at the study folder. Paths pass the
 * study path rule (core/paths.ts). On a local disk a symbolic link is followed when its realpath is
 * inside the study and not otherwise (the CLI's rule); elsewhere (remote, virtual) links are not followed.
 */
export class VscodeFileSystem implements FileSystemPort {
  private readonly links: StudyLinks | undefined;

  constructor(readonly root: vscode.Uri) {
    this.links = root.scheme === 'file' ? new StudyLinks(root.fsPath) : undefined;
  }

  uri(path: string): vscode.Uri {
    const rel = studyPath(path, { allowRoot: true });
    return rel ? vscode.Uri.joinPath(this.root, ...rel.split('/')) : this.root;
  }

  /** The URI of a study path that resolves inside the study, else an {@link OutsideStudyError}. */
  private async inside(path: string): Promise<vscode.Uri> {
    const uri = this.uri(path);
    if (this.links && !(await this.links.resolvesInside(uri.fsPath))) {
      throw new OutsideStudyError(path);
    }
    return uri;
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
    return vscode.workspace.fs.readFile(await this.inside(path));
  }

  async writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    return writeUriAtomic(await this.inside(path), data);
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(await this.inside(path));
      return { mtime: s.mtime, size: s.size };
    } catch (e) {
      // Only a missing file is "not there"; any other error must not be taken for a deletion.
      if (e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'FileNotADirectory')) {
        return undefined;
      }
      throw e;
    }
  }

  async readDirectory(path: string): Promise<ReadonlyArray<readonly [string, EntryKind]>> {
    const folder = await this.inside(path);
    let entries: Array<[string, vscode.FileType]>;
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch {
      return [];
    }
    const out: Array<readonly [string, EntryKind]> = [];
    for (const [name, type] of entries) {
      if (type & vscode.FileType.SymbolicLink) {
        const kind = this.links ? await this.links.linkKind(vscode.Uri.joinPath(folder, name).fsPath, folder.fsPath) : 'unfollowed-link';
        out.push([name, kind]);
      } else if (type & (vscode.FileType.File | vscode.FileType.Directory)) {
        out.push([name, type & vscode.FileType.Directory ? 'directory' : 'file']);
      }
    }
    return out;
  }

  async delete(path: string): Promise<void> {
    await vscode.workspace.fs.delete(await this.inside(path));
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
