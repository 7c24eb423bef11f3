import * as vscode from 'vscode';
import type { Study } from '../core/study';
import { chipLabel, chipTextColor } from '../core/margin';
import type { StudyService } from '../study/studyService';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';
import { Disposable, MutableDisposable, toDisposable } from '../platform/lifecycle';

const SETTING = 'inlineLabels';

/** One chip as drawn: where (the coding's start), its text and colour. For tests. */
export interface DrawnLabel {
  readonly coding: string;
  readonly offset: number;
  readonly text: string;
  readonly color: string;
}

/**
 * Inline code labels: at the start of every coding a small chip with the code name in the code's
 * colour ("mandaat +2" for several codes), drawn as a `before` decoration so the text is never
 * changed. The chip carries its own background and a text colour chosen for contrast with it, so
 * it reads the same in light, dark and high-contrast themes. The hover over the passage (hover.ts)
 * offers the coding's actions. On by default; `codeboom.inlineLabels` and a toggle in the editor
 * title turn it off.
 */
export class InlineLabels extends Disposable {
  private readonly type: vscode.TextEditorDecorationType;
  private readonly studyListener = this._register(new MutableDisposable());
  private readonly drawn = new Map<vscode.TextEditor, readonly DrawnLabel[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly service: StudyService) {
    super();
    this.type = this._register(vscode.window.createTextEditorDecorationType({ rangeBehavior: vscode.DecorationRangeBehavior.ClosedOpen }));
    this._register(registerCommand(Command.toggleInlineLabels, (on?: boolean) => this.toggle(on)));
    this._register(service.onDidChangeStudy((study) => this.attach(study)));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`codeboom.${SETTING}`)) {
          this.refreshAll();
        }
      }),
    );
    this._register(toDisposable(() => this.timer && clearTimeout(this.timer)));
    this.attach(service.study);
  }

  get enabled(): boolean {
    return vscode.workspace.getConfiguration('codeboom').get<boolean>(SETTING, true);
  }

  /** Turns the labels on or off (the opposite of now without an argument), in the user's settings. */
  async toggle(on?: boolean): Promise<void> {
    await vscode.workspace.getConfiguration('codeboom').update(SETTING, on ?? !this.enabled, vscode.ConfigurationTarget.Global);
    this.refreshAll();
  }

  private attach(study: Study | undefined): void {
    this.studyListener.value = study?.onDidChange(() => this.schedule());
    this.refreshAll();
  }

  /** Coalesces bursts of changes (typing moves codings on every keystroke) into one redraw. */
  private schedule(): void {
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.refreshAll();
      }, 0);
    }
  }

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const doc = this.service.docPath(editor.document.uri);
      if (doc || this.drawn.has(editor)) {
        this.draw(editor, doc);
      }
    }
    for (const editor of [...this.drawn.keys()]) {
      if (!vscode.window.visibleTextEditors.includes(editor)) {
        this.drawn.delete(editor);
      }
    }
  }

  /** Draws the chips of `doc` in `editor` now (none when the labels are off); returns them. */
  draw(editor: vscode.TextEditor, doc: string | undefined): readonly DrawnLabel[] {
    const study = this.service.study;
    const labels = study && doc && this.enabled ? labelsOf(study, doc) : [];
    const highContrast = [vscode.ColorThemeKind.HighContrast, vscode.ColorThemeKind.HighContrastLight].includes(
      vscode.window.activeColorTheme.kind,
    );
    const options = labels.map((l): vscode.DecorationOptions => {
      const at = editor.document.positionAt(l.offset);
      return {
        range: new vscode.Range(at, at),
        renderOptions: {
          before: {
            contentText: l.text,
            color: chipTextColor(l.color),
            backgroundColor: l.color,
            border: highContrast ? '1px solid' : `1px solid ${l.color}`,
            borderColor: highContrast ? new vscode.ThemeColor('contrastBorder') : l.color,
            margin: '0 0.3em 0 0.1em',
            fontWeight: '600',
            textDecoration: 'none; font-size: 0.8em; border-radius: 3px; padding: 0 0.3em; vertical-align: 0.1em',
          },
        },
      };
    });
    editor.setDecorations(this.type, options);
    this.drawn.set(editor, labels);
    return labels;
  }

  drawnIn(editor: vscode.TextEditor): readonly DrawnLabel[] | undefined {
    return this.drawn.get(editor);
  }
}

/** The chips of one transcript: one per coding (orphans have no place), at its start. */
export function labelsOf(study: Study, doc: string): DrawnLabel[] {
  const out: DrawnLabel[] = [];
  for (const c of study.codingsOf(doc)) {
    if (c.orphaned) {
      continue;
    }
    const names = c.codes.map((id) => study.code(id)?.name ?? id);
    out.push({ coding: c.id, offset: c.start, text: chipLabel(names), color: study.code(c.codes[0])?.color ?? '#888888' });
  }
  return out;
}
