/** The problems reading a study can find in its files, as {@link FileProblem}s for the user. */
import type { FileProblem } from '../schema';
import { CODINGS_FOLDER, StudyFileError } from '../schema';
import { codingFilePath } from '../serialize';
import { parseFrontMatter } from '../frontMatter';
import { describeErrorText } from '../errors';

/** A codings file must be named after the transcript and coder it holds, or saving would write them to another file. */
export function misplacedCodingFile(path: string, document: string, coder: string): FileProblem | undefined {
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
export function idClash(path: string, index: number, id: string, otherFile: string): FileProblem {
  return { file: path, path: ['codings', index, 'id'], message: `coding id "${id}" is also in ${otherFile}` };
}

/**
 * Front matter that does not parse would silently drop the transcript's case, respondent and
 * interview (the matrix would move its codings to "(no value)"): a warning with the line. The
 * transcript stays codable; only its attributes are missing.
 */
export function frontMatterProblem(path: string, text: string, fm = parseFrontMatter(text)): FileProblem | undefined {
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

export function warningsOf(path: string, text: string): FileProblem[] {
  const p = frontMatterProblem(path, text);
  return p ? [p] : [];
}

/** A file that could not be read, as a problem whose message says why and what to do. */
export function fileProblem(e: unknown, file: string): FileProblem {
  if (e instanceof StudyFileError && e.problems.length === 1) {
    return e.problems[0];
  }
  return { file, path: [], message: describeErrorText(e, file) };
}
