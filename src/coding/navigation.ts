import * as vscode from 'vscode';
import { answers, nextCoding, nextUncodedAnswer } from '../core/navigation';
import type { Target } from '../core/navigation';
import { parseFrontMatter } from '../core/frontMatter';
import { Disposable, MutableDisposable } from '../platform/lifecycle';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';
import type { StudyService } from '../study/studyService';

const STATUS_MS = 4000;

/**
 * Working through a transcript with the keyboard: next / previous coding (the cursor goes to the
 * coding's start) and the next respondent answer without a coding (its text is selected, ready to code).
 * The rules are core/navigation; this moves the cursor and says where it went in the status bar.
 */
export class CodingNavigation extends Disposable {
  private readonly status = this._register(new MutableDisposable());

  constructor(private readonly service: StudyService) {
    super();
    this._register(registerCommand(Command.nextCoding, () => this.coding(1)));
    this._register(registerCommand(Command.previousCoding, () => this.coding(-1)));
    this._register(registerCommand(Command.nextUncodedAnswer, () => this.uncodedAnswer()));
  }

  private transcript(): { editor: vscode.TextEditor; doc: string } | undefined {
    const editor = vscode.window.activeTextEditor;
    const doc = editor && this.service.study && this.service.docPath(editor.document.uri);
    if (!editor || !doc) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: open a transcript of the study first.'));
      return undefined;
    }
    return { editor, doc };
  }

  /** Moves to the next (1) or previous (-1) coding's start; returns where it went. */
  coding(direction: 1 | -1): Target | undefined {
    const t = this.transcript();
    if (!t) {
      return undefined;
    }
    const study = this.service.study!;
    const codings = study.codingsOf(t.doc);
    const target = nextCoding(codings, t.editor.document.offsetAt(t.editor.selection.active), direction);
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: this transcript has no codings yet.'));
      return undefined;
    }
    const pos = t.editor.document.positionAt(target.start);
    t.editor.selection = new vscode.Selection(pos, pos);
    t.editor.revealRange(
      new vscode.Range(pos, t.editor.document.positionAt(target.end)),
      vscode.TextEditorRevealType.InCenterIfOutsideViewport,
    );
    const names = [
      ...new Set(
        codings.filter((c) => !c.orphaned && c.start === target.start).flatMap((c) => c.codes.map((id) => study.code(id)?.name ?? id)),
      ),
    ].join(', ');
    const where = target.wrapped
      ? direction === 1
        ? vscode.l10n.t('Codeboom: back at the first coding ({0}).', names)
        : vscode.l10n.t('Codeboom: back at the last coding ({0}).', names)
      : vscode.l10n.t('Codeboom: coding with {0}.', names);
    this.status.value = vscode.window.setStatusBarMessage(where, STATUS_MS);
    return target;
  }

  /** Selects the next respondent answer without a coding; returns it. */
  uncodedAnswer(): Target | undefined {
    const t = this.transcript();
    if (!t) {
      return undefined;
    }
    const study = this.service.study!;
    const text = t.editor.document.getText();
    const turns = answers(text, parseFrontMatter(text).bodyStart);
    if (turns.length === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Codeboom: no answers found in this transcript (a turn starts with a bold speaker label such as **Respondent A:**).'),
      );
      return undefined;
    }
    const target = nextUncodedAnswer(turns, study.codingsOf(t.doc), t.editor.document.offsetAt(t.editor.selection.start));
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: every answer in this transcript has a coding.'));
      return undefined;
    }
    const start = t.editor.document.positionAt(target.start);
    const end = t.editor.document.positionAt(target.end);
    t.editor.selection = new vscode.Selection(start, end);
    t.editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    if (target.wrapped) {
      this.status.value = vscode.window.setStatusBarMessage(
        vscode.l10n.t('Codeboom: searched again from the start of the transcript.'),
        STATUS_MS,
      );
    }
    return target;
  }
}
