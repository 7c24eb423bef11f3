/**
 * The phases of opening a study ({@link StudyStore.open}): the project file, the transcripts, the
 * codings files. Every read is validated; what is wrong goes into `problems` (a bad codings file
 * opens the study read-only), never silently dropped.
 */
import type { Coding, ProjectData, TranscriptDocument } from '../model';
import type { FileSystemPort } from '../port';
import { append } from '../port';
import type { FileProblem } from '../schema';
import { CODINGS_FOLDER, PROJECT_FILE, StudyFileError, parseCodingFile, parseProjectFile } from '../schema';
import type { FrontMatter } from '../frontMatter';
import { parseFrontMatter } from '../frontMatter';
import { findFiles, isTranscriptPath, readAll, readStudyFile, readTranscript } from './files';
import { codingFilePath } from '../serialize';
import { fileProblem, frontMatterProblem, idClash, misplacedCodingFile } from './problems';
import type { MissingTranscript } from './types';
import type { KnownCodings } from './known';

/** A codings file that parsed, as the base for detecting others' changes: its records and its text's length. */
export type KnownRead = KnownCodings & { readonly length: number };

/** The project file, parsed. Throws {@link StudyFileError} when it is missing or malformed. */
export async function readProject(fs: FileSystemPort): Promise<{ project: ProjectData; text: string }> {
  const text = await readStudyFile(fs, PROJECT_FILE);
  if (text === undefined) {
    throw new StudyFileError([
      {
        file: PROJECT_FILE,
        path: [],
        message: 'there is no codeboom.json here, so this folder is not a Codeboom study: open the folder that holds codeboom.json',
      },
    ]);
  }
  const parsed = parseProjectFile(PROJECT_FILE, text);
  if (!parsed.ok) {
    throw new StudyFileError(parsed.problems);
  }
  return { project: parsed.value, text };
}

export interface TranscriptsRead {
  readonly documents: TranscriptDocument[];
  readonly texts: Map<string, string>;
  /** Transcripts that could not be read (not UTF-8, say), with why. */
  readonly unreadable: Map<string, unknown>;
}

/** The transcripts of the project's folders, their texts, and those that could not be read. */
export async function readTranscripts(fs: FileSystemPort, project: ProjectData, problems: FileProblem[]): Promise<TranscriptsRead> {
  const transcriptPaths = await findFiles(fs, project.transcriptFolders, isTranscriptPath, problems);
  const texts = new Map<string, string>();
  const unreadable = new Map<string, unknown>();
  const documents: TranscriptDocument[] = [];
  // Each front matter is parsed as soon as its transcript is read, while the others are still being read.
  const parsed = new Map<string, FrontMatter>();
  await Promise.all(
    transcriptPaths.map(async (path) => {
      let text: string;
      try {
        text = await readAll(fs, path);
      } catch (e) {
        unreadable.set(path, e);
        return;
      }
      texts.set(path, text);
      parsed.set(path, parseFrontMatter(text));
    }),
  );
  for (const path of transcriptPaths) {
    if (unreadable.has(path)) {
      // Not UTF-8, say: no text, so its codings are neither re-anchored nor saved (the study opens read-only).
      problems.push(fileProblem(unreadable.get(path), path));
      continue;
    }
    const text = texts.get(path)!;
    const fm = parsed.get(path)!;
    documents.push(readTranscript(path, text, fm));
    const problem = frontMatterProblem(path, text, fm);
    if (problem) {
      problems.push(problem);
    }
  }
  return { documents, texts, unreadable };
}

/**
 * A codings file as read and parsed (the shape and references checked), or why it could not be read.
 * The text is kept only when it did not parse (it is then the base for detecting others' changes);
 * of one that did, its length: the text itself dies young, while the other files are read.
 */
export type CodingFileRead =
  | {
      readonly path: string;
      readonly text: string | undefined;
      readonly length: number;
      readonly result: ReturnType<typeof parseCodingFile>;
      readonly error?: undefined;
    }
  | { readonly path: string; readonly error: unknown; readonly text?: undefined; readonly result?: undefined };

/**
 * Reads and parses every codings file; folders that cannot be walked go into `problems`. `texts`:
 * the transcripts read, whose text the records' quotes then share (see parseCodingFile).
 */
export async function readCodingFiles(
  fs: FileSystemPort,
  project: ProjectData,
  problems: FileProblem[],
  texts?: ReadonlyMap<string, string>,
): Promise<CodingFileRead[]> {
  const codingPaths = await findFiles(fs, [CODINGS_FOLDER], (p) => p.endsWith('.json'), problems);
  // Each code id to itself: the check of references, and the strings the records then share.
  const knownCodes = new Map(project.codes.map((c) => [c.id, c.id]));
  // Each file is parsed as soon as it is read, while the others are still being read.
  return Promise.all(
    codingPaths.map(async (p): Promise<CodingFileRead> => {
      let text: string;
      try {
        text = await readAll(fs, p);
      } catch (e) {
        return { path: p, error: e };
      }
      const result = parseCodingFile(p, text, knownCodes, texts && ((doc) => texts.get(doc)));
      return { path: p, text: result.ok ? undefined : text, length: text.length, result };
    }),
  );
}

/**
 * The codings of every codings file that is valid, named after what it holds, and whose ids no
 * other file has, by id (the map becomes the study's index: each id is hashed once here); `known`
 * is each file as read (the base for detecting others' changes: its records, or its text when it
 * did not parse); `perDoc` how many codings each transcript has.
 */
export function collectCodings(
  codingFiles: readonly CodingFileRead[],
  unreadable: ReadonlyMap<string, unknown>,
  problems: FileProblem[],
): { codings: Map<string, Coding>; known: Map<string, string | KnownRead>; perDoc: Map<string, number> } {
  const codings = new Map<string, Coding>();
  const known = new Map<string, string | KnownRead>();
  const perDoc = new Map<string, number>();
  for (const read of codingFiles) {
    const { path, result } = read;
    if (result === undefined) {
      problems.push(fileProblem(read.error, path));
      continue;
    }
    if (!result.ok) {
      known.set(path, read.text ?? '');
      append(problems, result.problems);
      continue;
    }
    known.set(path, { ...result.value, length: read.length });
    const { document, coder } = result.value;
    const misplaced = misplacedCodingFile(path, document, coder);
    if (misplaced) {
      problems.push(misplaced);
      continue;
    }
    if (unreadable.has(document)) {
      // Its transcript is reported already (not UTF-8); these codings stay untouched on disk.
      continue;
    }
    const list = result.value.codings;
    let clashes: FileProblem[] | undefined;
    for (let i = 0; i < list.length; i++) {
      const other = codings.get(list[i].id);
      if (other === undefined) {
        codings.set(list[i].id, list[i]);
      } else {
        // A file that was taken is named after its transcript and coder (misplaced ones are not taken).
        (clashes ??= []).push(idClash(path, i, list[i].id, codingFilePath(other.doc, other.coder)));
      }
    }
    if (clashes) {
      // None of this file's codings are taken (ids are unique within a file: those set are its own).
      for (const c of list) {
        if (codings.get(c.id) === c) {
          codings.delete(c.id);
        }
      }
      append(problems, clashes);
      continue;
    }
    perDoc.set(document, (perDoc.get(document) ?? 0) + list.length);
  }
  return { codings, known, perDoc };
}

/**
 * The transcripts codings name that have no text: their codings are kept as they are (not
 * re-anchored, not rewritten) and come back with it. `perDoc`: how many codings each transcript has.
 */
export function missingTranscripts(perDoc: ReadonlyMap<string, number>, texts: ReadonlyMap<string, string>): MissingTranscript[] {
  return [...perDoc]
    .filter(([doc]) => !texts.has(doc))
    .map(([doc, n]) => ({ doc, codings: n }))
    .sort((a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0));
}
