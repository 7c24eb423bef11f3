import * as vscode from 'vscode';
import type { Study, StudyChange } from '../core/study';
import type { StudyService } from '../study/studyService';
import type { MarginHostMessage, MarginModel, MarginStrings, MarginWebviewMessage } from '../../webview/margin/protocol';
import { MarginWebviewMessageSchema } from '../../webview/margin/protocol';
import { Disposable, MutableDisposable, toDisposable } from '../platform/lifecycle';
import { webviewPage } from '../platform/webviewHtml';
import { calibrateRow, marginContent, rowFraction, rowStarts, withLabels, wrapRows } from './model';
import { labelsOf } from '../coding/inlineLabels';

/** After the margin scrolled the editor, the editor's own scroll events are the echo, not news. */
const ECHO_MS = 150;
/** Study changes come in bursts while typing (codings move on every keystroke): one redraw per burst. */
const REDRAW_DELAY_MS = 50;

function strings(): MarginStrings {
  return {
    title: vscode.l10n.t('Coding Margin'),
    empty: vscode.l10n.t('No codings in this transcript yet. Select text and code it: its bracket appears here.'),
    noTranscript: vscode.l10n.t('Open a transcript of the study: its codings appear here, beside the text.'),
    bracketLabel: vscode.l10n.t('{0}, lines {1}–{2}. Click to select the passage.'),
  };
}

/**
 * A position as a fractional line: where the editor's top is inside a long wrapped line (its
 * visible range starts at the first character of the first row it shows), by the same word wrap
 * the margin gives the lines' rows.
 */
function fractionalLine(laid: Laid | undefined, document: vscode.TextDocument, at: vscode.Position, perRow: number | undefined): number {
  const text = laid?.texts[at.line] ?? document.lineAt(at.line).text;
  const column = laid ? laid.columnOf(at.line, at.character) : at.character;
  return at.line + Math.min(rowFraction(text, column, perRow), 0.999);
}

type Laid = ReturnType<typeof withLabels>;

/** Characters per row of an editor wrapping at its viewport, until what it shows tells better. */
const DEFAULT_PER_ROW = 100;
/**
 * The coding margin: a webview beside the transcript with one bracket per coding (ATLAS.ti-style),
 * laid out by the core so overlapping codings stand in different columns. It follows the active
 * transcript editor, scrolls with it both ways, redraws when the study's codings change, and a
 * click selects the coding's text in the editor.
 */
export class MarginPanel extends Disposable {
  static readonly viewType = 'codeboom.margin';
  private editor: vscode.TextEditor | undefined;
  private doc: string | undefined;
  private readonly studyListener = this._register(new MutableDisposable());
  private timer: ReturnType<typeof setTimeout> | undefined;
  private echoUntil = 0;
  /** Rows the margin shows (its 'viewport' message), and the characters per row learnt from the editor. */
  private viewportRows = 0;
  private perRow = DEFAULT_PER_ROW;
  /** Where the editor wraps as the last model said (undefined: it does not). */
  private wrapAt: number | undefined;
  /** The lines as laid out with their inline labels, as the last model had them. */
  private laid: Laid | undefined;
  /** What the last model sent showed (doc, rows, brackets), to skip sending the same again. */
  private lastKey = '';
  private disposed = false;
  /** True once the webview's script said it is listening. */
  ready = false;
  /** The last model posted, for tests. */
  lastModel: MarginModel | undefined;
  private readonly postEmitter = new vscode.EventEmitter<MarginHostMessage>();
  readonly onDidPost = this.postEmitter.event;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly service: StudyService,
    extensionUri: vscode.Uri,
    private readonly log: (message: string) => void,
  ) {
    super();
    this._register(this.postEmitter);
    this._register(this.disposeEmitter);
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
    panel.webview.html = webviewPage(panel.webview, extensionUri, 'margin.js', strings().title);
    this._register(panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.onDidChangeViewState((e) => e.webviewPanel.visible && this.postModel()));
    this._register(vscode.window.onDidChangeActiveTextEditor((e) => e && this.follow(e)));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.keepEditor()));
    this._register(vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.editorScrolled(e)));
    this._register(service.onDidChangeStudy((study) => this.attach(study)));
    this._register(toDisposable(() => this.timer && clearTimeout(this.timer)));
    this.attach(service.study);
    const active = vscode.window.activeTextEditor;
    const first = active && service.docPath(active.document.uri) ? active : this.transcriptEditors()[0];
    if (first) {
      this.follow(first);
    }
  }

  /** The transcript the margin shows (its path in the study), if any. */
  get transcript(): string | undefined {
    return this.doc;
  }

  /** The editor the margin follows, if any. */
  get followed(): vscode.TextEditor | undefined {
    return this.editor;
  }

  /** Follows `editor` when it shows a transcript of the study (other editors leave the margin as it is). */
  follow(editor: vscode.TextEditor): void {
    const doc = this.service.docPath(editor.document.uri);
    if (!doc || (editor === this.editor && doc === this.doc)) {
      return;
    }
    this.editor = editor;
    this.doc = doc;
    this.postModel();
  }

  /** Handles one message from the webview; anything that does not parse is dropped (and logged). */
  async receive(raw: unknown): Promise<void> {
    const parsed = MarginWebviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.log(
        `margin: ignored an invalid message from the webview: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
      return;
    }
    const msg: MarginWebviewMessage = parsed.data;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.postModel();
        break;
      case 'select':
        await this.select(msg.coding);
        break;
      case 'scroll':
        this.scrollEditor(msg.line);
        break;
      case 'viewport':
        this.viewportRows = msg.rows;
        this.postModel();
        break;
    }
  }

  /** Selects a coding's text in the transcript's editor (opened in its column when not visible). */
  async select(codingId: string): Promise<vscode.TextEditor | undefined> {
    const coding = this.service.study?.coding(codingId);
    if (!coding || coding.orphaned) {
      return undefined;
    }
    let editor = this.transcriptEditors().find((e) => this.service.docPath(e.document.uri) === coding.doc);
    if (!editor) {
      const document = await vscode.workspace.openTextDocument(this.service.uriOf(coding.doc));
      editor = await vscode.window.showTextDocument(document, { viewColumn: this.editor?.viewColumn ?? vscode.ViewColumn.One });
    } else {
      editor = await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
    }
    const range = new vscode.Range(editor.document.positionAt(coding.start), editor.document.positionAt(coding.end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  /** Redraws soon, coalescing bursts of study changes (typing moves codings on every keystroke). */
  private schedule(): void {
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.postModel(false);
      }, REDRAW_DELAY_MS);
    }
  }

  private attach(study: Study | undefined): void {
    this.studyListener.value = study?.onDidChange((e: StudyChange) => {
      if (e.reloaded || e.codebook || (this.doc !== undefined && e.docs.includes(this.doc))) {
        this.schedule();
      }
    });
    this.postModel();
  }

  private transcriptEditors(): vscode.TextEditor[] {
    return vscode.window.visibleTextEditors.filter((e) => this.service.docPath(e.document.uri));
  }

  /** When the followed editor closes, another editor of the same transcript (or any transcript) takes over. */
  private keepEditor(): void {
    if (this.editor && vscode.window.visibleTextEditors.includes(this.editor)) {
      return;
    }
    const editors = this.transcriptEditors();
    const same = editors.find((e) => this.service.docPath(e.document.uri) === this.doc);
    this.editor = same ?? editors[0];
    if (!same) {
      this.doc = this.editor ? this.service.docPath(this.editor.document.uri) : undefined;
      this.postModel();
    }
  }

  private topLine(): number {
    const start = this.editor?.visibleRanges[0]?.start;
    return this.editor && start ? fractionalLine(this.laid, this.editor.document, start, this.wrapAt) : 0;
  }

  private editorScrolled(e: vscode.TextEditorVisibleRangesChangeEvent): void {
    if (e.textEditor !== this.editor || Date.now() < this.echoUntil) {
      return;
    }
    const start = e.visibleRanges[0]?.start;
    this.post({ type: 'scroll', line: start ? fractionalLine(this.laid, e.textEditor.document, start, this.wrapAt) : 0 });
  }

  private scrollEditor(line: number): void {
    const editor = this.editor;
    if (!editor) {
      return;
    }
    const at = Math.min(Math.floor(line), Math.max(0, editor.document.lineCount - 1));
    // into a wrapped line: the character as far into it as the margin is into the line's rows
    const text = editor.document.lineAt(at).text;
    const rows = this.wrapAt ? rowStarts(text, this.wrapAt) : [0];
    const character = rows[Math.min(rows.length - 1, Math.floor((line - at) * rows.length))];
    this.echoUntil = Date.now() + ECHO_MS;
    editor.revealRange(new vscode.Range(at, character, at, character), vscode.TextEditorRevealType.AtTop);
  }

  /** The model of the followed transcript now (undefined without one). */
  model(): MarginModel | undefined {
    const study = this.service.study;
    const editor = this.editor;
    const doc = this.doc;
    if (!study || !editor || !doc || !study.document(doc)) {
      return undefined;
    }
    const document = editor.document;
    const lines = Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i).text);
    const drawn = vscode.workspace.getConfiguration('codeboom').get<boolean>('inlineLabels', true);
    const labels = drawn
      ? labelsOf(study, doc).map((l) => {
          const at = document.positionAt(l.offset);
          return { line: at.line, character: at.character, label: l.text };
        })
      : [];
    const laid = withLabels(lines, labels);
    this.laid = laid;
    const texts = laid.texts;
    const perRow = this.charactersPerRow(editor, texts);
    this.wrapAt = perRow;
    const rows = wrapRows(texts, perRow);
    const content = marginContent(
      study,
      doc,
      (offset) => document.positionAt(offset).line,
      (offset, end) => {
        const at = document.positionAt(offset);
        return at.line + rowFraction(texts[at.line], laid.columnOf(at.line, at.character), perRow, end);
      },
    );
    // the breadcrumbs bar (22 px) stands above the editor's first row, not above the margin's
    const inset = vscode.workspace.getConfiguration('breadcrumbs').get<boolean>('enabled', true) ? 22 : 0;
    return { type: 'model', doc, lineCount: document.lineCount, rows, ...content, inset, top: this.topLine(), strings: strings() };
  }

  /**
   * Where the editor wraps, roughly: not at all, at its wrap column, or (wrapping at the viewport,
   * Markdown's default) at the width that makes the lines it shows fill as many rows as the margin
   * shows (both panels are as tall). The API does not tell where an editor wraps.
   */
  private charactersPerRow(editor: vscode.TextEditor, lines: readonly string[]): number | undefined {
    const config = vscode.workspace.getConfiguration('editor', editor.document);
    const wrap = config.get<string>('wordWrap', 'off');
    if (wrap === 'off') {
      return undefined;
    }
    if (wrap !== 'on') {
      return config.get<number>('wordWrapColumn', 80);
    }
    const shown = editor.visibleRanges[0];
    if (shown && this.viewportRows > 0) {
      // the editor is a little shorter than the margin (its breadcrumbs): one row less
      // only the rows shown: the first line from the row at the top, the last up to the bottom
      const visible = lines.slice(shown.start.line, shown.end.line + 1);
      const columnOf = this.laid?.columnOf ?? ((_: number, c: number) => c);
      visible[visible.length - 1] = visible[visible.length - 1].slice(0, columnOf(shown.end.line, shown.end.character));
      visible[0] = visible[0].slice(columnOf(shown.start.line, shown.start.character));
      const learnt = calibrateRow(visible, Math.floor(this.viewportRows) - 1);
      this.perRow = learnt ?? this.perRow;
    }
    return this.perRow;
  }

  /**
   * Sends the model of the followed transcript. After a study change (`always` false) only when it
   * differs from the last one sent: typing inside a passage moves codings without changing their lines.
   */
  private postModel(always = true): void {
    if (!this.ready || this.disposed || !this.panel.visible) {
      return;
    }
    const model = this.model();
    if (model) {
      this.panel.title = `${strings().title}: ${model.doc.split('/').pop()}`;
      const key = JSON.stringify([model.doc, model.rows, model.brackets]);
      if (!always && key === this.lastKey) {
        return;
      }
      this.lastKey = key;
    }
    this.post(model ?? { type: 'noTranscript', strings: strings() });
  }

  private post(message: MarginHostMessage): void {
    if (this.disposed || !this.ready) {
      return;
    }
    if (message.type === 'model') {
      this.lastModel = message;
    }
    void this.panel.webview.postMessage(message);
    this.postEmitter.fire(message);
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  override dispose(): void {
    // Disposing the panel fires its onDidDispose, which lands here again: the flag is set first.
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.disposeEmitter.fire();
    this.panel.dispose();
    super.dispose();
  }
}
