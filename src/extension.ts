/**
 * Composition root: creates the study service and wires every feature to it. Features only map
 * the model (tree, decorations, webview, status bar); every registration is disposed.
 */
import * as vscode from 'vscode';
import { StudyService } from './study/studyService';
import { registerStudyCommands } from './study/studyCommands';
import { StatusBar } from './status/statusBar';
import { ColorIcons } from './coding/colorIcons';
import { CodingCommands } from './coding/codingCommands';
import { CodingDecorations } from './coding/decorations';
import { CodingHover } from './coding/hover';
import { registerMethod } from './method';
import { registerTree } from './tree';
import type { TreeApi } from './tree';
import { registerMatrix } from './matrix/matrixFeature';
import type { MatrixFeature } from './matrix/matrixFeature';
import { registerRefi } from './refi/refiCommands';
import { registerWelcome } from './welcome';
import { configureCoreL10n } from './l10n';

export interface CodeboomApi {
  readonly service: StudyService;
  readonly decorations: CodingDecorations;
  readonly coding: CodingCommands;
  /** Resolves once the first study lookup after activation has finished. */
  readonly ready: Promise<void>;
  /** Milliseconds from activate() being called to its return (the synchronous part). */
  readonly activationMs: number;
  /** Milliseconds from activate() being called until the study was loaded (set when ready resolves). */
  readonly timings: { readyMs?: number };
  /** The sidebar views (code tree, quotations, transcripts, literature factors) and their providers. */
  readonly tree: TreeApi;
  /** The matrix panel and the analysis exports. */
  readonly matrix: MatrixFeature;
}

let service: StudyService | undefined;

export function activate(context: vscode.ExtensionContext): CodeboomApi {
  const started = performance.now();
  configureCoreL10n();
  const svc = new StudyService();
  service = svc;
  const icons = new ColorIcons(context.globalStorageUri);
  const decorations = new CodingDecorations(svc);
  const coding = new CodingCommands(svc, icons, context.workspaceState);
  context.subscriptions.push(
    svc,
    decorations,
    coding,
    new StatusBar(svc),
    ...registerStudyCommands(svc, context.extensionUri),
    vscode.languages.registerHoverProvider({ language: 'markdown' }, new CodingHover(svc)),
    svc.onDidChangeState((s) => void vscode.commands.executeCommand('setContext', 'codeboom.studyOpen', s.kind === 'ready')),
    vscode.window.onDidChangeActiveTextEditor(() => updateTranscriptContext(svc)),
    svc.onDidChangeStudy(() => updateTranscriptContext(svc)),
    svc.onDidReanchor((r) => {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Codeboom: {0} changed outside the editor — {1} codings moved, {2} found approximately, {3} orphaned.',
          r.doc,
          r.moved,
          r.fuzzy,
          r.orphaned,
        ),
      );
    }),
  );
  // Feature registrations: one line per feature folder (tree, matrix, refi, method, …).
  context.subscriptions.push(...registerRefi(svc));
  const tree = registerTree(context, svc, icons);
  context.subscriptions.push(...registerMethod(svc, icons));
  const matrix = registerMatrix(context, svc);
  context.subscriptions.push(matrix);
  context.subscriptions.push(registerWelcome(context, svc));
  // (features:end)
  void vscode.commands.executeCommand('setContext', 'codeboom.studyOpen', false);
  const timings: { readyMs?: number } = {};
  const ready = (async () => {
    const root = await svc.findStudyRoot();
    if (root) {
      await svc.open(root);
    }
    timings.readyMs = performance.now() - started;
  })();
  const activationMs = performance.now() - started;
  svc.problems.output.appendLine(`Activated in ${activationMs.toFixed(1)} ms`);
  return { service: svc, decorations, coding, ready, activationMs, timings, tree, matrix };
}

function updateTranscriptContext(svc: StudyService): void {
  const editor = vscode.window.activeTextEditor;
  void vscode.commands.executeCommand('setContext', 'codeboom.isTranscript', !!editor && !!svc.docPath(editor.document.uri));
}

export async function deactivate(): Promise<void> {
  await service?.flush();
  service = undefined;
}
