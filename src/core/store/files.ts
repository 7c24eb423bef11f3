/**
 * The study's files: which paths are transcripts, codings files or study files, and reading them
 * through the {@link FileSystemPort} (a file that cannot be read becomes a problem of the study).
 */
import type { TranscriptDocument, ProjectData } from '../model';
import type { FileSystemPort } from '../port';
import { OutsideStudyError, UNFOLLOWED_LINK, decodeText, encodeText, joinPath } from '../port';
import { isWithin, normalizeStudyPath } from '../paths';
import type { FileProblem } from '../schema';
import { CODINGS_FOLDER, DATA_FOLDER, PROJECT_FILE, StudyFileError } from '../schema';
import { serializeProject } from '../serialize';
import { parseFrontMatter, titleOf } from '../frontMatter';
import { fileProblem } from './problems';

const SKIP_FOLDERS = new Set([DATA_FOLDER, '.git', 'node_modules', '.vscode', '.runs']);
const TRANSCRIPT_EXTENSIONS = ['.md', '.markdown'];

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

/** `fm`: the text's front matter when it was parsed already (YAML is the dearest part of reading a transcript). */
export function readTranscript(path: string, text: string, fm = parseFrontMatter(text)): TranscriptDocument {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, '');
  return {
    path,
    attributes: fm.attributes,
    bodyStart: fm.bodyStart,
    length: text.length,
    title: titleOf(text, fm.bodyStart, name, fm.attributes),
  };
}

/**
 * Removes the temporary files a killed or failed write left beside codeboom.json and in
 * `.codeboom/` (the port decides which are stale). Never stops a study from opening.
 */
export async function removeLeftovers(fs: FileSystemPort): Promise<void> {
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
export async function withLock<T>(fs: FileSystemPort, path: string, fn: () => Promise<T>): Promise<T> {
  const lock = fs.lock ? await fs.lock(path) : undefined;
  try {
    return await fn();
  } finally {
    await lock?.release();
  }
}

export async function readText(fs: FileSystemPort, path: string): Promise<string | undefined> {
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
export function readStudyFile(fs: FileSystemPort, path: string): Promise<string | undefined> {
  return readText(fs, path).catch((e: unknown) => {
    throw new StudyFileError([fileProblem(e, path)]);
  });
}

export function readAll(fs: FileSystemPort, path: string): Promise<string> {
  return fs.readText ? fs.readText(path) : fs.readFile(path).then((bytes) => decodeText(bytes, path));
}

/**
 * The files below the folders that `accept` takes. A symbolic link that resolves outside the study
 * (the port says so) is not followed; it goes into `problems`, named by its path.
 */
export async function findFiles(
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
export function studyFolders(folders: readonly string[]): string[] {
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
