/**
 * What each study file held when we last read or wrote it: the base for detecting others' changes
 * and for the three-way merge. A codings file that parsed is kept as its records (the very objects
 * the study holds: records are never changed in place, a change makes a new one) plus its length,
 * not as its text: the texts of every codings file were a third of the heap with a study loaded
 * and, surviving the open, most of its garbage collection. Only the project file and a codings
 * file that did not parse keep their text.
 *
 * "Unchanged" is decided as before by the text: the file on disk is its records as Codeboom writes
 * them (what it wrote itself, and what it reads as a rule). A file that is not laid out that way
 * is parsed and compared record by record, in order: the same records are the same file.
 */
import type { Coding } from '../model';
import { parseCodingFile } from '../schema';
import { serializeCodingFile } from '../serialize';

export interface KnownCodings {
  readonly document: string;
  readonly coder: string;
  readonly codings: readonly Coding[];
}

type Entry = { readonly text: string } | (KnownCodings & { readonly length: number; text?: undefined });

const FIELDS = ['id', 'start', 'end', 'quote', 'prefix', 'suffix', 'created', 'modified', 'memo'] as const;

function sameCoding(a: Coding, b: Coding): boolean {
  for (const k of FIELDS) {
    if (a[k] !== b[k]) {
      return false;
    }
  }
  if ((a.orphaned === true) !== (b.orphaned === true) || a.codes.length !== b.codes.length) {
    return false;
  }
  return a.codes.every((code, i) => code === b.codes[i]);
}

/** Whether two lists hold the same records in the same order. */
export function sameCodings(a: readonly Coding[], b: readonly Coding[]): boolean {
  return a.length === b.length && a.every((c, i) => sameCoding(c, b[i]));
}

export class KnownFiles {
  private readonly entries = new Map<string, Entry>();

  /** A file as text (the project file; a codings file that did not parse). */
  setText(path: string, text: string): void {
    this.entries.set(path, { text });
  }

  /** A codings file as its records; `length`: of its text, when known (a quick "changed"). */
  setCodings(path: string, known: KnownCodings, length = -1): void {
    this.entries.set(path, { document: known.document, coder: known.coder, codings: known.codings, length });
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  delete(path: string): void {
    this.entries.delete(path);
  }

  /** The text kept for a file, when it is kept as text. */
  text(path: string): string | undefined {
    return this.entries.get(path)?.text;
  }

  /** The records of a codings file as last read or written: the base of a merge. */
  codings(path: string): KnownCodings | undefined {
    const e = this.entries.get(path);
    if (e === undefined) {
      return undefined;
    }
    if (e.text === undefined) {
      return e;
    }
    const parsed = parseCodingFile(path, e.text);
    return parsed.ok ? parsed.value : undefined;
  }

  /** Whether `text` (undefined: no file) is what the file held when last read or written. */
  same(path: string, text: string | undefined): boolean {
    const e = this.entries.get(path);
    if (e === undefined || text === undefined) {
      return e === undefined && text === undefined;
    }
    if (e.text !== undefined) {
      return e.text === text;
    }
    if ((e.length < 0 || e.length === text.length) && serializeCodingFile(e.document, e.coder, e.codings) === text) {
      return true;
    }
    const parsed = parseCodingFile(path, text);
    return (
      parsed.ok && parsed.value.document === e.document && parsed.value.coder === e.coder && sameCodings(parsed.value.codings, e.codings)
    );
  }
}
