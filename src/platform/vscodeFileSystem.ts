import * as vscode from 'vscode';
import type { EntryKind, FileLock, FileStat, FileSystemPort } from '../core/port';
import { OutsideStudyError } from '../core/port';
import { studyPath } from '../core/paths';
import { StudyFileError } from '../core/schema';
import type { LocalDisk } from './localDisk';
import { LOCAL_DISK } from './localDisk';

/**
 * The core's file port over `vscode.workspace.fs`, rooted at the study folder. Paths pass the
 * study path rule (core/paths.ts). On a local disk a symbolic link is followed when its realpath is
 * inside the study and not otherwise (the CLI's rule); elsewhere (remote, virtual, the browser) links are not followed.
 */
export class VscodeFileSystem implements FileSystemPort {
  private readonly links: ReturnType<LocalDisk['links']> | undefined;

  constructor(readonly root: vscode.Uri) {
    this.links = localDiskOf(root)?.links(root.fsPath);
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
    return writeUriAtomic(await this.inside(path), data, path);
  }

  /**
   * On a local disk (`file:`) the same lock file as the CLI's (Node fs: the extension host runs on
   * Node), so a window and the CLI or another window take turns. `vscode.workspace.fs` has no
   * exclusive create, so on other schemes (remote, virtual) there is no lock: the save relies on
   * the three-way merge alone, and two saves at the same moment can still lose one side there.
   */
  async lock(path: string): Promise<FileLock> {
    const target = await this.inside(path);
    const disk = localDiskOf(target);
    return disk ? disk.lockFile(target.fsPath, path) : { release: async () => undefined };
  }

  async removeLeftovers(path: string): Promise<string[]> {
    const folder = await this.inside(path);
    return localDiskOf(folder)?.removeLeftovers(folder.fsPath) ?? [];
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

/**
 * Writes a file atomically: a temporary file beside the target, then a rename over it. A target
 * that is read-only on disk is refused, not replaced. Local files go through the same function as
 * the CLI's (src/node/studyFiles.ts); other schemes, and every file in the browser, through `vscode.workspace.fs`.
 */
export async function writeUriAtomic(
  target: vscode.Uri,
  data: Uint8Array,
  display: string = target.scheme === 'file' ? target.fsPath : target.toString(),
): Promise<void> {
  const disk = localDiskOf(target);
  if (disk) {
    return disk.writeFileAtomicAt(target.fsPath, data, display);
  }
  const dir = vscode.Uri.joinPath(target, '..');
  await vscode.workspace.fs.createDirectory(dir);
  const existing = await vscode.workspace.fs.stat(target).then(
    (s) => s,
    () => undefined,
  );
  if (existing?.permissions !== undefined && (existing.permissions & vscode.FilePermission.Readonly) !== 0) {
    throw new StudyFileError([
      {
        file: display,
        path: [],
        message:
          'is read-only, so it was not overwritten; nothing was written and the changes are kept unsaved. Make the file writable and save again',
      },
    ]);
  }
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  const tail = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const tmp = vscode.Uri.joinPath(dir, `.${name}.${tail}.tmp`);
  await vscode.workspace.fs.writeFile(tmp, data);
  try {
    await vscode.workspace.fs.rename(tmp, target, { overwrite: true });
  } catch (e) {
    await vscode.workspace.fs.delete(tmp).then(undefined, () => undefined);
    throw e;
  }
}

/** Node's local disk for a `file:` URI in the desktop build; undefined elsewhere (other schemes, the browser). */
function localDiskOf(uri: vscode.Uri): LocalDisk | undefined {
  return uri.scheme === 'file' ? LOCAL_DISK : undefined;
}
