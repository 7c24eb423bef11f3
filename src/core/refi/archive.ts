/** Where things are in a .qdpx as real tools write it: the .qde under varying names, sources in varying folders. */
import { RefiError } from './errors';
import type { ZipEntry, ZipReader } from './zip';

/** `project.qde`, `Project.qde`, or any single `*.qde` (ATLAS.ti 26 names it after the project). */
export function findProjectEntry(zip: ZipReader): ZipEntry {
  const qde = zip.files.filter((e) => e.name.toLowerCase().endsWith('.qde'));
  const atRoot = qde.filter((e) => !e.name.includes('/'));
  const named =
    atRoot.find((e) => e.name.toLowerCase() === 'project.qde') ?? qde.find((e) => e.name.toLowerCase().endsWith('/project.qde'));
  if (named) {
    return named;
  }
  if (atRoot.length === 1) {
    return atRoot[0];
  }
  if (atRoot.length === 0 && qde.length === 1) {
    return qde[0];
  }
  if (qde.length === 0) {
    throw new RefiError('The archive holds no project.qde (nor any other .qde file): it is not a REFI-QDA project.');
  }
  throw new RefiError(`The archive holds several .qde files (${qde.map((e) => e.name).join(', ')}) and none is named project.qde.`);
}

/**
 * Resolves a source path of the .qde (`internal://x.txt`, `relative:///dir/x.txt`,
 * `absolute:///C:/x.txt`, `file:///…` or a bare `x.txt`) to an archive entry: in the sources
 * folder (`sources/` or `Sources/`, any case) first, by its full relative path, then by file name.
 */
export class SourceIndex {
  private readonly byPath = new Map<string, ZipEntry>();
  private readonly byName = new Map<string, ZipEntry[]>();

  constructor(zip: ZipReader, projectEntry: ZipEntry) {
    const base = projectEntry.name.includes('/') ? projectEntry.name.slice(0, projectEntry.name.lastIndexOf('/') + 1) : '';
    for (const e of zip.files) {
      if (e === projectEntry || !e.name.toLowerCase().startsWith(base.toLowerCase())) {
        continue;
      }
      const rel = e.name.slice(base.length);
      const lower = rel.toLowerCase();
      this.byPath.set(lower, e);
      if (lower.startsWith('sources/')) {
        this.byPath.set(lower.slice('sources/'.length), this.byPath.get(lower.slice('sources/'.length)) ?? e);
      }
      const name = lower.slice(lower.lastIndexOf('/') + 1);
      this.byName.set(name, [...(this.byName.get(name) ?? []), e]);
    }
  }

  resolve(path: string | undefined): ZipEntry | undefined {
    if (!path) {
      return undefined;
    }
    let p = path.trim().replace(/\\/g, '/');
    p = p.replace(/^(internal|relative|absolute|file):\/*/i, '');
    if (/%[0-9a-fA-F]{2}/.test(p)) {
      try {
        p = decodeURIComponent(p);
      } catch {
        // not URL-encoded after all
      }
    }
    p = p.replace(/^\/+/, '').replace(/^\.\//, '');
    const lower = p.toLowerCase();
    const direct = this.byPath.get(`sources/${lower}`) ?? this.byPath.get(lower);
    if (direct) {
      return direct;
    }
    const name = lower.slice(lower.lastIndexOf('/') + 1);
    const same = this.byName.get(name) ?? [];
    return same.find((e) => e.name.toLowerCase().includes('sources/')) ?? same[0];
  }
}
