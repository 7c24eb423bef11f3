/**
 * One way to register a command: the model's refusals (a StudyError: a cycle, a code still in use, a
 * read-only study) are shown to the user as an error message and the command returns undefined; any
 * other error propagates to VS Code as before. Every feature registers its commands through here.
 */
import * as vscode from 'vscode';
import { errorMessage, showStudyErrors } from '../l10n/coreMessages';
import type { CommandId } from './ids';

// Handlers declare the arguments they accept (from menus, hovers, tests and scripts): `never[]`
// lets any parameter list through while keeping the handler's own types.
export type CommandHandler = (...args: never[]) => unknown;

export function registerCommand(id: CommandId, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, (...args: unknown[]) => showStudyErrors(() => handler(...(args as never[]))));
}

/** Sets a context key for `when` clauses (package.json). */
export function setContext(key: string, value: unknown): void {
  void vscode.commands.executeCommand('setContext', key, value);
}

/**
 * Shows an error the one way Codeboom shows errors: "Codeboom: …" in an error message, about `file`
 * when it concerns one (a sentence that names the file and says what to do, not a raw EACCES or
 * parser message), and logged to `log` when the feature keeps an output channel.
 */
export function showError(e: unknown, file?: string, log?: vscode.OutputChannel): void {
  const message = errorMessage(e, file);
  log?.appendLine(vscode.l10n.t('Error: {0}', message));
  void vscode.window.showErrorMessage(vscode.l10n.t('Codeboom: {0}', message));
}
