/**
 * The one rule for turning study data (codeboom.json, codings files, REFI archives, command lines)
 * into a path inside the study. Such data comes from other people through git, so a path in it is
 * untrusted: it must be a POSIX path relative to the study root that stays inside the root.
 */

export type StudyPathResult = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/**
 * Normalises a study-relative POSIX path: drops `.` and empty segments (a trailing or doubled `/`)
 * and resolves `..`. Refuses a NUL or other control character, a backslash (a Windows separator),
 * an absolute path, a drive letter (`C:`), a `..` that climbs out of the root, and — unless
 * `allowRoot` — a path that is the root itself. The root comes back as ''.
 */
export function normalizeStudyPath(input: string, options: { allowRoot?: boolean } = {}): StudyPathResult {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(input)) {
    return { ok: false, reason: 'contains a control character (such as NUL)' };
  }
  if (input.includes('\\')) {
    return { ok: false, reason: 'contains a backslash; write paths with / as the separator' };
  }
  if (input.startsWith('/')) {
    return { ok: false, reason: 'is an absolute path; give a path relative to the study folder' };
  }
  if (/^[a-zA-Z]:/.test(input)) {
    return { ok: false, reason: 'starts with a drive letter; give a path relative to the study folder' };
  }
  const out: string[] = [];
  for (const segment of input.split('/')) {
    if (segment === '' || segment === '.') {
      continue;
    }
    if (/^[a-zA-Z]:/.test(segment)) {
      // Windows reads "C:" anywhere in a joined path as a drive.
      return { ok: false, reason: 'has a segment that starts with a drive letter' };
    }
    if (segment === '..') {
      if (out.length === 0) {
        return { ok: false, reason: 'leads outside the study folder' };
      }
      out.pop();
      continue;
    }
    out.push(segment);
  }
  const path = out.join('/');
  if (path === '' && !options.allowRoot) {
    return { ok: false, reason: 'names the study folder itself, not a file in it' };
  }
  return { ok: true, path };
}

/** Whether a name can be one segment of a study path (a coder id in a codings file name, a file name). */
export function isSafeSegment(name: string): boolean {
  return name !== '.' && name !== '..' && !name.includes('/') && normalizeStudyPath(name).ok;
}

/** Thrown where a path built from study data would leave the study: nothing is read or written there. */
export class StudyPathError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`"${input}" ${reason}`);
    this.name = 'StudyPathError';
  }
}

/** The normalised study path, or a {@link StudyPathError}. */
export function studyPath(input: string, options: { allowRoot?: boolean } = {}): string {
  const r = normalizeStudyPath(input, options);
  if (!r.ok) {
    throw new StudyPathError(input, r.reason);
  }
  return r.path;
}

/** Joins study-relative parts with the rule of {@link normalizeStudyPath}: the result never leaves the study. */
export function joinStudyPath(...parts: string[]): string {
  return studyPath(parts.filter((p) => p !== '').join('/'), { allowRoot: true });
}

/** Whether `path` (normalised) is `folder` (normalised, '' for the root) or lies below it. */
export function isWithin(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(folder + '/');
}
