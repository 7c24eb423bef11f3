/**
 * The analysis step in VS Code: the matrix panel (restored after a reload, live while coding) and
 * the export commands (./exportCommands.ts). Everything counted comes from src/core/matrix.ts,
 * everything written from src/core/exports.
 */
import * as vscode from 'vscode';
import { MatrixIndex, updateMatrixIndex } from '../core/matrix';
import type { Study } from '../core/study';
import type { StudyService } from '../study/studyService';
import type { PanelState } from '../../webview/protocol';
import { DEFAULT_PANEL_STATE, MatrixOptionsSchema, PanelStateSchema, VIEW_VALUES } from '../../webview/protocol';
import { argsObject } from '../platform/commandArgs';
import type { MatrixHost } from './matrixPanel';
import { MatrixPanel } from './matrixPanel';
import { uiStrings } from './strings';
import { registerExportCommands } from './exportCommands';
import type { Feature } from '../feature';
import { Disposable, MutableDisposable, toDisposable } from '../platform/lifecycle';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';

const STATE_KEY = 'codeboom.matrix.state';

export class MatrixFeature extends Disposable implements MatrixHost {
  panel: MatrixPanel | undefined;
  private cached: { study: Study; index: MatrixIndex } | undefined;
  private readonly studyListener = this._register(new MutableDisposable());
  private readonly panelEmitter = this._register(new vscode.EventEmitter<MatrixPanel>());
  /** Fires when a panel is created or restored. */
  readonly onDidOpenPanel = this.panelEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly service: StudyService,
  ) {
    super();
    this._register(service.onDidChangeStudy((study) => this.followStudy(study)));
    this._register(
      vscode.window.registerWebviewPanelSerializer(MatrixPanel.viewType, {
        deserializeWebviewPanel: async (panel, saved: unknown) => {
          this.restore(panel, saved);
        },
      }),
    );
    this.registerCommands();
    this._register(toDisposable(() => this.panel?.dispose()));
    this.followStudy(service.study);
  }

  get extensionUri(): vscode.Uri {
    return this.context.extensionUri;
  }

  // ---------- MatrixHost ----------

  index(): MatrixIndex | undefined {
    const study = this.service.study;
    if (!study) {
      this.cached = undefined;
      return undefined;
    }
    if (!this.cached || this.cached.study !== study) {
      this.cached = { study, index: new MatrixIndex(study) };
    }
    return this.cached.index;
  }

  studyName(): string {
    return this.service.study?.name ?? '';
  }

  rememberState(state: PanelState): void {
    void this.context.workspaceState.update(STATE_KEY, state);
  }

  lastState(): PanelState {
    const saved = PanelStateSchema.safeParse(this.context.workspaceState.get(STATE_KEY));
    return this.panel?.state ?? (saved.success ? saved.data : DEFAULT_PANEL_STATE);
  }

  log(message: string): void {
    this.service.problems.output.appendLine(message);
  }

  async openPassage(codingId: string): Promise<void> {
    const study = this.service.study;
    const coding = study?.coding(codingId);
    if (!study || !coding) {
      return;
    }
    const doc = await vscode.workspace.openTextDocument(this.service.uriOf(coding.doc));
    const range = new vscode.Range(doc.positionAt(coding.start), doc.positionAt(coding.end));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, selection: range, preview: true });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  async exportFromPanel(state: PanelState, format: 'csv' | 'xlsx' | 'markdown'): Promise<void> {
    await vscode.commands.executeCommand(Command.exportMatrix, { format, view: state.view, options: state.options });
  }

  // ---------- panel ----------

  /** Opens (or reveals) the matrix panel, optionally with a view and options. */
  open(state?: Partial<PanelState>): MatrixPanel {
    const next = { ...this.lastState(), ...state };
    if (this.panel) {
      this.panel.reveal();
      if (state) {
        this.panel.setState(next);
      }
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(MatrixPanel.viewType, uiStrings().title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist')],
      enableFindWidget: true,
    });
    return this.adopt(panel, next);
  }

  private restore(panel: vscode.WebviewPanel, saved: unknown): void {
    const parsed = PanelStateSchema.safeParse(saved);
    this.adopt(panel, parsed.success ? parsed.data : this.lastState());
  }

  private adopt(panel: vscode.WebviewPanel, state: PanelState): MatrixPanel {
    this.panel?.dispose();
    const p = new MatrixPanel(panel, this, state);
    this.panel = p;
    p.onDidDispose(() => {
      if (this.panel === p) {
        this.panel = undefined;
      }
    });
    this.panelEmitter.fire(p);
    return p;
  }

  private followStudy(study: Study | undefined): void {
    this.cached = undefined;
    this.studyListener.value = study?.onDidChange((change) => {
      // A change of codings updates the index in place; anything else builds it again when next asked.
      if (this.cached && !updateMatrixIndex(this.cached.index, change)) {
        this.cached = undefined;
      }
      this.panel?.scheduleRefresh();
    });
    this.panel?.scheduleRefresh();
  }

  // ---------- commands ----------

  private registerCommands(): void {
    this._register(
      registerCommand(Command.openMatrix, (raw?: unknown) => {
        const a = argsObject(raw, 'uri');
        const state: Partial<PanelState> = {};
        if (typeof a.view === 'string' && (VIEW_VALUES as readonly string[]).includes(a.view)) {
          state.view = a.view as PanelState['view'];
        }
        const options = MatrixOptionsSchema.safeParse(a.options);
        if (options.success) {
          state.options = options.data;
        }
        return this.open(Object.keys(state).length ? state : undefined);
      }),
    );
    for (const command of registerExportCommands(this)) {
      this._register(command);
    }
  }
}

export const matrixFeature: Feature<MatrixFeature> = ({ extension, service }) => new MatrixFeature(extension, service);
