/**
 * Reading and writing a study through a {@link FileSystemPort}. Files are the database:
 *  - `codeboom.json` at the study root (codebook, catalogues, links, cases, schema version);
 *  - `.codeboom/codings/<transcript path>.<coder>.json`, one small file per transcript and coder;
 *  - the transcripts themselves, which are only ever read.
 * Every read is validated; a bad codings file opens the study read-only and nothing is written.
 * Before a write, the file on disk is compared with what was last read or written; if someone else
 * changed it meanwhile, their records and ours are merged record by record instead of overwritten.
 */
import type { Coding } from '../model';
import type { FileSystemPort } from '../port';
import { append, encodeText } from '../port';
import { isWithin } from '../paths';
import type { FileProblem } from '../schema';
import { PROJECT_FILE, StudyFileError, parseCodingFile, parseProjectFile } from '../schema';
import { codingFilePath, serializeCodingFile, serializeProject } from '../serialize';
import { Study, partitionKey, splitPartitionKey } from '../study';
import { makeAnchor, reanchor, reanchorAll } from '../anchor';
import { readMergeConflictProblems } from './mergeConflicts';
import {
  findFiles,
  isCodingFilePath,
  isTranscriptPath,
  readAll,
  readStudyFile,
  readText,
  readTranscript,
  removeLeftovers,
  studyFolders,
  withLock,
} from './files';
import { collectCodings, missingTranscripts, readCodingFiles, readProject, readTranscripts } from './load';
import { KnownFiles } from './known';
import { mergeCodings, mergeProject } from './merge';
import { idClash, misplacedCodingFile, warningsOf } from './problems';
import type { FileChange, LoadResult, ReanchorSummary } from './types';

/**
 * Whether the coding's quote is the text at its offsets. A slice, not startsWith: V8 makes a slice
 * of 13 or more characters a view of the text (no copy), and startsWith with a position was 3× slower
 * over the 50,000 codings of the bench study.
 */
function quoteHolds(text: string, c: Coding): boolean {
  return text.slice(c.start, c.end) === c.quote;
}

function someOf<T>(items: Iterable<T>, test: (item: T) => boolean): boolean {
  for (const item of items) {
    if (test(item)) {
      return true;
    }
  }
  return false;
}

export class StudyStore {
  /** What each file held when we last read or wrote it: the base for detecting others' changes. */
  private readonly known = new KnownFiles();
  private readonly texts = new Map<string, string>();

  private constructor(
    readonly fs: FileSystemPort,
    readonly study: Study,
  ) {}

  /** Opens a study. Throws {@link StudyFileError} when the project file is missing or malformed. */
  static async open(fs: FileSystemPort): Promise<{ store: StudyStore } & LoadResult> {
    const { project, text: projectText } = await readProject(fs);
    const problems: FileProblem[] = [];
    await removeLeftovers(fs);
    // The transcripts first: the codings' quotes are then views of their text, not copies.
    const { documents, texts, unreadable } = await readTranscripts(fs, project, problems);
    const codingFiles = await readCodingFiles(fs, project, problems, texts);
    const { codings, known, perDoc } = collectCodings(codingFiles, unreadable, problems);

    const study = new Study(project, documents, codings);
    const store = new StudyStore(fs, study);
    store.known.setText(PROJECT_FILE, projectText);
    for (const [path, base] of known) {
      if (typeof base === 'string') {
        store.known.setText(path, base);
      } else {
        store.known.setCodings(path, base, base.length);
      }
    }
    for (const [k, v] of texts) {
      store.texts.set(k, v);
    }
    const reanchored: ReanchorSummary[] = [];
    for (const doc of study.documents) {
      const summary = store.reanchorDocument(doc.path, texts.get(doc.path)!);
      if (summary) {
        reanchored.push(summary);
      }
    }
    // Codings of a transcript that is missing are kept as they are (not re-anchored, not rewritten):
    // they come back with it.
    const missing = missingTranscripts(perDoc, texts);
    // What a git merge of codeboom.json left for a person (the merge driver recorded it): warnings.
    append(problems, await readMergeConflictProblems(fs, project));
    if (problems.some((p) => p.severity !== 'warning')) {
      study.readOnly = true;
    }
    return { store, study, problems, reanchored, missing };
  }

  /** Whether a path lies in one of the project's transcript folders. */
  inTranscriptFolders(path: string): boolean {
    return studyFolders(this.study.project.transcriptFolders).some((folder) => isWithin(path, folder));
  }

  /** The transcript's text as last read from disk or reported by the editor. */
  text(doc: string): string | undefined {
    return this.texts.get(doc);
  }

  setText(doc: string, text: string): void {
    this.texts.set(doc, text);
  }

  /**
   * Finds the codings of a transcript again in its current text (after a change made outside the
   * editor). Returns undefined when every coding was where it was.
   */
  reanchorDocument(doc: string, text: string): ReanchorSummary | undefined {
    this.texts.set(doc, text);
    this.study.reanchorHistory(doc, (c) => {
      if (quoteHolds(text, c)) {
        return c;
      }
      const r = reanchor(text, c);
      return r.status === 'orphaned' ? { ...c, orphaned: true } : { ...c, ...makeAnchor(text, r.start, r.end) };
    });
    if (!someOf(this.study.codingsIndex.unorderedOfDoc(doc), (c) => c.orphaned === true || !quoteHolds(text, c))) {
      return undefined;
    }
    const codings = this.study.codingsOf(doc);
    const report = reanchorAll(text, codings);
    const updates: Array<{ id: string; patch: Partial<Coding> }> = [];
    let moved = 0;
    let fuzzy = 0;
    let orphaned = 0;
    for (const { item, resolution } of report.results) {
      if (resolution.status === 'unchanged') {
        if (item.orphaned) {
          updates.push({ id: item.id, patch: { orphaned: undefined } });
        }
        continue;
      }
      if (resolution.status === 'orphaned') {
        if (!item.orphaned) {
          orphaned++;
          updates.push({ id: item.id, patch: { orphaned: true } });
        }
        continue;
      }
      if (resolution.status === 'moved') {
        moved++;
      } else {
        fuzzy++;
      }
      const a = makeAnchor(text, resolution.start, resolution.end);
      updates.push({ id: item.id, patch: { ...a, orphaned: undefined } });
    }
    if (updates.length === 0) {
      return undefined;
    }
    // Also when read-only: the study then shows what it reports, and save() writes nothing.
    this.study.setAnchors(doc, updates as Array<{ id: string; patch: Record<string, never> }>);
    return { doc, moved, fuzzy, orphaned };
  }

  /** Refreshes quote, prefix and suffix of a transcript's codings from its current text (before saving). */
  refreshQuotes(doc: string, text: string): void {
    this.texts.set(doc, text);
    const updates: Array<{ id: string; patch: Partial<Coding> }> = [];
    for (const c of this.study.codingsOf(doc)) {
      if (c.orphaned || c.end > text.length) {
        continue;
      }
      const a = makeAnchor(text, c.start, c.end);
      if (a.quote !== c.quote || a.prefix !== c.prefix || a.suffix !== c.suffix) {
        updates.push({ id: c.id, patch: { quote: a.quote, prefix: a.prefix, suffix: a.suffix } });
      }
    }
    this.study.setAnchors(doc, updates as Array<{ id: string; patch: Record<string, never> }>);
  }

  get isDirty(): boolean {
    return this.study.projectDirty || this.study.dirtyPartitions.size > 0;
  }

  /** Writes what changed: only the files of changed partitions, and the project file if needed. */
  async save(): Promise<{ written: string[]; merged: string[] }> {
    if (this.study.readOnly) {
      return { written: [], merged: [] };
    }
    const written: string[] = [];
    const merged: string[] = [];
    if (this.study.projectDirty) {
      const path = PROJECT_FILE;
      // Read, merge and write under the file's lock: another writer's save lands before or after ours, never in between.
      await withLock(this.fs, path, async () => {
        const onDisk = await readText(this.fs, path);
        if (onDisk !== undefined && this.known.has(path) && onDisk !== this.known.text(path)) {
          // Someone else changed the project file: their changes and ours are merged, not overwritten.
          this.mergeProjectFromDisk(onDisk);
          merged.push(path);
        }
        // What is written is what is in memory now; a change made while it is written stays dirty.
        const text = serializeProject(this.study.project);
        const check = parseProjectFile(path, text);
        if (!check.ok) {
          // Never write a project file that would not open again.
          throw new StudyFileError(check.problems);
        }
        this.study.projectDirty = false;
        if (text !== onDisk) {
          try {
            await this.fs.writeFileAtomic(path, encodeText(text));
          } catch (e) {
            this.study.projectDirty = true;
            throw e;
          }
          written.push(path);
        }
        this.known.setText(path, text);
      });
    }
    // A file that cannot be saved holds back only its own codings: the others are written, then the
    // failures are thrown together (the failed partitions stay dirty).
    const failures: unknown[] = [];
    for (const key of [...this.study.dirtyPartitions]) {
      const { doc, coder } = splitPartitionKey(key);
      const path = codingFilePath(doc, coder);
      try {
        await withLock(this.fs, path, () => this.savePartition(key, doc, coder, path, written, merged));
      } catch (e) {
        failures.push(e);
      }
    }
    if (failures.length > 0) {
      const other = failures.find((e) => !(e instanceof StudyFileError));
      throw other ?? new StudyFileError(failures.flatMap((e) => (e as StudyFileError).problems));
    }
    return { written, merged };
  }

  /** Reads, merges and writes one codings file (under its lock). Throws when it cannot be saved; the partition then stays dirty. */
  private async savePartition(key: string, doc: string, coder: string, path: string, written: string[], merged: string[]): Promise<void> {
    const onDisk = await readText(this.fs, path);
    // Taken after the read and cleaned below without awaiting in between: a change made while
    // the file is read or written is not marked saved.
    let ours = this.study.partitionCodings(doc, coder);
    if (!this.known.same(path, onDisk)) {
      // Changed on disk, or deleted there (git checkout): then the records we did not change go.
      const theirs = onDisk === undefined ? ({ ok: true, value: { codings: [] } } as const) : parseCodingFile(path, onDisk);
      if (!theirs.ok) {
        // If theirs is malformed we keep ours in memory and do not write: nothing on disk is lost.
        throw new StudyFileError(theirs.problems);
      }
      ours = mergeCodings(this.known.codings(path)?.codings ?? [], ours, theirs.value.codings);
      this.study.replacePartition(doc, coder, ours);
      merged.push(path);
    }
    this.study.dirtyPartitions.delete(key);
    if (ours.length === 0 && onDisk === undefined) {
      this.known.delete(path);
      return;
    }
    const text = serializeCodingFile(doc, coder, ours);
    if (text !== onDisk) {
      try {
        await this.fs.writeFileAtomic(path, encodeText(text));
      } catch (e) {
        this.study.dirtyPartitions.add(key);
        throw e;
      }
      written.push(path);
    }
    this.known.setCodings(path, { document: doc, coder, codings: ours }, text.length);
  }

  /**
   * Deletes the saved codings files of these partitions that hold no codings any more (their codings
   * followed a renamed transcript): git then sees the file renamed, not emptied. Returns the deleted paths.
   */
  async removeEmptyCodingFiles(partitions: ReadonlyArray<{ doc: string; coder: string }>): Promise<string[]> {
    const removed: string[] = [];
    for (const { doc, coder } of partitions) {
      const path = codingFilePath(doc, coder);
      if (this.study.partitionCodings(doc, coder).length > 0 || this.study.dirtyPartitions.has(partitionKey(doc, coder))) {
        continue;
      }
      await withLock(this.fs, path, async () => {
        const text = await readText(this.fs, path);
        const parsed = text === undefined ? undefined : parseCodingFile(path, text);
        if (parsed?.ok && parsed.value.codings.length === 0) {
          await this.fs.delete(path);
          this.known.delete(path);
          removed.push(path);
        }
      });
    }
    return removed;
  }

  /** Takes in the transcripts of the project's folders now (they changed), and takes out the others. */
  private async rescanTranscripts(): Promise<void> {
    const paths = await findFiles(this.fs, this.study.project.transcriptFolders, isTranscriptPath);
    const found = new Set(paths);
    const added = paths.filter((p) => !this.study.document(p));
    const texts = await Promise.all(added.map((p) => readAll(this.fs, p)));
    const kept = this.study.documents.filter((d) => found.has(d.path));
    for (const d of this.study.documents) {
      if (!found.has(d.path)) {
        this.texts.delete(d.path);
      }
    }
    this.study.setDocuments([...kept, ...added.map((p, i) => readTranscript(p, texts[i]))]);
    added.forEach((p, i) => this.reanchorDocument(p, texts[i]));
  }

  /** Merges codeboom.json as it is on disk now with the unsaved codebook changes; the result is still to be saved. */
  private mergeProjectFromDisk(text: string): void {
    const theirs = parseProjectFile(PROJECT_FILE, text);
    if (!theirs.ok) {
      throw new StudyFileError(theirs.problems);
    }
    const ours = this.study.project;
    const base = parseProjectFile(PROJECT_FILE, this.known.text(PROJECT_FILE) ?? '');
    const used = new Set<string>();
    for (const c of this.study.allCodings()) {
      c.codes.forEach((code) => used.add(code));
    }
    const merged = mergeProject(base.ok ? base.value : theirs.value, ours, theirs.value, used);
    this.known.setText(PROJECT_FILE, text);
    this.study.replaceProject(merged);
    this.study.projectDirty = true;
  }

  private codingsWithUnknownCodes(): FileProblem[] {
    const problems: FileProblem[] = [];
    const seen = new Set<string>();
    for (const c of this.study.allCodings()) {
      const key = partitionKey(c.doc, c.coder);
      if (seen.has(key) || c.codes.every((code) => this.study.code(code))) {
        continue;
      }
      seen.add(key);
      const file = codingFilePath(c.doc, c.coder);
      this.study.partitionCodings(c.doc, c.coder).forEach((x, i) =>
        x.codes.forEach((code, j) => {
          if (!this.study.code(code)) {
            problems.push({ file, path: ['codings', i, 'codes', j], message: `unknown code id "${code}"` });
          }
        }),
      );
    }
    return problems;
  }

  /**
   * A study file changed on disk (git pull, another coder, another editor). Our own writes are
   * recognised and ignored. Returns what happened, for the user.
   */
  async fileChanged(path: string): Promise<FileChange> {
    // A file that became unreadable (not UTF-8, say) is reported; nothing is re-anchored to garbage.
    const text = await readStudyFile(this.fs, path);
    if (path === PROJECT_FILE) {
      return text === undefined || text === this.known.text(path) ? { kind: 'ignored' } : this.projectFileChanged(text);
    }
    if (isCodingFilePath(path)) {
      if (this.known.same(path, text)) {
        return { kind: 'ignored' };
      }
      return text === undefined ? this.codingsFileRemoved(path) : this.codingsFileChanged(path, text);
    }
    if (isTranscriptPath(path) && this.inTranscriptFolders(path)) {
      return text === undefined ? this.transcriptRemoved(path) : this.transcriptChanged(path, text);
    }
    return { kind: 'ignored' };
  }

  /** codeboom.json changed on disk: merged with our unsaved changes, or taken as it is. */
  private async projectFileChanged(text: string): Promise<FileChange> {
    const path = PROJECT_FILE;
    const folders = this.study.project.transcriptFolders;
    if (this.study.projectDirty) {
      this.mergeProjectFromDisk(text);
    } else {
      const parsed = parseProjectFile(path, text);
      if (!parsed.ok) {
        throw new StudyFileError(parsed.problems);
      }
      this.known.setText(path, text);
      this.study.replaceProject(parsed.value);
    }
    if (JSON.stringify(folders) !== JSON.stringify(this.study.project.transcriptFolders)) {
      await this.rescanTranscripts();
    }
    // Codings that use a code the new codebook lacks would make their file invalid: nothing is
    // written until that is sorted out (a codings file of the same git pull may still come).
    const unknown = this.codingsWithUnknownCodes();
    if (unknown.length > 0) {
      this.study.readOnly = true;
      throw new StudyFileError(unknown);
    }
    return { kind: 'project' };
  }

  /** A codings file was deleted on disk. */
  private codingsFileRemoved(path: string): FileChange {
    const baseData = this.known.codings(path);
    this.known.delete(path);
    const m = /^\.codeboom\/codings\/(.+)\.([^./]+)\.json$/.exec(path);
    const owner = baseData ?? (m ? { document: m[1], coder: m[2] } : undefined);
    if (owner) {
      const key = partitionKey(owner.document, owner.coder);
      const dirty = this.study.dirtyPartitions.has(key);
      // Deleted on disk: the records we did not change go; what we added or changed and did not save yet stays, to be written again.
      const kept = dirty ? mergeCodings(baseData?.codings ?? [], this.study.partitionCodings(owner.document, owner.coder), []) : [];
      this.study.replacePartition(owner.document, owner.coder, kept);
      if (kept.length > 0) {
        this.study.dirtyPartitions.add(key);
      }
    }
    return { kind: 'removed' };
  }

  /** A codings file changed on disk: taken in, merged with our unsaved changes of it. */
  private codingsFileChanged(path: string, text: string): FileChange {
    const codes = new Map(this.study.codes.map((c) => [c.id, c.id]));
    const parsed = parseCodingFile(path, text, codes);
    if (!parsed.ok) {
      throw new StudyFileError(parsed.problems);
    }
    const { document, coder } = parsed.value;
    const misplaced = misplacedCodingFile(path, document, coder);
    const clashes = parsed.value.codings.flatMap((c, i) => {
      const other = this.study.coding(c.id);
      return other && (other.doc !== document || other.coder !== coder)
        ? [idClash(path, i, c.id, codingFilePath(other.doc, other.coder))]
        : [];
    });
    if (misplaced || clashes.length > 0) {
      throw new StudyFileError(misplaced ? [misplaced] : clashes);
    }
    const key = partitionKey(document, coder);
    let next = parsed.value.codings;
    const dirty = this.study.dirtyPartitions.has(key);
    if (dirty) {
      next = mergeCodings(this.known.codings(path)?.codings ?? [], this.study.partitionCodings(document, coder), next);
    }
    this.known.setCodings(path, parsed.value, text.length);
    this.study.replacePartition(document, coder, next);
    if (dirty) {
      // replacePartition marks it clean; our unsaved changes are merged in but not on disk yet.
      this.study.dirtyPartitions.add(key);
    }
    // Its offsets may be those of another version of the transcript (a colleague's, a pull not
    // finished yet): its codings are found again in the text we have, or orphaned.
    const transcript = this.texts.get(document);
    const reanchored = transcript !== undefined ? this.reanchorDocument(document, transcript) : undefined;
    return reanchored ? { kind: 'codings', reanchored } : { kind: 'codings' };
  }

  /** A transcript was deleted on disk. */
  private transcriptRemoved(path: string): FileChange {
    this.texts.delete(path);
    this.study.setDocuments(this.study.documents.filter((d) => d.path !== path));
    // Its codings stay (in memory and on disk) until the transcript is back.
    const kept = this.study.codingsOf(path).length;
    return kept > 0 ? { kind: 'removed', missing: { doc: path, codings: kept }, warnings: [] } : { kind: 'removed', warnings: [] };
  }

  /** A transcript changed on disk: saved from the editor, or changed outside it (its codings are found again). */
  private transcriptChanged(path: string, text: string): FileChange {
    if (text === this.texts.get(path)) {
      // Saved from the editor: the codings followed the typing already, but the front matter may be new.
      const transcript = readTranscript(path, text);
      if (JSON.stringify(transcript) === JSON.stringify(this.study.document(path))) {
        return { kind: 'ignored' };
      }
      this.study.setDocument(transcript);
      return { kind: 'transcript', warnings: warningsOf(path, text) };
    }
    this.study.setDocument(readTranscript(path, text));
    const reanchored = this.reanchorDocument(path, text);
    return reanchored
      ? { kind: 'transcript', reanchored, warnings: warningsOf(path, text) }
      : { kind: 'transcript', warnings: warningsOf(path, text) };
  }
}
