import * as vscode from 'vscode';
import type { StudyService } from '../study/studyService';
import type { Study } from '../core/study';
import { uncountedOf } from '../core/counting';
import { Disposable, MutableDisposable } from '../platform/lifecycle';
import { Command } from '../platform/ids';
import { counted } from '../core/plural';

/** Status bar: the study's state, and the codings in the current transcript with the active coder. */
export class StatusBar extends Disposable {
  private readonly studyItem = this._register(vscode.window.createStatusBarItem('codeboom.study', vscode.StatusBarAlignment.Left, 50));
  private readonly codingItem = this._register(vscode.window.createStatusBarItem('codeboom.codings', vscode.StatusBarAlignment.Left, 49));
  private readonly studyListener = this._register(new MutableDisposable());

  constructor(private readonly service: StudyService) {
    super();
    this.studyItem.name = vscode.l10n.t('Codeboom study');
    this.codingItem.name = vscode.l10n.t('Codeboom codings');
    this._register(service.onDidChangeState(() => this.update()));
    this._register(
      service.onDidChangeStudy((study) => {
        this.studyListener.value = study?.onDidChange(() => this.updateCodings());
        this.update();
      }),
    );
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.updateCodings()));
    this.update();
  }

  private update(): void {
    const s = this.service.state;
    switch (s.kind) {
      case 'none':
        this.studyItem.hide();
        break;
      case 'loading':
        this.studyItem.text = `$(sync~spin) ${vscode.l10n.t('Codeboom: loading…')}`;
        this.studyItem.tooltip = s.root.fsPath;
        this.studyItem.command = undefined;
        this.studyItem.backgroundColor = undefined;
        this.studyItem.show();
        break;
      case 'error':
        this.studyItem.text = `$(error) ${vscode.l10n.t('Codeboom: study not opened')}`;
        this.studyItem.tooltip = s.problems.map((p) => `${p.file}: ${p.message}`).join('\n');
        this.studyItem.command = Command.showProblems;
        this.studyItem.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        this.studyItem.show();
        break;
      case 'ready': {
        const study = this.service.study;
        if (!study) {
          this.studyItem.hide();
          break;
        }
        this.studyItem.text = s.readOnly ? `$(lock) ${study.name}` : `$(symbol-class) ${study.name}`;
        this.studyItem.tooltip = s.readOnly
          ? vscode.l10n.t(
              'Codeboom: read-only because of {0} in the study files. Click to see them.',
              counted(s.problems.length, 'problem'),
            )
          : studyTooltip(study);
        this.studyItem.command = s.readOnly ? Command.showProblems : Command.showStudyInfo;
        this.studyItem.backgroundColor = s.readOnly ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
        this.studyItem.show();
        break;
      }
    }
    this.updateCodings();
  }

  private updateCodings(): void {
    const editor = vscode.window.activeTextEditor;
    const study = this.service.study;
    const doc = editor && this.service.docPath(editor.document.uri);
    if (!study || !doc) {
      this.codingItem.hide();
      return;
    }
    const codings = study.codingsOf(doc);
    // Orphaned codings are not counted (core/counting): shown apart.
    const orphans = uncountedOf(study, codings);
    const coder = this.service.activeCoder;
    this.codingItem.text = `$(tag) ${codings.length - orphans}${orphans ? ` $(warning) ${orphans}` : ''} · $(person) ${coder.name}`;
    this.codingItem.tooltip = vscode.l10n.t(
      '{0} in this transcript ({1} orphaned). Coding as {2}.',
      counted(codings.length - orphans, 'coding'),
      orphans,
      coder.name,
    );
    this.codingItem.command = orphans ? Command.showOrphans : Command.codeSelection;
    this.codingItem.show();
  }
}

/** The study's numbers; orphaned codings are not counted (core/counting) and are shown apart. */
function studyTooltip(study: Study): string {
  const orphans = uncountedOf(study, study.allCodings());
  const text = vscode.l10n.t(
    'Codeboom study: {0}, {1}, {2}',
    counted(study.documents.length, 'transcript'),
    counted(study.codes.length, 'code'),
    counted(study.codingCount - orphans, 'coding'),
  );
  return orphans > 0 ? `${text} ${vscode.l10n.t('(+{0} orphaned)', orphans)}` : text;
}
