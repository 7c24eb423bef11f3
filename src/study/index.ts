/**
 * The study feature: commands about the study as a whole, the context keys that menus read, and
 * the note after a transcript changed outside the editor. The study service itself (the model) is
 * made by the composition root and shared with every feature through the FeatureContext.
 */
import * as vscode from 'vscode';
import type { Feature } from '../feature';
import { Disposable } from '../platform/lifecycle';
import { setContext } from '../platform/commands';
import { ContextKey } from '../platform/ids';
import { registerStudyCommands } from './studyCommands';
import type { StudyService } from './studyService';
import { counted } from '../core/plural';

class StudyFeature extends Disposable {
  constructor(
    private readonly service: StudyService,
    extensionUri: vscode.Uri,
  ) {
    super();
    for (const command of registerStudyCommands(service, extensionUri)) {
      this._register(command);
    }
    this._register(service.onDidChangeState((s) => setContext(ContextKey.studyOpen, s.kind === 'ready')));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.updateTranscriptContext()));
    this._register(service.onDidChangeStudy(() => this.updateTranscriptContext()));
    this._register(
      service.onDidReanchor((r) => {
        void vscode.window.showInformationMessage(
          vscode.l10n.t(
            'Codeboom: {0} changed outside the editor — {1} moved, {2} found approximately, {3} orphaned.',
            r.doc,
            counted(r.moved, 'coding'),
            r.fuzzy,
            r.orphaned,
          ),
        );
      }),
    );
    setContext(ContextKey.studyOpen, false);
  }

  private updateTranscriptContext(): void {
    const editor = vscode.window.activeTextEditor;
    setContext(ContextKey.isTranscript, !!editor && !!this.service.docPath(editor.document.uri));
  }
}

export const studyFeature: Feature = ({ service, extension }) => new StudyFeature(service, extension.extensionUri);
