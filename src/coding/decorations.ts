import * as vscode from 'vscode';
import type { Coding } from '../core/model';
import type { Study } from '../core/study';
import type { StudyService } from '../study/studyService';
import { highlightSpans } from '../core/highlights';
import { THEME_COLORS, tintCss } from '../core/contrast';
import { Disposable, MutableDisposable, disposeAll, toDisposable } from '../platform/lifecycle';

type Style = 'background' | 'underline' | 'both';

/** What was last drawn in one editor: ranges per code colour and the overlap ranges. For tests and benchmarks. */
export interface DrawnDecorations {
  readonly byColor: ReadonlyMap<string, readonly vscode.Range[]>;
  readonly overlaps: readonly vscode.Range[];
}

/**
 * Coloured highlights of codings in every visible editor of a transcript (split views too): one
 * decoration type per code colour, a marked border where codings overlap, and marks in the
 * overview ruler. Readable in light, dark and high-contrast themes.
 */
export class CodingDecorations extends Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  /** The options each colour's decoration type was made with (for the current theme and style). */
  private readonly options = new Map<string, vscode.DecorationRenderOptions>();
  private overlapType: vscode.TextEditorDecorationType;
  private readonly studyListener = this._register(new MutableDisposable());
  private readonly drawn = new Map<vscode.TextEditor, DrawnDecorations>();
  private pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly service: StudyService) {
    super();
    this.overlapType = this.createOverlapType();
    this._register(service.onDidChangeStudy((study) => this.attach(study)));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()));
    this._register(vscode.window.onDidChangeActiveColorTheme(() => this.resetTypes()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('codeboom.highlightStyle')) {
          this.resetTypes();
        }
      }),
    );
    // The decoration types are replaced when the theme or style changes: disposed as they are then.
    this._register(
      toDisposable(() => {
        if (this.timer) {
          clearTimeout(this.timer);
        }
        this.disposeTypes();
      }),
    );
    this.attach(service.study);
  }

  private attach(study: Study | undefined): void {
    this.studyListener.value = study?.onDidChange((e) => {
      if (e.codebook || e.reloaded) {
        this.refreshAll();
      } else {
        for (const d of e.docs) {
          this.pending.add(d);
        }
        this.schedule();
      }
    });
    this.refreshAll();
  }

  /** Coalesces bursts (typing moves codings on every keystroke) into one redraw per tick. */
  private schedule(): void {
    if (this.timer) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const docs = this.pending;
      this.pending = new Set();
      for (const editor of vscode.window.visibleTextEditors) {
        const doc = this.service.docPath(editor.document.uri);
        if (doc && docs.has(doc)) {
          this.draw(editor, doc);
        }
      }
    }, 0);
  }

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const doc = this.service.docPath(editor.document.uri);
      if (doc) {
        this.draw(editor, doc);
      } else if (this.drawn.has(editor)) {
        this.clear(editor);
      }
    }
    for (const editor of [...this.drawn.keys()]) {
      if (!vscode.window.visibleTextEditors.includes(editor)) {
        this.drawn.delete(editor);
      }
    }
  }

  /** Draws now (used by the commands' tests and the benchmark); returns what was drawn. */
  draw(editor: vscode.TextEditor, doc: string): DrawnDecorations {
    const study = this.service.study;
    const codings = study ? study.codingsOf(doc) : [];
    const result = computeDecorations(study, codings, (o) => editor.document.positionAt(o), editor.document.getText());
    for (const [color, type] of this.types) {
      if (!result.byColor.has(color)) {
        editor.setDecorations(type, []);
      }
    }
    for (const [color, ranges] of result.byColor) {
      editor.setDecorations(this.typeFor(color), ranges as vscode.Range[]);
    }
    editor.setDecorations(this.overlapType, result.overlaps as vscode.Range[]);
    this.drawn.set(editor, result);
    return result;
  }

  drawnIn(editor: vscode.TextEditor): DrawnDecorations | undefined {
    return this.drawn.get(editor);
  }

  private clear(editor: vscode.TextEditor): void {
    for (const type of this.types.values()) {
      editor.setDecorations(type, []);
    }
    editor.setDecorations(this.overlapType, []);
    this.drawn.delete(editor);
  }

  private style(): Style {
    return vscode.workspace.getConfiguration('codeboom').get<Style>('highlightStyle', 'background');
  }

  private typeFor(color: string): vscode.TextEditorDecorationType {
    let type = this.types.get(color);
    if (!type) {
      const options = decorationOptions(color, vscode.window.activeColorTheme.kind, this.style());
      type = vscode.window.createTextEditorDecorationType(options);
      this.types.set(color, type);
      this.options.set(color, options);
    }
    return type;
  }

  /** The options the colour's highlight is drawn with in the current theme and style (made now if needed); for tests. */
  renderOptionsOf(color: string): vscode.DecorationRenderOptions {
    this.typeFor(color);
    return this.options.get(color)!;
  }

  private createOverlapType(): vscode.TextEditorDecorationType {
    return vscode.window.createTextEditorDecorationType({
      outlineColor: new vscode.ThemeColor('codeboom.overlapBorder'),
      outlineStyle: 'dotted',
      outlineWidth: '1px',
      fontWeight: '600',
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
  }

  private disposeTypes(): void {
    disposeAll([...this.types.values(), this.overlapType]);
    this.types.clear();
    this.options.clear();
  }

  private resetTypes(): void {
    this.disposeTypes();
    this.overlapType = this.createOverlapType();
    this.drawn.clear();
    this.refreshAll();
  }
}

/** The theme colours a theme kind's tints are computed against (core/contrast). */
export function themeColorsOf(kind: vscode.ColorThemeKind): (typeof THEME_COLORS)[keyof typeof THEME_COLORS] {
  switch (kind) {
    case vscode.ColorThemeKind.HighContrast:
      return THEME_COLORS.highContrast;
    case vscode.ColorThemeKind.HighContrastLight:
      return THEME_COLORS.highContrastLight;
    case vscode.ColorThemeKind.Dark:
      return THEME_COLORS.dark;
    default:
      return THEME_COLORS.light;
  }
}

/**
 * One code colour's highlight: a tint whose opacity is computed per colour for a visible difference
 * from the theme's default editor background (core/contrast); high contrast keeps its underline and
 * gets a tint as well.
 */
export function decorationOptions(color: string, kind: vscode.ColorThemeKind, style: Style): vscode.DecorationRenderOptions {
  const highContrast = kind === vscode.ColorThemeKind.HighContrast || kind === vscode.ColorThemeKind.HighContrastLight;
  const background = style !== 'underline';
  const underline = style !== 'background' || highContrast;
  const tint = (theme: { background: string; foreground: string }) =>
    background ? { backgroundColor: tintCss(color, theme.background, theme.foreground) } : {};
  return {
    light: tint(themeColorsOf(kind === vscode.ColorThemeKind.HighContrastLight ? kind : vscode.ColorThemeKind.Light)),
    dark: tint(themeColorsOf(kind === vscode.ColorThemeKind.HighContrast ? kind : vscode.ColorThemeKind.Dark)),
    ...(underline ? { borderColor: color, borderStyle: 'solid', borderWidth: '0 0 2px 0' } : {}),
    overviewRulerColor: color,
    overviewRulerLane: vscode.OverviewRulerLane.Right,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  };
}

/** Maps the core's highlight spans to editor ranges. */
export function computeDecorations(
  study: Study | undefined,
  codings: readonly Coding[],
  positionAt: (offset: number) => vscode.Position,
  text?: string,
): DrawnDecorations {
  const spans = highlightSpans(study, codings, text);
  const toRange = ([s, e]: readonly [number, number]) => new vscode.Range(positionAt(s), positionAt(e));
  const byColor = new Map<string, vscode.Range[]>();
  for (const [color, list] of spans.byColor) {
    byColor.set(color, list.map(toRange));
  }
  return { byColor, overlaps: spans.overlaps.map(toRange) };
}
