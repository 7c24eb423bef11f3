import * as vscode from 'vscode';
import type { MatrixIndex } from '../core/matrix';
import type { HostMessage, PanelState, WebviewMessage } from '../../webview/protocol';
import { WebviewMessageSchema } from '../../webview/protocol';
import { webviewPage } from '../platform/webviewHtml';
import { exportLabels, uiStrings } from './strings';
import { choices, coverageView, matrixView, passages, sanitizeState, saturationView, synthesisView } from './viewModel';
import { Disposable } from '../platform/lifecycle';

/** What the panel needs from its feature. */
export interface MatrixHost {
  readonly extensionUri: vscode.Uri;
  /** The index of the open study (rebuilt after changes), or undefined when none is open. */
  index(): MatrixIndex | undefined;
  studyName(): string;
  rememberState(state: PanelState): void;
  openPassage(coding: string): Promise<void>;
  exportFromPanel(state: PanelState, format: 'csv' | 'xlsx' | 'markdown'): Promise<void>;
  log(message: string): void;
}

const REFRESH_DELAY_MS = 150;

/**
 * One matrix webview panel: sends the computed model after the webview's `ready`, re-sends it when
 * the study or the panel's options change, and answers cell clicks with the passages behind them.
 */
export class MatrixPanel extends Disposable {
  static readonly viewType = 'codeboom.matrix';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** True once the webview's script said it is listening. */
  ready = false;
  state: PanelState;
  /** The last messages posted, for tests. */
  lastModel: Extract<HostMessage, { type: 'model' }> | undefined;
  lastPassages: Extract<HostMessage, { type: 'passages' }> | undefined;
  private readonly postEmitter = new vscode.EventEmitter<HostMessage>();
  readonly onDidPost = this.postEmitter.event;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly host: MatrixHost,
    state: PanelState,
  ) {
    super();
    this.state = state;
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(host.extensionUri, 'dist')] };
    panel.webview.html = webviewPage(panel.webview, host.extensionUri, 'webview.js', uiStrings().title);
    this._register(panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible && this.ready) {
          this.refresh();
        }
      }),
    );
    this._register(this.postEmitter);
    this._register(this.disposeEmitter);
  }

  /** Handles one message from the webview; anything that does not parse is dropped (and logged). */
  async receive(raw: unknown): Promise<void> {
    const parsed = WebviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.host.log(
        `matrix: ignored an invalid message from the webview: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
      return;
    }
    const msg: WebviewMessage = parsed.data;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.postModel();
        break;
      case 'setState': {
        const before = this.state;
        this.state = msg.state;
        this.host.rememberState(msg.state);
        // collapsing rows is the webview's business; only a new view or new options need counting
        if (JSON.stringify(before.options) !== JSON.stringify(msg.state.options) || before.view !== msg.state.view) {
          this.postModel();
        }
        break;
      }
      case 'openCell': {
        const index = this.host.index();
        if (index) {
          const result = passages(index, this.state, msg.row, msg.column, exportLabels().noValue);
          this.post({ type: 'passages', row: msg.row, column: msg.column, ...result });
        }
        break;
      }
      case 'openPassage':
        await this.host.openPassage(msg.coding);
        break;
      case 'export':
        this.post({ type: 'busy', busy: true });
        try {
          await this.host.exportFromPanel(this.state, msg.format);
        } finally {
          this.post({ type: 'busy', busy: false });
        }
        break;
    }
  }

  /** Recomputes soon (coalescing bursts of study changes while coding). */
  scheduleRefresh(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, REFRESH_DELAY_MS);
  }

  refresh(): void {
    if (this.ready && this.panel.visible) {
      this.postModel();
    }
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  setState(state: PanelState): void {
    this.state = state;
    this.host.rememberState(state);
    this.postModel();
  }

  private postModel(): void {
    if (!this.ready || this.disposed) {
      return;
    }
    const index = this.host.index();
    const strings = uiStrings();
    if (!index) {
      this.post({ type: 'noStudy', strings });
      return;
    }
    const labels = exportLabels();
    this.state = sanitizeState(index, this.state);
    const s = this.state;
    const message: HostMessage = {
      type: 'model',
      study: this.host.studyName(),
      state: s,
      choices: choices(index, labels),
      strings,
      ...(s.view === 'matrix' ? { matrix: matrixView(index, s.options) } : {}),
      ...(s.view === 'coverage' ? { coverage: coverageView(index, s.options) } : {}),
      ...(s.view === 'synthesis' ? { synthesis: synthesisView(index, s.options, labels) } : {}),
      ...(s.view === 'saturation' ? { saturation: saturationView(index, s.options) } : {}),
    };
    this.post(message);
  }

  private post(message: HostMessage): void {
    if (this.disposed) {
      return;
    }
    if (message.type === 'model') {
      this.lastModel = message;
    } else if (message.type === 'passages') {
      this.lastPassages = message;
    }
    void this.panel.webview.postMessage(message);
    this.postEmitter.fire(message);
  }

  override dispose(): void {
    // Disposing the panel fires its onDidDispose, which lands here again: the flag is set first.
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.disposeEmitter.fire();
    this.panel.dispose();
    super.dispose();
  }
}
