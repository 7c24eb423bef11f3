/**
 * The local disk of the desktop build (Node's fs: the CLI's lock file, atomic write, leftovers and
 * symbolic-link rule), used by the file port for `file:` URIs. The browser build has no local disk:
 * scripts/build.mjs puts localDisk.web.ts in this module's place there.
 */
import { StudyLinks } from '../node/studyLinks';
import { lockFile, removeLeftovers, writeFileAtomicAt } from '../node/studyFiles';
import type { FileLock } from '../core/port';

export interface LocalDisk {
  /** The symbolic-link rule of the study folder at `root` (an fsPath). */
  links(root: string): Pick<StudyLinks, 'resolvesInside' | 'linkKind'>;
  lockFile(target: string, display: string): Promise<FileLock>;
  removeLeftovers(folder: string): Promise<string[]>;
  writeFileAtomicAt(target: string, data: Uint8Array, display: string): Promise<void>;
}

export const LOCAL_DISK: LocalDisk | undefined = {
  links: (root) => new StudyLinks(root),
  lockFile,
  removeLeftovers,
  writeFileAtomicAt,
};
