/**
 * The only way the core touches storage. Paths are POSIX-style and relative to the study root
 * ("codeboom.json", ".codeboom/codings/transcripts/A-1.md.eva.json"). The extension adapts
 * `vscode.workspace.fs`, the CLI adapts Node's fs, tests use {@link MemoryFileSystem}.
 */
import { StudyFileError } from './schema';
import * as l10n from '@vscode/l10n';
import { formatMessage } from './messages';

export interface FileStat {
  readonly mtime: number;
  readonly size: number;
}

/** An exclusive hold on one study file, taken for a read–merge–write. */
export interface FileLock {
  release(): Promise<void>;
}

export interface FileSystemPort {
  readFile(path: string): Promise<Uint8Array>;
  /** UTF-8 text of a file without a BOM; optional, for ports that decode faster than TextDecoder. Throws {@link NotUtf8Error}, never replaces bytes. */
  readText?(path: string): Promise<string>;
  /** Write via a temporary file and a rename, so a reader never sees half a file. */
  writeFileAtomic(path: string, data: Uint8Array): Promise<void>;
  stat(path: string): Promise<FileStat | undefined>;
  /**
   * Entries of a folder: name and kind. Missing folder → empty list. A symbolic link that resolves
   * inside the study is listed as what it leads to; one that is not followed as 'unfollowed-link'.
   * A folder that itself resolves outside the study throws {@link OutsideStudyError}.
   */
  readDirectory(path: string): Promise<ReadonlyArray<readonly [string, EntryKind]>>;
  delete(path: string): Promise<void>;
  /**
   * Takes the exclusive lock of a study file for a read–merge–write, waiting while another writer
   * (another window, the CLI) holds it; a lock left by a dead process is taken over. Rejects with
   * a StudyFileError naming the file when it cannot get the lock in reasonable time. A port without
   * it relies on the three-way merge alone (see docs/study-format.md, Safety).
   */
  lock?(path: string): Promise<FileLock>;
  /** Removes the temporary files a killed or failed write left in a folder (our own naming pattern, old or of a dead process). */
  removeLeftovers?(folder: string): Promise<string[]>;
}

/**
 * A folder entry's kind. 'unfollowed-link': a symbolic link that leads outside the study, nowhere,
 * or back into a folder above itself; it is neither read nor written through.
 */
export type EntryKind = 'file' | 'directory' | 'unfollowed-link';

/**
 * A path that resolves, through a symbolic link, outside the study: ports neither read nor write it.
 * Its message is a template in the display language (see messages.ts), so it reads as one sentence wherever it is shown.
 */
export class OutsideStudyError extends Error {
  readonly template = l10n.t(
    '{0} is a symbolic link (or lies under one) that leads outside the study; Codeboom does not follow it. Put the file in the study folder instead of a link to it.',
  );
  readonly args: readonly string[];
  /** What a problem about the path (which names the file) says. */
  readonly reason = 'is a symbolic link (or lies under one) that leads outside the study; it is not followed';
  constructor(readonly path: string) {
    super('');
    this.args = [path];
    this.message = formatMessage(this.template, path);
    this.name = 'OutsideStudyError';
  }
}

/** What a problem says about an entry that was not followed. */
export const UNFOLLOWED_LINK = 'is a symbolic link that leads outside the study (or nowhere, or to a folder above it); it is not followed';

const encoder = new TextEncoder();
// Strict: a lenient decoder turns every byte it cannot read into U+FFFD, and that replacement text
// would then be written back into stored quotes and memos.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function encodeText(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A file that is not UTF-8 text. Its message is a template in the display language (see messages.ts) that names the file and what it looks like. */
export class NotUtf8Error extends Error {
  readonly template = l10n.t(
    'The file {0} is not UTF-8 text (it looks like {1}). Codeboom reads and writes only UTF-8: save the file as UTF-8 and open the study again.',
  );
  readonly args: readonly string[];
  constructor(
    readonly file: string,
    readonly encoding: string,
  ) {
    super('');
    this.args = [file, encoding];
    this.message = formatMessage(this.template, ...this.args);
    this.name = 'NotUtf8Error';
  }
}

/** What a file that is not UTF-8 most likely is, for the message: a BOM tells UTF-16, zero bytes hint at it, else a single-byte Windows encoding. */
export function guessEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return 'UTF-16 LE';
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return 'UTF-16 BE';
  }
  let evenZeros = 0;
  let oddZeros = 0;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) {
        evenZeros++;
      } else {
        oddZeros++;
      }
    }
  }
  if (evenZeros + oddZeros > n / 8) {
    return evenZeros > oddZeros ? 'UTF-16 BE' : 'UTF-16 LE';
  }
  return 'Windows-1252/Latin-1';
}

/** Decodes UTF-8 and drops a leading BOM. Throws {@link NotUtf8Error} on bytes that are not UTF-8. */
export function decodeText(bytes: Uint8Array, file = '(unnamed)'): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new NotUtf8Error(file, guessEncoding(bytes));
  }
}

/**
 * Appends items one by one. `target.push(...items)` passes every item as an argument and overflows
 * the stack past ~125,000 of them (a lint rule forbids spreading into push, Math.max and the like).
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) {
    target.push(item);
  }
  return target;
}

/** The largest of the numbers and `floor` (Math.max(...xs) overflows the stack on a long list). */
export function maxOf(numbers: Iterable<number>, floor = -Infinity): number {
  let max = floor;
  for (const n of numbers) {
    if (n > max) {
      max = n;
    }
  }
  return max;
}

export function joinPath(...parts: string[]): string {
  return parts
    .filter((p) => p.length > 0 && p !== '.')
    .join('/')
    .replace(/\/+/g, '/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** In-memory file system for tests, benchmarks and the web. Records every write. */
export class MemoryFileSystem implements FileSystemPort {
  readonly files = new Map<string, { data: Uint8Array; mtime: number }>();
  readonly writes: string[] = [];
  private clock = 1;
  private readonly locks = new Map<string, Promise<void>>();
  /** How long {@link lock} waits for a lock held by another store before it gives up. */
  lockWaitMs = 1000;

  constructor(initial?: Record<string, string | Uint8Array>) {
    for (const [path, content] of Object.entries(initial ?? {})) {
      this.set(path, content);
    }
  }

  set(path: string, content: string | Uint8Array): void {
    const data = typeof content === 'string' ? encodeText(content) : content;
    this.files.set(path, { data, mtime: this.clock++ });
  }

  text(path: string): string | undefined {
    const f = this.files.get(path);
    return f ? decodeText(f.data, path) : undefined;
  }

  async readFile(path: string): Promise<Uint8Array> {
    const f = this.files.get(path);
    if (!f) {
      throw new Error(`File not found: ${path}`);
    }
    return f.data;
  }

  async writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    this.writes.push(path);
    this.files.set(path, { data: data.slice(), mtime: this.clock++ });
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const f = this.files.get(path);
    return f ? { mtime: f.mtime, size: f.data.byteLength } : undefined;
  }

  async readDirectory(path: string): Promise<ReadonlyArray<readonly [string, EntryKind]>> {
    const prefix = path === '' || path === '.' ? '' : path.replace(/\/$/, '') + '/';
    const out = new Map<string, 'file' | 'directory'>();
    for (const key of this.files.keys()) {
      if (!key.startsWith(prefix)) {
        continue;
      }
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) {
        out.set(rest, 'file');
      } else {
        out.set(rest.slice(0, slash), 'directory');
      }
    }
    return [...out.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  async delete(path: string): Promise<void> {
    this.files.delete(path);
  }

  /** One holder per path at a time, between the stores (and tests) sharing this file system. */
  async lock(path: string): Promise<FileLock> {
    const deadline = Date.now() + this.lockWaitMs;
    for (let held = this.locks.get(path); held; held = this.locks.get(path)) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = await Promise.race([
        held.then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), Math.max(0, deadline - Date.now())))),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        throw new StudyFileError([
          {
            file: path,
            path: [],
            message: 'is being saved by another writer; nothing was written and the changes are kept unsaved. Save again in a moment',
          },
        ]);
      }
    }
    let release!: () => void;
    this.locks.set(path, new Promise<void>((r) => (release = r)));
    return {
      release: async () => {
        this.locks.delete(path);
        release();
      },
    };
  }
}

/**
 * Reads a Word document's text (paragraphs separated by blank lines). The core cannot read .docx itself
 * (the reader, mammoth, needs Node): the extension and the CLI supply it (src/platform/docxText.ts).
 */
export type DocxTextReader = (bytes: Uint8Array) => Promise<string>;
