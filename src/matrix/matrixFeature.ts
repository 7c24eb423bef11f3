/**
 * The analysis step in VS Code: the matrix panel (restored after a reload, live while coding) and
 * the export commands. Everything counted comes from src/core/matrix.ts, everything written from
 * src/core/exports.
 */
import * as vscode from 'vscode';
import { MatrixIndex } from '../core/matrix';
import type { MatrixFilters, MatrixOptions } from '../core/matrix';
import { saturationMarkdown, saturationSvg } from '../core/saturation';
import type { ExportLabels } from '../core/exports/labels';
import { encodeText } from '../core/port';
import type { Study } from '../core/study';
import type { ExportContext } from '../core/exports';
import { exportCodebook, exportGioia, exportRespondents, exportSynthesis, exportView } from '../core/exports';
import { codebookFileLabel, exportBaseName } from '../core/exports/choices';
import type { StudyService } from '../study/studyService';
import type { PanelState } from '../../webview/protocol';
import { DEFAULT_PANEL_STATE, MatrixOptionsSchema, PanelStateSchema, VIEW_VALUES } from '../../webview/protocol';
import type { MatrixHost } from './matrixPanel';
import { MatrixPanel } from './matrixPanel';
import type { FormatChoice } from './exportFiles';
import { runExport, writeFileAtomic } from './exportFiles';
import { exportLabels, uiStrings } from './strings';
import { saturationPoints } from './viewModel';
import type { Feature } from '../feature';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';
import { Disposable, MutableDisposable, toDisposable } from '../platform/lifecycle';

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
    for (const command of this.registerCommands()) {
      this._register(command);
    }
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
    this.studyListener.value = study?.onDidChange(() => {
      this.cached = undefined;
      this.panel?.scheduleRefresh();
    });
    this.panel?.scheduleRefresh();
  }

  // ---------- commands ----------

  private exportContext(): ExportContext | undefined {
    const index = this.index();
    if (!index) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: no study is open.'));
      return undefined;
    }
    return { index, labels: exportLabels(), creator: this.service.activeCoder.name, now: new Date() };
  }

  private registerCommands(): vscode.Disposable[] {
    const folder = (): vscode.Uri | undefined => this.service.root;
    const args = (a: unknown): Record<string, unknown> =>
      a && typeof a === 'object' && !(a instanceof vscode.Uri) ? (a as Record<string, unknown>) : a instanceof vscode.Uri ? { uri: a } : {};
    const csv: FormatChoice<'csv'> = { format: 'csv', label: vscode.l10n.t('CSV (Excel, UTF-8)'), extension: 'csv' };
    const xlsx: FormatChoice<'xlsx'> = { format: 'xlsx', label: vscode.l10n.t('Excel workbook'), extension: 'xlsx' };
    const md: FormatChoice<'markdown'> = { format: 'markdown', label: vscode.l10n.t('Markdown'), extension: 'md' };
    const html: FormatChoice<'html'> = { format: 'html', label: vscode.l10n.t('Web page (HTML)'), extension: 'html' };
    const svg: FormatChoice<'svg'> = { format: 'svg', label: vscode.l10n.t('SVG picture'), extension: 'svg' };

    return [
      registerCommand(Command.openMatrix, (raw?: unknown) => {
        const a = args(raw);
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
      registerCommand(Command.exportMatrix, async (raw?: unknown) => {
        const ctx = this.exportContext();
        if (!ctx) {
          return undefined;
        }
        const a = args(raw);
        const last = this.lastState();
        const view =
          typeof a.view === 'string' && (VIEW_VALUES as readonly string[]).includes(a.view) ? (a.view as PanelState['view']) : last.view;
        const parsed = MatrixOptionsSchema.safeParse(a.options);
        const options: MatrixOptions = parsed.success ? parsed.data : last.options;
        if (view === 'saturation') {
          return this.exportSaturation(ctx, options, a);
        }
        const what =
          view === 'matrix' ? vscode.l10n.t('Matrix') : view === 'coverage' ? vscode.l10n.t('Factor coverage') : vscode.l10n.t('Synthesis');
        return runExport({
          study: this.service,
          what,
          formats: [csv, xlsx, md],
          format: a.format,
          uri: a.uri,
          open: a.open,
          baseName: exportBaseName(view, options),
          folder: folder(),
          build: (format) => exportView(ctx, view, options, format),
        });
      }),
      registerCommand(Command.exportCodebook, async (raw?: unknown) => {
        const ctx = this.exportContext();
        if (!ctx) {
          return undefined;
        }
        const a = args(raw);
        const root = folder();
        const file = codebookFileLabel(root ? root.path.slice(root.path.lastIndexOf('/') + 1) : undefined);
        return runExport({
          study: this.service,
          what: vscode.l10n.t('Codebook'),
          formats: [md, html],
          format: a.format,
          uri: a.uri,
          open: a.open,
          baseName: 'codebook',
          folder: root,
          build: (format) => exportCodebook(ctx, format, { file, editedBy: this.service.activeCoder.name }),
        });
      }),
      registerCommand(Command.exportRespondents, async (raw?: unknown) => {
        const ctx = this.exportContext();
        if (!ctx) {
          return undefined;
        }
        const a = args(raw);
        return runExport({
          study: this.service,
          what: vscode.l10n.t('Respondent table'),
          formats: [md, xlsx, csv],
          format: a.format,
          uri: a.uri,
          open: a.open,
          baseName: 'respondents',
          folder: folder(),
          build: (format) => exportRespondents(ctx, format),
        });
      }),
      registerCommand(Command.exportSynthesis, async (raw?: unknown) => {
        const ctx = this.exportContext();
        if (!ctx) {
          return undefined;
        }
        const a = args(raw);
        return runExport({
          study: this.service,
          what: vscode.l10n.t('Synthesis table'),
          formats: [md, xlsx, csv],
          format: a.format,
          uri: a.uri,
          open: a.open,
          baseName: 'synthesis',
          folder: folder(),
          build: (format) => exportSynthesis(ctx, format, this.lastState().options.filters),
        });
      }),
      registerCommand(Command.exportGioia, async (raw?: unknown) => {
        const ctx = this.exportContext();
        if (!ctx) {
          return undefined;
        }
        const a = args(raw);
        return runExport({
          study: this.service,
          what: vscode.l10n.t('Gioia data structure'),
          formats: [svg, md],
          format: a.format,
          uri: a.uri,
          open: a.open,
          baseName: 'data-structure',
          folder: folder(),
          build: (format) => exportGioia(ctx, format),
        });
      }),
    ];
  }

  /**
   * The Saturation tab's export, like the "Saturation Report" command: the table as Markdown with
   * the chart as an SVG file beside it (same name, .svg), or only the chart.
   */
  private exportSaturation(ctx: ExportContext, options: MatrixOptions, a: Record<string, unknown>): Promise<vscode.Uri | undefined> {
    const study = ctx.index.study;
    const md: FormatChoice<'markdown'> = { format: 'markdown', label: vscode.l10n.t('Markdown with the chart as SVG'), extension: 'md' };
    const svg: FormatChoice<'svg'> = { format: 'svg', label: vscode.l10n.t('SVG picture'), extension: 'svg' };
    return runExport({
      study: this.service,
      what: vscode.l10n.t('Saturation'),
      formats: [md, svg],
      format: a.format,
      uri: a.uri,
      open: a.open,
      baseName: 'saturation',
      folder: this.service.root,
      build: async (format, target) => {
        const points = saturationPoints(ctx.index, options);
        const chart = encodeText(saturationSvg(points));
        if (format === 'svg') {
          return chart;
        }
        const name = target.path.slice(target.path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
        await writeFileAtomic(vscode.Uri.joinPath(target, '..', `${name}.svg`), chart);
        const filters = filterText(study, options.filters, exportLabels());
        const text = saturationMarkdown(study, points).replace(
          /\n\n/,
          filters ? `\n\n*${vscode.l10n.t('Filters')}: ${filters}*\n\n` : '\n\n',
        );
        return encodeText(`${text}\n![${vscode.l10n.t('New and cumulative codes per transcript')}](${encodeURI(name)}.svg)\n`);
      },
    });
  }
}

/** The panel's filters in words ("Polarity: hindering; NDS; Eva Jansen"), or '' without filters. */
function filterText(study: Study, f: MatrixFilters | undefined, labels: ExportLabels): string {
  if (!f) {
    return '';
  }
  const names = new Map(study.project.coders.map((c) => [c.id, c.name ?? c.id]));
  return [
    f.polarity?.length ? `${labels.polarity}: ${f.polarity.map((p) => labels.polarities[p]).join(', ')}` : '',
    f.origin?.length ? `${labels.origin}: ${f.origin.map((o) => labels.origins[o]).join(', ')}` : '',
    f.cases?.length ? f.cases.join(', ') : '',
    f.coders?.length ? f.coders.map((c) => names.get(c) ?? c).join(', ') : '',
  ]
    .filter(Boolean)
    .join('; ');
}

export const matrixFeature: Feature<MatrixFeature> = ({ extension, service }) => new MatrixFeature(extension, service);
