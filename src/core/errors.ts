/**
 * One place that turns a caught error (Node errno, VS Code FileSystemError, JSON or XML parser,
 * a stack overflow) and the file it concerns into a sentence that names the file and says what to
 * do. The sentences are English templates said with @vscode/l10n (see ./messages).
 */
import * as l10n from '@vscode/l10n';
import type { MessageArg, TemplatedError } from './messages';
import { isTemplatedError, translate } from './messages';

/**
 * Error codes of Node (errno) and of VS Code's FileSystemError, mapped to one template each; the
 * template is said in the display language when a rule is used (l10n.t, so `npm run l10n` has it).
 */
const BY_CODE: ReadonlyArray<readonly [readonly string[], () => string]> = [
  [['EISDIR', 'FileIsADirectory'], () => l10n.t('{0} is a folder where Codeboom expects a file. Rename or move the folder and try again.')],
  [
    ['ENOTDIR', 'FileNotADirectory'],
    () => l10n.t('Part of the path {0} is a file where Codeboom expects a folder. Rename or move that file and try again.'),
  ],
  [
    ['EACCES', 'EPERM', 'NoPermissions'],
    () =>
      l10n.t(
        'Codeboom is not allowed to read or write {0} (permission denied). Check the permissions of the file and its folder, then try again.',
      ),
  ],
  [['ENOENT', 'FileNotFound'], () => l10n.t('{0} does not exist (any more). Check that it was not moved or deleted, then try again.')],
  [['EEXIST', 'FileExists'], () => l10n.t('{0} exists already. Choose another name or move the existing file away, then try again.')],
  [['ENOSPC', 'EDQUOT'], () => l10n.t('The disk is full: {0} could not be written. Free some space and try again.')],
  [['EROFS'], () => l10n.t('{0} is on a read-only disk and cannot be written. Copy the study to a writable folder.')],
  [
    ['EMFILE', 'ENFILE', 'EBUSY', 'Unavailable'],
    () => l10n.t('{0} is busy or unavailable right now. Close other programs that use it and try again.'),
  ],
];

/**
 * For an error no rule knows: the file and the error's own words. Kept in English as the template
 * {@link describeError} returns (the CLI tells an unexplained error by it); said in
 * {@link describeErrorText}.
 */
export const FALLBACK = 'Codeboom could not read or write {0}: {1}';

/**
 * The template and arguments that describe an error about `file` for people: the template in the
 * display language, except {@link FALLBACK}.
 */
export function describeError(e: unknown, file: string): TemplatedError {
  if (isTemplatedError(e)) {
    return { template: e.template, args: e.args };
  }
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  if (typeof code === 'string') {
    const hit = BY_CODE.find(([codes]) => codes.includes(code));
    if (hit) {
      return { template: hit[1](), args: [file] };
    }
  }
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof SyntaxError && /JSON|Unexpected (token|end|non-whitespace)/i.test(message)) {
    return {
      template: l10n.t(
        '{0} is not valid JSON, so Codeboom cannot read it. Undo the last edit of the file or restore it from version control.',
      ),
      args: [file],
    };
  }
  if (e instanceof RangeError && /call stack/i.test(message)) {
    return {
      template: l10n.t(
        '{0} is nested or repeated too deeply for Codeboom to read. It was probably not written by a QDA program; check where it came from.',
      ),
      args: [file],
    };
  }
  if (/Maximum nested tags exceeded/i.test(message)) {
    return {
      template: l10n.t(
        '{0} has XML nested too deeply (more than the parser allows). It was probably not written by a QDA program; check where it came from.',
      ),
      args: [file],
    };
  }
  return { template: FALLBACK, args: [file, message] };
}

/** The sentence for an error about `file`, in the display language. */
export function describeErrorText(e: unknown, file: string): string {
  const d = describeError(e, file);
  // An English template an error was handed (StudyError('No code {0}.', id)) is translated too.
  const template = d.template === FALLBACK ? l10n.t('Codeboom could not read or write {0}: {1}') : d.template;
  return translate(template, ...(d.args as MessageArg[]));
}
