/**
 * Composition root: creates the study service and wires every feature to it. Features only map
 * the model (tree, decorations, webview, status bar); every registration is disposed.
 */
import * as vscode from 'vscode';
import { StudyService } from './study/studyService';
import { registerStudyCommands } from './study/studyCommands';
import { StatusBar } from './status/statusBar';

export interface CodeboomApi {
  readonly service: StudyService;
  /** Resolves once the first study lookup after activation has finished. */
  readonly ready: Promise<void>;
}

let service: StudyService | undefined;

export function activate(context: vscode.ExtensionContext): CodeboomApi {
  const started = Date.now();
  service = new StudyService();
  context.subscriptions.push(service, new StatusBar(service), ...registerStudyCommands(service));
  void vscode.commands.executeCommand('setContext', 'codeboom.studyOpen', false);
  context.subscriptions.push(
    service.onDidChangeState((s) => void vscode.commands.executeCommand('setContext', 'codeboom.studyOpen', s.kind === 'ready')),
    service.onDidReanchor((r) => {
      if (r.orphaned > 0 || r.fuzzy > 0 || r.moved > 0) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Codeboom: {0} changed outside the editor — {1} codings moved, {2} found approximately, {3} orphaned.', r.doc, r.moved, r.fuzzy, r.orphaned),
        );
      }
    }),
  );
  const svc = service;
  const ready = (async () => {
    const root = await svc.findStudyRoot();
    if (root) {
      await svc.open(root);
    }
    svc.problems.output.appendLine(`Activated in ${Date.now() - started} ms`);
  })();
  return { service: svc, ready };
}

export async function deactivate(): Promise<void> {
  await service?.flush();
  service = undefined;
}
