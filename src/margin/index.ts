/**
 * The coding margin: a webview panel beside the transcript with one bracket per coding, in columns
 * so overlapping codings never hide each other (ATLAS.ti-style). The layout is the core's
 * (src/core/margin.ts); the page is webview/margin/. The inline code labels in the editor itself
 * are the coding feature's (src/coding/inlineLabels.ts).
 */
import * as vscode from 'vscode';
import type { Feature, FeatureContext } from '../feature';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';
import { Disposable, toDisposable } from '../platform/lifecycle';
import type { StudyService } from '../study/studyService';
import { MarginPanel } from './marginPanel';

export class MarginFeature extends Disposable {
  /** The open margin panel, if any (one at a time). */
  panel: MarginPanel | undefined;
  private readonly service: StudyService;
  private readonly extensionUri: vscode.Uri;

  constructor({ service, extension }: FeatureContext) {
    super();
    this.service = service;
    this.extensionUri = extension.extensionUri;
    this._register(registerCommand(Command.showCodingMargin, () => this.open()));
    this._register(toDisposable(() => this.panel?.dispose()));
  }

  /** Opens the margin beside the active transcript (or reveals it); it follows the active transcript. */
  open(): MarginPanel {
    if (this.panel) {
      this.panel.reveal();
      const active = vscode.window.activeTextEditor;
      if (active) {
        this.panel.follow(active);
      }
      return this.panel;
    }
    const webview = vscode.window.createWebviewPanel(
      MarginPanel.viewType,
      vscode.l10n.t('Coding Margin'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')] },
    );
    const panel = new MarginPanel(webview, this.service, this.extensionUri, (m) => this.service.problems.output.appendLine(m));
    panel.onDidDispose(() => {
      if (this.panel === panel) {
        this.panel = undefined;
      }
    });
    this.panel = panel;
    return panel;
  }
}

export const marginFeature: Feature<MarginFeature> = (ctx) => new MarginFeature(ctx);
