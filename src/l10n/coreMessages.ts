/**
 * The core's sentences for people (reports, refusals) in the display language. The core writes
 * English templates with {0} placeholders and takes a `Translate` (src/core/messages.ts); this is
 * the extension's. Every template is listed here as a literal `vscode.l10n.t` call, so that
 * `npm run l10n` puts it in the bundle and a translation can be checked for it
 * (test/unit/l10n.test.ts fails when a core template is missing here).
 */
import * as vscode from 'vscode';
import { formatMessage, isTemplatedError } from '../core/messages';
import type { MessageArg, Translate } from '../core/messages';
import { StudyError } from '../core/study';
import { describeErrorText } from '../core/errors';
import { RefiError } from '../core/refi/errors';

let table: ReadonlyMap<string, string> | undefined;

function translations(): ReadonlyMap<string, string> {
  table ??= new Map<string, string>([
    // files that cannot be read or written (src/core/errors.ts, NotUtf8Error in src/core/port.ts)
    ['The file {0} is not UTF-8 text (it looks like {1}). Codeboom reads and writes only UTF-8: save the file as UTF-8 and open the study again.', vscode.l10n.t('The file {0} is not UTF-8 text (it looks like {1}). Codeboom reads and writes only UTF-8: save the file as UTF-8 and open the study again.')],
    ['{0} is a folder where Codeboom expects a file. Rename or move the folder and try again.', vscode.l10n.t('{0} is a folder where Codeboom expects a file. Rename or move the folder and try again.')],
    ['Part of the path {0} is a file where Codeboom expects a folder. Rename or move that file and try again.', vscode.l10n.t('Part of the path {0} is a file where Codeboom expects a folder. Rename or move that file and try again.')],
    ['Codeboom is not allowed to read or write {0} (permission denied). Check the permissions of the file and its folder, then try again.', vscode.l10n.t('Codeboom is not allowed to read or write {0} (permission denied). Check the permissions of the file and its folder, then try again.')],
    ['{0} does not exist (any more). Check that it was not moved or deleted, then try again.', vscode.l10n.t('{0} does not exist (any more). Check that it was not moved or deleted, then try again.')],
    ['{0} exists already. Choose another name or move the existing file away, then try again.', vscode.l10n.t('{0} exists already. Choose another name or move the existing file away, then try again.')],
    ['The disk is full: {0} could not be written. Free some space and try again.', vscode.l10n.t('The disk is full: {0} could not be written. Free some space and try again.')],
    ['{0} is on a read-only disk and cannot be written. Copy the study to a writable folder.', vscode.l10n.t('{0} is on a read-only disk and cannot be written. Copy the study to a writable folder.')],
    ['{0} is busy or unavailable right now. Close other programs that use it and try again.', vscode.l10n.t('{0} is busy or unavailable right now. Close other programs that use it and try again.')],
    ['Codeboom could not read or write {0}: {1}', vscode.l10n.t('Codeboom could not read or write {0}: {1}')],
    ['{0} is a symbolic link (or lies under one) that leads outside the study; Codeboom does not follow it. Put the file in the study folder instead of a link to it.', vscode.l10n.t('{0} is a symbolic link (or lies under one) that leads outside the study; Codeboom does not follow it. Put the file in the study folder instead of a link to it.')],
    ['{0} is not valid JSON, so Codeboom cannot read it. Undo the last edit of the file or restore it from version control.', vscode.l10n.t('{0} is not valid JSON, so Codeboom cannot read it. Undo the last edit of the file or restore it from version control.')],
    ['{0} is nested or repeated too deeply for Codeboom to read. It was probably not written by a QDA program; check where it came from.', vscode.l10n.t('{0} is nested or repeated too deeply for Codeboom to read. It was probably not written by a QDA program; check where it came from.')],
    ['{0} has XML nested too deeply (more than the parser allows). It was probably not written by a QDA program; check where it came from.', vscode.l10n.t('{0} has XML nested too deeply (more than the parser allows). It was probably not written by a QDA program; check where it came from.')],
    // refusals of the study (StudyError)
    ['A code cannot be merged into itself.', vscode.l10n.t('A code cannot be merged into itself.')],
    ['A code cannot be moved under itself or one of its descendants.', vscode.l10n.t('A code cannot be moved under itself or one of its descendants.')],
    ['A code needs a name.', vscode.l10n.t('A code needs a name.')],
    ['A coding cannot end before it starts.', vscode.l10n.t('A coding cannot end before it starts.')],
    ['A coding needs at least one code.', vscode.l10n.t('A coding needs at least one code.')],
    ['Code {0} exists already.', vscode.l10n.t('Code {0} exists already.')],
    ['Code {0} is still linked to literature factors.', vscode.l10n.t('Code {0} is still linked to literature factors.')],
    ['Code {0} is still used by codings.', vscode.l10n.t('Code {0} is still used by codings.')],
    ['Code {0} still has child codes.', vscode.l10n.t('Code {0} still has child codes.')],
    ['Coding {0} exists already.', vscode.l10n.t('Coding {0} exists already.')],
    ['No code {0}.', vscode.l10n.t('No code {0}.')],
    ['No coding {0}.', vscode.l10n.t('No coding {0}.')],
    ['No such link.', vscode.l10n.t('No such link.')],
    ['That code is already linked to that factor.', vscode.l10n.t('That code is already linked to that factor.')],
    ['The study is open read-only; fix the reported problems and reload.', vscode.l10n.t('The study is open read-only; fix the reported problems and reload.')],
    ['Unknown code {0}.', vscode.l10n.t('Unknown code {0}.')],
    ['Unknown literature factor {0}.', vscode.l10n.t('Unknown literature factor {0}.')],
    ['Unknown parent code {0}.', vscode.l10n.t('Unknown parent code {0}.')],
    ['“{0}” cannot be merged into one of its own subcodes.', vscode.l10n.t('“{0}” cannot be merged into one of its own subcodes.')],
    ['“{0}” cannot be moved under itself or one of its subcodes.', vscode.l10n.t('“{0}” cannot be moved under itself or one of its subcodes.')],
    ['“{0}” is a top-level code: there is no parent to move its codings to.', vscode.l10n.t('“{0}” is a top-level code: there is no parent to move its codings to.')],
    // the quotations report (core/quotations.ts)
    ['Quotations: {0}', vscode.l10n.t('Quotations: {0}')],
    ['Study “{0}”', vscode.l10n.t('Study “{0}”')],
    ['1 quotation', vscode.l10n.t('1 quotation')],
    ['{0} quotations', vscode.l10n.t('{0} quotations')],
    ['from 1 transcript', vscode.l10n.t('from 1 transcript')],
    ['from {0} transcripts', vscode.l10n.t('from {0} transcripts')],
    ['including subcodes', vscode.l10n.t('including subcodes')],
    ['filter: {0}', vscode.l10n.t('filter: {0}')],
    ['coder = {0}', vscode.l10n.t('coder = {0}')],
    ['generated {0}', vscode.l10n.t('generated {0}')],
    ['Definition', vscode.l10n.t('Definition')],
    ['polarity: {0}', vscode.l10n.t('polarity: {0}')],
    ['origin: {0}', vscode.l10n.t('origin: {0}')],
    ['literature factors: {0}', vscode.l10n.t('literature factors: {0}')],
    ['Case {0}', vscode.l10n.t('Case {0}')],
    ['No case', vscode.l10n.t('No case')],
    ['also: {0}', vscode.l10n.t('also: {0}')],
    ['{0} orphaned coding(s) (text changed or transcript missing) are not counted.', vscode.l10n.t('{0} orphaned coding(s) (text changed or transcript missing) are not counted.')],
    ['Memo', vscode.l10n.t('Memo')],
    ['No quotations.', vscode.l10n.t('No quotations.')],
    // the agreement report (core/agreement.ts)
    ['Intercoder agreement: {0} × {1}', vscode.l10n.t('Intercoder agreement: {0} × {1}')],
    ['Transcripts coded by both: {0}. Units: characters of the transcripts’ bodies.', vscode.l10n.t('Transcripts coded by both: {0}. Units: characters of the transcripts’ bodies.')],
    ['Code', vscode.l10n.t('Code')],
    ['Agreement', vscode.l10n.t('Agreement')],
    ['Cohen’s κ', vscode.l10n.t('Cohen’s κ')],
    ['Krippendorff’s α', vscode.l10n.t('Krippendorff’s α')],
    ['both', vscode.l10n.t('both')],
    ['only {0}', vscode.l10n.t('only {0}')],
    ['Overall', vscode.l10n.t('Overall')],
    ['Disagreements', vscode.l10n.t('Disagreements')],
    ['Transcript', vscode.l10n.t('Transcript')],
    // the saturation report (core/saturation.ts)
    ['Saturation: new codes per transcript', vscode.l10n.t('Saturation: new codes per transcript')],
    ['Transcript', vscode.l10n.t('Transcript')],
    ['Date', vscode.l10n.t('Date')],
    ['New codes', vscode.l10n.t('New codes')],
    ['Cumulative', vscode.l10n.t('Cumulative')],
    ['Codes used for the first time', vscode.l10n.t('Codes used for the first time')],
    ['{0}: {1} new', vscode.l10n.t('{0}: {1} new')],
  ]);
  return table;
}

/** The core's template in the display language, its placeholders filled. */
export const coreMessage: Translate = (message: string, ...args: MessageArg[]): string => formatMessage(translations().get(message) ?? message, ...args);

/**
 * An error's message for people: translated when the core threw a template; an error about a file
 * (errno, FileSystemError, parser) as a sentence that names the file and says what to do; else as it is.
 */
export function errorMessage(e: unknown, file?: string): string {
  if (isTemplatedError(e)) {
    return coreMessage(e.template, ...e.args);
  }
  if (file !== undefined && !(e instanceof StudyError) && !(e instanceof RefiError)) {
    return describeErrorText(e, file, coreMessage);
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * Runs a user operation; a refusal of the model (StudyError: a cycle, a code still in use, a
 * read-only study) is shown to the user instead of failing the command. Other errors propagate.
 */
export async function showStudyErrors<T>(fn: () => T | Promise<T>, show: (message: string) => unknown = vscode.window.showErrorMessage): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof StudyError) {
      void show(vscode.l10n.t('Codeboom: {0}', errorMessage(e)));
      return undefined;
    }
    throw e;
  }
}
