/**
 * Reading and writing a study through a {@link FileSystemPort}. Files are the database:
 *  - `codeboom.json` at the study root (codebook, catalogues, links, cases, schema version);
 *  - `.codeboom/codings/<transcript path>.<coder>.json`, one small file per transcript and coder;
 *  - the transcripts themselves, which are only ever read.
 * Every read is validated; a bad codings file opens the study read-only and nothing is written.
 * Before a write, the file on disk is compared with what was last read or written; if someone else
 * changed it meanwhile, their records and ours are merged record by record instead of overwritten.
 */
import type { Coding, ProjectData, TranscriptDocument } from './model';
import type { FileSystemPort } from './port';
import { OutsideStudyError, UNFOLLOWED_LINK, append, decodeText, encodeText, joinPath } from './port';
import { isWithin, normalizeStudyPath } from './paths';
import type { FileProblem } from './schema';
import { CODINGS_FOLDER, DATA_FOLDER, PROJECT_FILE, StudyFileError, parseCodingFile, parseProjectFile } from './schema';
import { codingFilePath, serializeCodingFile, serializeProject } from './serialize';
import { Study, partitionKey, splitPartitionKey } from './study';
import { parseFrontMatter, titleOf } from './frontMatter';
import { makeAnchor, reanchor, reanchorAll } from './anchor';
import { describeErrorText } from './errors';

const SKIP_FOLDERS = new Set([DATA_FOLDER, '.git', 'node_modules', '.vscode', '.runs']);
const TRANSCRIPT_EXTENSIONS = ['.md', '.markdown'];

export interface ReanchorSummary {
  readonly doc: string;
  readonly moved: number;
  readonly fuzzy: number;
  readonly orphaned: number;
}

/** A transcript that codings files name but that is not in the study (deleted, moved, not pulled yet). */
export interface MissingTranscript {
  readonly doc: string;
  /** Its codings: kept in memory and on disk, left out of the analysis until it is back. */
  readonly codings: number;
}

export interface FileChange {
  readonly kind: 'ignored' | 'project' | 'codings' | 'transcript' | 'removed';
  /** For a transcript changed outside the editor: how its codings were found again. */
  readonly reanchored?: ReanchorSummary;
  /** For a transcript deleted on disk that had codings: they are kept. */
  readonly missing?: MissingTranscript;
  /** For a transcript that changed or went: its warnings now (front matter that does not parse), replacing those it had. */
  readonly warnings?: readonly FileProblem[];
}

export interface LoadResult {
  readonly study: Study;
  /** Problems that made the study read-only (bad codings files, unknown codes), and warnings (severity 'warning': unreadable front matter) that did not. */
  readonly problems: readonly FileProblem[];
  /** Transcripts whose text changed since their codings were written, and how their codings were found again. */
  readonly reanchored: readonly ReanchorSummary[];
  /** Transcripts named by codings files but not found: their codings are kept, not refused. */
  readonly missing: readonly MissingTranscript[];
}

export function isTranscriptPath(path: string): boolean {
  const lower = path.toLowerCase();
  return TRANSCRIPT_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !path.split('/').some((p) => SKIP_FOLDERS.has(p));
}

export type StudyFileKind = 'project' | 'data' | 'transcript';

/**
 * Whether a study-relative path is one of the study's own files, which an export must never
 * write over: the project file, anything under `.codeboom/`, a transcript of the transcript
 * folders (also one not there yet). Compared without case: on macOS and Windows CODEBOOM.JSON is codeboom.json.
 */
export function studyFileKind(transcriptFolders: readonly string[], path: string): StudyFileKind | undefined {
  const r = normalizeStudyPath(path);
  if (!r.ok) {
    return undefined;
  }
  const lower = r.path.toLowerCase();
  if (lower === PROJECT_FILE) {
    return 'project';
  }
  if (isWithin(lower, DATA_FOLDER)) {
    return 'data';
  }
  const inFolders = studyFolders(transcriptFolders).some((f) => isWithin(lower, f.toLowerCase()));
  return inFolders && TRANSCRIPT_EXTENSIONS.some((ext) => lower.endsWith(ext)) ? 'transcript' : undefined;
}

export function isCodingFilePath(path: string): boolean {
  return path.startsWith(CODINGS_FOLDER + '/') && path.endsWith('.json');
}

export function readTranscript(path: string, text: string): TranscriptDocument {
  const fm = parseFrontMatter(text);
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, '');
  return {
    path,
    attributes: fm.attributes,
    bodyStart: fm.bodyStart,
    length: text.length,
    title: titleOf(text, fm.bodyStart, name, fm.attributes),
  };
}

export class StudyStore {
  /** What each file held when we last read or wrote it: the base for detecting others' changes. */
  private readonly known = new Map<string, string>();
  private readonly texts = new Map<string, string>();

  private constructor(
    readonly fs: FileSystemPort,
    readonly study: Study,
  ) {}

  /** Opens a study. Throws {@link StudyFileError} when the project file is missing or malformed. */
  static async open(fs: FileSystemPort): Promise<{ store: StudyStore } & LoadResult> {
    const projectText = await readStudyFile(fs, PROJECT_FILE);
    if (projectText === undefined) {
      throw new StudyFileError([
        {
          file: PROJECT_FILE,
          path: [],
          message: 'there is no codeboom.json here, so this folder is not a Codeboom study: open the folder that holds codeboom.json',
        },
      ]);
    }
    const parsed = parseProjectFile(PROJECT_FILE, projectText);
    if (!parsed.ok) {
      throw new StudyFileError(parsed.problems);
    }
    const project = parsed.value;
    const problems: FileProblem[] = [];
    await removeLeftovers(fs);

    const transcriptPaths = await findFiles(fs, project.transcriptFolders, isTranscriptPath, problems);
    const texts = new Map<string, string>();
    const unreadable = new Map<string, unknown>();
    const documents: TranscriptDocument[] = [];
    await Promise.all(
      transcriptPaths.map(async (path) => {
        try {
          texts.set(path, await readAll(fs, path));
        } catch (e) {
          unreadable.set(path, e);
        }
      }),
    );
    for (const path of transcriptPaths) {
      if (unreadable.has(path)) {
        // Not UTF-8, say: no text, so its codings are neither re-anchored nor saved (the study opens read-only).
        problems.push(fileProblem(unreadable.get(path), path));
        continue;
      }
      documents.push(readTranscript(path, texts.get(path)!));
      const fm = frontMatterProblem(path, texts.get(path)!);
      if (fm) {
        problems.push(fm);
      }
    }

    const codingPaths = await findFiles(fs, [CODINGS_FOLDER], (p) => p.endsWith('.json'), problems);
    const knownCodes = new Set(project.codes.map((c) => c.id));
    const codings: Coding[] = [];
    const known = new Map<string, string>([[PROJECT_FILE, projectText]]);
    const codingTexts = await Promise.all(
      codingPaths.map(async (p) => {
        try {
          return [p, await readAll(fs, p)] as const;
        } catch (e) {
          return [p, undefined, e] as const;
        }
      }),
    );
    const fileOfId = new Map<string, string>();
    for (const [path, text, error] of codingTexts) {
      if (text === undefined) {
        problems.push(fileProblem(error, path));
        continue;
      }
      known.set(path, text);
      const result = parseCodingFile(path, text, knownCodes);
      if (!result.ok) {
        append(problems, result.problems);
        continue;
      }
      const misplaced = misplacedCodingFile(path, result.value.document, result.value.coder);
      if (misplaced) {
        problems.push(misplaced);
        continue;
      }
      if (unreadable.has(result.value.document)) {
        // Its transcript is reported already (not UTF-8); these codings stay untouched on disk.
        continue;
      }
      const clashes = result.value.codings.flatMap((c, i) => {
        const other = fileOfId.get(c.id);
        return other !== undefined ? [idClash(path, i, c.id, other)] : [];
      });
      if (clashes.length > 0) {
        append(problems, clashes);
        continue;
      }
      for (const c of result.value.codings) {
        fileOfId.set(c.id, path);
      }
      append(codings, result.value.codings);
    }

    const study = new Study(project, documents, codings);
    const store = new StudyStore(fs, study);
    for (const [k, v] of known) {
      store.known.set(k, v);
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
    const missingCount = new Map<string, number>();
    for (const c of codings) {
      if (!texts.has(c.doc)) {
        missingCount.set(c.doc, (missingCount.get(c.doc) ?? 0) + 1);
      }
    }
    const missing = [...missingCount].map(([doc, n]) => ({ doc, codings: n })).sort((a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0));
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
      if (text.slice(c.start, c.end) === c.quote) {
        return c;
      }
      const r = reanchor(text, c);
      return r.status === 'orphaned' ? { ...c, orphaned: true } : { ...c, ...makeAnchor(text, r.start, r.end) };
    });
    const codings = this.study.codingsOf(doc);
    const stale = codings.filter((c) => c.orphaned || text.slice(c.start, c.end) !== c.quote);
    if (stale.length === 0) {
      return undefined;
    }
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
        if (onDisk !== undefined && this.known.has(path) && onDisk !== this.known.get(path)) {
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
        this.known.set(path, text);
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
    const base = this.known.get(path);
    // Taken after the read and cleaned below without awaiting in between: a change made while
    // the file is read or written is not marked saved.
    let ours = this.study.partitionCodings(doc, coder);
    if (onDisk !== base) {
      // Changed on disk, or deleted there (git checkout): then the records we did not change go.
      const theirs = onDisk === undefined ? ({ ok: true, value: { codings: [] } } as const) : parseCodingFile(path, onDisk);
      if (!theirs.ok) {
        // If theirs is malformed we keep ours in memory and do not write: nothing on disk is lost.
        throw new StudyFileError(theirs.problems);
      }
      const baseCodings = base !== undefined ? parseCodingFile(path, base) : undefined;
      ours = mergeCodings(baseCodings?.ok ? baseCodings.value.codings : [], ours, theirs.value.codings);
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
    this.known.set(path, text);
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
    const base = parseProjectFile(PROJECT_FILE, this.known.get(PROJECT_FILE) ?? '');
    const used = new Set<string>();
    for (const c of this.study.allCodings()) {
      c.codes.forEach((code) => used.add(code));
    }
    const merged = mergeProject(base.ok ? base.value : theirs.value, ours, theirs.value, used);
    this.known.set(PROJECT_FILE, text);
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
      if (text === undefined || text === this.known.get(path)) {
        return { kind: 'ignored' };
      }
      const folders = this.study.project.transcriptFolders;
      if (this.study.projectDirty) {
        this.mergeProjectFromDisk(text);
      } else {
        const parsed = parseProjectFile(path, text);
        if (!parsed.ok) {
          throw new StudyFileError(parsed.problems);
        }
        this.known.set(path, text);
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
    if (isCodingFilePath(path)) {
      if (text === this.known.get(path)) {
        return { kind: 'ignored' };
      }
      if (text === undefined) {
        const base = this.known.get(path);
        this.known.delete(path);
        const baseData = base !== undefined ? parseCodingFile(path, base) : undefined;
        const m = /^\.codeboom\/codings\/(.+)\.([^./]+)\.json$/.exec(path);
        const owner = baseData?.ok ? baseData.value : m ? { document: m[1], coder: m[2] } : undefined;
        if (owner) {
          const key = partitionKey(owner.document, owner.coder);
          const dirty = this.study.dirtyPartitions.has(key);
          // Deleted on disk: the records we did not change go; what we added or changed and did not save yet stays, to be written again.
          const kept = dirty
            ? mergeCodings(baseData?.ok ? baseData.value.codings : [], this.study.partitionCodings(owner.document, owner.coder), [])
            : [];
          this.study.replacePartition(owner.document, owner.coder, kept);
          if (kept.length > 0) {
            this.study.dirtyPartitions.add(key);
          }
        }
        return { kind: 'removed' };
      }
      const codes = new Set(this.study.codes.map((c) => c.id));
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
      const base = this.known.get(path);
      let next = parsed.value.codings;
      const dirty = this.study.dirtyPartitions.has(key);
      if (dirty) {
        const baseCodings = base !== undefined ? parseCodingFile(path, base) : undefined;
        next = mergeCodings(baseCodings?.ok ? baseCodings.value.codings : [], this.study.partitionCodings(document, coder), next);
      }
      this.known.set(path, text);
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
    if (isTranscriptPath(path) && this.inTranscriptFolders(path)) {
      if (text === undefined) {
        this.texts.delete(path);
        this.study.setDocuments(this.study.documents.filter((d) => d.path !== path));
        // Its codings stay (in memory and on disk) until the transcript is back.
        const kept = this.study.codingsOf(path).length;
        return kept > 0 ? { kind: 'removed', missing: { doc: path, codings: kept }, warnings: [] } : { kind: 'removed', warnings: [] };
      }
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
    return { kind: 'ignored' };
  }
}

/** Content equality of plain JSON data, whatever the order of keys. */
function sameData(a: unknown, b: unknown): boolean {
  const stable = (v: unknown): string =>
    JSON.stringify(v, (_k, x: unknown) =>
      x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
        : x,
    );
  return stable(a) === stable(b);
}

/** Three-way merge of records by key; a change of ours wins a conflict; `keep` saves a record from deletion. */
function mergeRecords<T>(
  base: readonly T[],
  ours: readonly T[],
  theirs: readonly T[],
  key: (t: T) => string,
  keep: (k: string) => boolean,
): T[] {
  const b = new Map(base.map((x) => [key(x), x]));
  const o = new Map(ours.map((x) => [key(x), x]));
  const t = new Map(theirs.map((x) => [key(x), x]));
  // In the order of the side that reordered (ours if both did), then what only the other side has.
  const oursReordered = !sameData(
    base.map(key),
    ours.map(key).filter((k) => b.has(k)),
  );
  const [first, second] = oursReordered ? [ours, theirs] : [theirs, ours];
  const out: T[] = [];
  for (const k of new Set([...first.map(key), ...second.map(key)])) {
    const inBase = b.get(k);
    const mine = o.get(k);
    const other = t.get(k);
    const mineChanged = !(inBase === undefined ? mine === undefined : mine !== undefined && sameData(inBase, mine));
    const otherChanged = !(inBase === undefined ? other === undefined : other !== undefined && sameData(inBase, other));
    const pick = (mineChanged ? mine : otherChanged ? other : mine) ?? (keep(k) ? (mine ?? other) : undefined);
    if (pick !== undefined) {
      out.push(pick);
    }
  }
  return out;
}

/**
 * Three-way merge of the project file: codes and links record by record (a change of ours wins a
 * conflict), every other field from the side that changed it. Codes that codings use (`used`) are
 * kept; no parent or link is left pointing at a missing code, and no code becomes its own ancestor.
 */
export function mergeProject(
  base: ProjectData,
  ours: ProjectData,
  theirs: ProjectData,
  used: ReadonlySet<string> = new Set(),
): ProjectData {
  const out: Record<string, unknown> = { ...theirs };
  for (const k of Object.keys({ ...base, ...ours }) as Array<keyof ProjectData>) {
    if (k !== 'codes' && k !== 'links' && !sameData(base[k], ours[k])) {
      out[k] = ours[k];
    }
  }
  let codes = mergeRecords(
    base.codes,
    ours.codes,
    theirs.codes,
    (c) => c.id,
    (id) => used.has(id),
  );
  const parentOf = new Map(codes.map((c) => [c.id, c.parent]));
  for (const c of codes) {
    if (c.parent !== undefined && !parentOf.has(c.parent)) {
      parentOf.set(c.id, undefined);
    }
  }
  for (const c of codes) {
    // Each side moved a code under the other: the code where the loop closes goes to the top.
    const seen = new Set<string>();
    let p = parentOf.get(c.id);
    while (p !== undefined && p !== c.id && !seen.has(p)) {
      seen.add(p);
      p = parentOf.get(p);
    }
    if (p === c.id) {
      parentOf.set(c.id, undefined);
    }
  }
  codes = codes.map((c) => {
    if (parentOf.get(c.id) === c.parent) {
      return c;
    }
    const { parent: _dropped, ...rest } = c;
    return rest;
  });
  const factors = new Set(
    (out['catalogues'] as ProjectData['catalogues']).flatMap((cat) => cat.categories.flatMap((g) => g.factors.map((f) => f.id))),
  );
  const links = mergeRecords(
    base.links,
    ours.links,
    theirs.links,
    (l) => `${l.code}\u0000${l.factor}`,
    () => false,
  ).filter((l) => parentOf.has(l.code) && factors.has(l.factor));
  return { ...(out as unknown as ProjectData), codes, links };
}

/** A codings file must be named after the transcript and coder it holds, or saving would write them to another file. */
function misplacedCodingFile(path: string, document: string, coder: string): FileProblem | undefined {
  const expected = codingFilePath(document, coder);
  if (path === expected) {
    return undefined;
  }
  return {
    file: path,
    path: [path.startsWith(`${CODINGS_FOLDER}/${document}.`) ? 'coder' : 'document'],
    message: `holds the codings of "${document}" by "${coder}", which belong in ${expected}`,
  };
}

/** One id in two files: one coding would hide the other, and a save would drop it. */
function idClash(path: string, index: number, id: string, otherFile: string): FileProblem {
  return { file: path, path: ['codings', index, 'id'], message: `coding id "${id}" is also in ${otherFile}` };
}

/** Three-way merge of one partition's codings, record by record (by id). A change of ours wins a conflict. */
export function mergeCodings(base: readonly Coding[], ours: readonly Coding[], theirs: readonly Coding[]): Coding[] {
  const b = new Map(base.map((c) => [c.id, c]));
  const o = new Map(ours.map((c) => [c.id, c]));
  const t = new Map(theirs.map((c) => [c.id, c]));
  const ids = new Set([...b.keys(), ...o.keys(), ...t.keys()]);
  const out: Coding[] = [];
  for (const id of ids) {
    const inBase = b.get(id);
    const mine = o.get(id);
    const other = t.get(id);
    const mineChanged = !sameCoding(inBase, mine);
    const otherChanged = !sameCoding(inBase, other);
    let pick = mineChanged ? mine : otherChanged ? other : mine;
    if (mineChanged && otherChanged && inBase && mine && other) {
      // Both changed the same coding (say, we moved it by typing and they recoded it): each part
      // comes from the side that changed it, ours where both did.
      const parts: Record<string, unknown> = {};
      for (const keys of CODING_PARTS) {
        const from = samePart(inBase, mine, keys) ? other : mine;
        for (const k of keys) {
          if (from[k] !== undefined) {
            parts[k] = from[k];
          }
        }
      }
      pick = parts as unknown as Coding;
    }
    if (pick) {
      out.push(pick);
    }
  }
  return out;
}

/** The parts of a coding that two sides can change independently. */
const CODING_PARTS: ReadonlyArray<ReadonlyArray<keyof Coding>> = [
  ['id', 'doc', 'coder', 'created'],
  ['codes'],
  ['memo'],
  ['modified'],
  ['start', 'end', 'quote', 'prefix', 'suffix', 'orphaned'],
];

/** Equal in content (key order differs between a record read from a file and one made in memory). */
function samePart(a: Coding, b: Coding, keys: ReadonlyArray<keyof Coding>): boolean {
  return keys.every((k) => (k === 'orphaned' ? !!a[k] === !!b[k] : JSON.stringify(a[k]) === JSON.stringify(b[k])));
}

function sameCoding(a: Coding | undefined, b: Coding | undefined): boolean {
  if (!a || !b) {
    return a === b;
  }
  return CODING_PARTS.every((keys) => samePart(a, b, keys));
}

/**
 * Front matter that does not parse would silently drop the transcript's case, respondent and
 * interview (the matrix would move its codings to "(no value)"): a warning with the line. The
 * transcript stays codable; only its attributes are missing.
 */
export function frontMatterProblem(path: string, text: string): FileProblem | undefined {
  const fm = parseFrontMatter(text);
  if (fm.error === undefined) {
    return undefined;
  }
  return {
    file: path,
    path: [],
    severity: 'warning',
    message: `front matter not read (line ${fm.errorLine ?? 1}, column ${fm.errorColumn ?? 1}): ${fm.error}; this transcript has no case, respondent or interview until it is fixed`,
  };
}

function warningsOf(path: string, text: string): FileProblem[] {
  const p = frontMatterProblem(path, text);
  return p ? [p] : [];
}

/** A file that could not be read, as a problem whose message says why and what to do. */
function fileProblem(e: unknown, file: string): FileProblem {
  if (e instanceof StudyFileError && e.problems.length === 1) {
    return e.problems[0];
  }
  return { file, path: [], message: describeErrorText(e, file) };
}

/**
 * Removes the temporary files a killed or failed write left beside codeboom.json and in
 * `.codeboom/` (the port decides which are stale). Never stops a study from opening.
 */
async function removeLeftovers(fs: FileSystemPort): Promise<void> {
  const clean = fs.removeLeftovers?.bind(fs);
  if (!clean) {
    return;
  }
  // Best effort: a folder that cannot be read (a link leading outside the study, no permission) is
  // reported by the load itself, never made a reason to fail the open here.
  const visit = async (folder: string): Promise<void> => {
    await clean(folder).catch(() => undefined);
    const entries = await fs.readDirectory(folder).catch(() => []);
    await Promise.all(entries.filter(([, kind]) => kind === 'directory').map(([name]) => visit(joinPath(folder, name))));
  };
  await clean('').catch(() => undefined);
  await visit(DATA_FOLDER);
}

/** Runs a read–merge–write of a study file under its lock, when the port has locks. */
async function withLock<T>(fs: FileSystemPort, path: string, fn: () => Promise<T>): Promise<T> {
  const lock = fs.lock ? await fs.lock(path) : undefined;
  try {
    return await fn();
  } finally {
    await lock?.release();
  }
}

async function readText(fs: FileSystemPort, path: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(path);
    if (!stat) {
      return undefined;
    }
    return await readAll(fs, path);
  } catch (e) {
    // A study file behind a symbolic link to outside is a problem of the study, shown like the others.
    if (e instanceof OutsideStudyError) {
      throw new StudyFileError([fileProblem(e, e.path)]);
    }
    throw e;
  }
}

/** {@link readText} for reading the study in: a file that cannot be read is a problem of the study, in words. */
function readStudyFile(fs: FileSystemPort, path: string): Promise<string | undefined> {
  return readText(fs, path).catch((e: unknown) => {
    throw new StudyFileError([fileProblem(e, path)]);
  });
}

function readAll(fs: FileSystemPort, path: string): Promise<string> {
  return fs.readText ? fs.readText(path) : fs.readFile(path).then((bytes) => decodeText(bytes, path));
}

/**
 * The files below the folders that `accept` takes. A symbolic link that resolves outside the study
 * (the port says so) is not followed; it goes into `problems`, named by its path.
 */
async function findFiles(
  fs: FileSystemPort,
  folders: readonly string[],
  accept: (path: string) => boolean,
  problems?: FileProblem[],
): Promise<string[]> {
  const out = new Set<string>();
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readDirectory(folder);
    } catch (e) {
      if (e instanceof OutsideStudyError) {
        problems?.push({ file: e.path, path: [], message: e.reason });
        return;
      }
      throw e;
    }
    await Promise.all(
      entries.map(async ([name, kind]) => {
        const path = joinPath(folder, name);
        if (kind === 'unfollowed-link') {
          // A link that would be one of the files sought, or a folder (no extension): other links are no business of ours.
          if (accept(path) || (!SKIP_FOLDERS.has(name) && !/\.[^.]+$/.test(name))) {
            problems?.push({ file: path, path: [], message: UNFOLLOWED_LINK });
          }
        } else if (kind === 'directory') {
          if (!SKIP_FOLDERS.has(name)) {
            await walk(path);
          }
        } else if (accept(path)) {
          out.add(path);
        }
      }),
    );
  };
  for (const folder of studyFolders(folders)) {
    await walk(folder);
  }
  return [...out].sort();
}

/** The folders normalised by the path rule; one that leads outside the study (refused when codeboom.json is read) is left out. */
function studyFolders(folders: readonly string[]): string[] {
  return folders.flatMap((f) => {
    const r = normalizeStudyPath(f, { allowRoot: true });
    return r.ok ? [r.path] : [];
  });
}

/** Creates a new, empty study's project file. Refuses to overwrite an existing one. */
export async function createProject(fs: FileSystemPort, project: ProjectData): Promise<void> {
  if (await fs.stat(PROJECT_FILE)) {
    throw new StudyFileError([{ file: PROJECT_FILE, path: [], message: 'a project file exists here already' }]);
  }
  await fs.writeFileAtomic(PROJECT_FILE, encodeText(serializeProject(project)));
}

/** Copies every codings file to `.codeboom/backups/<stamp>/codings/…` before a bulk change. Returns the folder. */
export async function backupCodings(fs: FileSystemPort, stamp = new Date().toISOString().replace(/[:.]/g, '-')): Promise<string> {
  const folder = `${DATA_FOLDER}/backups/${stamp}`;
  const files = await findFiles(fs, [CODINGS_FOLDER], (p) => p.endsWith('.json'));
  for (const file of files) {
    await fs.writeFileAtomic(`${folder}/${file.slice(DATA_FOLDER.length + 1)}`, await fs.readFile(file));
  }
  return folder;
}
