import * as vscode from 'vscode';
import type { Study, StudyChange } from '../core/study';
import type { StudyService } from '../study/studyService';
import type { MarginHostMessage, MarginModel, MarginStrings, MarginWebviewMessage } from '../../webview/margin/protocol';
import { MarginWebviewMessageSchema } from '../../webview/margin/protocol';
import { Disposable, MutableDisposable, toDisposable } from '../platform/lifecycle';
import { webviewPage } from '../platform/webviewHtml';
import { marginContent, rowFraction, rowStarts, wrapRows } from './model';
import type { Learnt, Shown } from './viewport';
import { hiddenAbove, learn, perRowOf, shiftUp } from './viewport';

/**
 * After the margin scrolled the editor, the editor's scroll events are the echo, not news: those at
 * the positions the margin asked for, and any for a moment after (the editor may stop a little off
 * the position asked for; sent back while the user still scrolls the margin, they pulled it back).
 * Once the echoes stop for that moment, the margin is told where the editor is, so the two agree
 * however late the echo came (a late echo used to leave them 5 rows apart, -107 px).
 */
const ECHOES_KEPT = 20;
const ECHO_MS = 300;
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
function fractionalLine(document: vscode.TextDocument, at: vscode.Position, perRow: number | undefined): number {
  return at.line + Math.min(rowFraction(document.lineAt(at.line).text, at.character, perRow), 0.999);
}

/** The margin's row height in pixels (webview/margin/main.ts), for the breadcrumbs' share of a row. */
const LINE_PX = 19;
/**
 * Settings that change where the editor's rows are (its wrapping, font, minimap, line numbers, zoom,
 * breadcrumbs, the workbench's parts): the margin learns the editor's width again and lays it out again.
 */
const LAYOUT_SETTINGS = ['editor', 'window.zoomLevel', 'breadcrumbs', 'workbench'];
/**
 * After a sign of a resize, the editor's visible ranges may come first from before it wrapped its
 * lines again, then from after: for this long each view counts alone.
 */
const FRESH_MS = 1500;

/**
 * What `editor` shows, from its visible ranges (the rows it shows completely) of its `lines`,
 * with the editor's height in rows: the margin's (`viewportRows`) less the breadcrumbs' `inset`.
 */
function shownIn(editor: vscode.TextEditor, lines: readonly string[], viewportRows: number, inset: number): Shown | undefined {
  const ranges = editor.visibleRanges;
  if (ranges.length === 0 || viewportRows <= 0) {
    return undefined;
  }
  const texts: string[] = [];
  for (const r of ranges) {
    for (let line = r.start.line; line <= r.end.line; line++) {
      const text = lines[line] ?? '';
      texts.push(text.slice(line === r.start.line ? r.start.character : 0, line === r.end.line ? r.end.character : text.length));
    }
  }
  const first = ranges[0].start;
  const last = ranges[ranges.length - 1].end;
  const lastLine = editor.document.lineCount - 1;
  const breaks = [first, last]
    .map((at) => ({ text: lines[at.line] ?? '', at: at.character }))
    .filter((b) => b.at > 0 && b.at < b.text.length);
  return {
    texts,
    breaks,
    height: viewportRows - inset / LINE_PX,
    atStart: first.line === 0 && first.character === 0,
    atEnd: last.line >= lastLine && last.character >= editor.document.lineAt(lastLine).text.length,
  };
}

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
  /** Where the margin scrolled the editor to (oldest first): the editor's top rows it has not shown yet. */
  private echoes: vscode.Position[] = [];
  /** Until then the editor's scroll events are the echo of the margin's (Date.now()). */
  private echoUntil = 0;
  /** Tells the margin where the editor is once the margin stopped scrolling it. */
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Rows the margin shows (its 'viewport' message), and the characters per row learnt from the editor. */
  private viewportRows = 0;
  /** The widths the followed editor may wrap at, learnt from what it shows (reset when it, its size or a setting changes). */
  private learnt: Learnt | undefined;
  /** Until then each view of the editor counts alone: it was just resized (Date.now()). */
  private freshUntil = 0;
  /** The margin's own size in pixels (its 'viewport' message): when it changes, the editor's may have. */
  private viewportSize = '';
  /** Rows each line takes, as the last model had them. */
  private rows: readonly number[] = [];
  /** Where the editor wraps as the last model said (undefined: it does not). */
  private wrapAt: number | undefined;
  /** The transcript's lines, as the last model had them. */
  private lines: readonly string[] | undefined;
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
    this._register(
      vscode.window.onDidChangeVisibleTextEditors(() => {
        // an editor opened or closed beside it (a split) may have resized the followed editor
        this.resized();
        this.keepEditor();
      }),
    );
    this._register(vscode.window.onDidChangeTextEditorViewColumn((e) => e.textEditor === this.editor && this.resized()));
    this._register(vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.editorScrolled(e)));
    this._register(service.onDidChangeStudy((study) => this.attach(study)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (LAYOUT_SETTINGS.some((key) => e.affectsConfiguration(key))) {
          this.resized();
          this.postModel();
        }
      }),
    );
    this._register(toDisposable(() => this.timer && clearTimeout(this.timer)));
    this._register(toDisposable(() => this.settleTimer && clearTimeout(this.settleTimer)));
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
    this.resized();
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
      case 'viewport': {
        this.viewportRows = msg.rows;
        // the margin stands in the same row of editor groups as the editor: a change of its size
        // (sidebar, panel, window, zoom, a group beside) is a sign that the editor's size changed too
        const size = `${msg.rows}x${msg.width ?? ''}`;
        if (size !== this.viewportSize) {
          this.viewportSize = size;
          this.resized();
        }
        this.postModel();
        break;
      }
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

  /**
   * The line at the editor's top edge: its first row shown completely (visible ranges leave out a row
   * partly scrolled past), less the part of a row above it.
   */
  private topLine(): number {
    const editor = this.editor;
    const start = editor?.visibleRanges[0]?.start;
    if (!editor || !start) {
      return 0;
    }
    const line = fractionalLine(editor.document, start, this.wrapAt);
    const shown = this.lines && shownIn(editor, this.lines, this.viewportRows, this.inset());
    return shown ? shiftUp(line, hiddenAbove(shown, this.wrapAt), this.rows) : line;
  }

  /** Pixels above the editor's first row that the margin leaves free: the breadcrumbs bar (22 px). */
  private inset(): number {
    return vscode.workspace.getConfiguration('breadcrumbs').get<boolean>('enabled', true) ? 22 : 0;
  }

  /**
   * The editor scrolled or was resized (its visible ranges change either way): when what it shows now
   * tells another width, the margin lays the transcript out again; otherwise it scrolls along.
   */
  private editorScrolled(e: vscode.TextEditorVisibleRangesChangeEvent): void {
    if (e.textEditor !== this.editor) {
      return;
    }
    if (this.lines) {
      this.observe(e.textEditor, this.lines);
    }
    if (this.lines && this.wrapWidth(e.textEditor, this.lines) !== this.wrapAt) {
      this.postModel();
      return;
    }
    const start = e.visibleRanges[0]?.start;
    const echo = start ? this.echoes.findIndex((p) => p.isEqual(start)) : -1;
    if (echo >= 0 || Date.now() < this.echoUntil) {
      // the editor is where the margin sent it (and past the positions asked for before), or on its way
      this.echoes.splice(0, echo + 1);
      this.settleSoon();
      return;
    }
    this.echoes = [];
    this.post({ type: 'scroll', line: this.topLine() });
  }

  /** Once the echoes stop, tells the margin exactly where the editor stands (it may stop a little off). */
  private settleSoon(): void {
    if (this.settleTimer) {
      clearTimeout(this.settleTimer);
    }
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      this.post({ type: 'scroll', line: this.topLine() });
    }, ECHO_MS);
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
    this.echoes.push(new vscode.Position(at, character));
    this.echoes.splice(0, this.echoes.length - ECHOES_KEPT);
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
    // the inline labels take no columns: they are drawn with CSS (::before), and the editor wraps the text alone
    this.lines = lines;
    const perRow = this.wrapWidth(editor, lines);
    this.wrapAt = perRow;
    const rows = wrapRows(lines, perRow);
    this.rows = rows;
    const content = marginContent(
      study,
      doc,
      (offset) => document.positionAt(offset).line,
      (offset, end) => {
        const at = document.positionAt(offset);
        return at.line + rowFraction(lines[at.line], at.character, perRow, end);
      },
    );
    // the breadcrumbs bar stands above the editor's first row, not above the margin's
    const inset = this.inset();
    return {
      type: 'model',
      doc,
      lineCount: document.lineCount,
      rows,
      ...content,
      inset,
      top: this.topLine(),
      wrap: perRow,
      strings: strings(),
    };
  }

  /**
   * Where the editor wraps: not at all, at its wrap column, or (wrapping at the viewport, Markdown's
   * default, or bounded by the column) at a width learnt from the rows it shows (src/margin/viewport.ts):
   * the API does not tell where an editor wraps.
   */
  private wrapWidth(editor: vscode.TextEditor, lines: readonly string[]): number | undefined {
    const config = vscode.workspace.getConfiguration('editor', editor.document);
    const wrap = config.get<string>('wordWrap', 'off');
    const column = config.get<number>('wordWrapColumn', 80);
    if (wrap === 'off' || wrap === 'wordWrapColumn') {
      return wrap === 'off' ? undefined : column;
    }
    const cap = wrap === 'bounded' ? column : Infinity;
    if (!this.learnt) {
      this.observe(editor, lines);
    }
    const shown = shownIn(editor, lines, this.viewportRows, this.inset());
    return perRowOf(this.learnt?.width, Math.min(cap, DEFAULT_PER_ROW), shown?.breaks);
  }

  /** Learns from what `editor` shows now (each view once: on its visible-range change, or after a reset). */
  private observe(editor: vscode.TextEditor, lines: readonly string[]): void {
    const config = vscode.workspace.getConfiguration('editor', editor.document);
    const cap = config.get<string>('wordWrap', 'off') === 'bounded' ? config.get<number>('wordWrapColumn', 80) : Infinity;
    const shown = shownIn(editor, lines, this.viewportRows, this.inset());
    if (shown) {
      this.learnt = learn(Date.now() < this.freshUntil ? undefined : this.learnt, shown, cap);
    }
  }

  /** A sign that the editor's size or layout changed: what the margin learnt of its width no longer holds. */
  private resized(): void {
    this.learnt = undefined;
    this.freshUntil = Date.now() + FRESH_MS;
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
