/**
 * The core's sentences for people, in the display language. The core says them with @vscode/l10n
 * where it makes them (see src/core/messages.ts); this glue shows its refusals and words its errors.
 */
import * as vscode from 'vscode';
import { isTemplatedError, translate } from '../core/messages';
import { StudyError } from '../core/study';
import { describeErrorText } from '../core/errors';
import { RefiError } from '../core/refi/errors';
import { ensureCoreL10n } from './config';

/**
 * An error's message for people: a templated error's sentence in the display language (also when it
 * was handed an English template); an error about a file (errno, FileSystemError, parser) as a
 * sentence that names the file and says what to do; else as it is.
 */
export function errorMessage(e: unknown, file?: string): string {
  ensureCoreL10n();
  if (isTemplatedError(e)) {
    return translate(e.template, ...e.args);
  }
  if (file !== undefined && !(e instanceof StudyError) && !(e instanceof RefiError)) {
    return describeErrorText(e, file);
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
