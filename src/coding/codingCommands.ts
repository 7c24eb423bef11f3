import * as vscode from 'vscode';
import type { Coding } from '../core/model';
import { applyCodes, inVivoName, newCode, removeCodeFromCoding, suggestCodes, trimSpan } from '../core/coding';
import type { Span } from '../core/coding';
import type { Operation } from '../core/study';
import { Disposable } from '../platform/lifecycle';
import { registerCommand } from '../platform/commands';
import type { CommandHandler } from '../platform/commands';
import { Command } from '../platform/ids';
import type { CommandId } from '../platform/ids';
import type { StudyService } from '../study/studyService';
import type { ColorIcons } from '../ui/colorIcons';
import { pickCodes, pickParent } from '../ui/codePicker';

const MRU_KEY = 'codeboom.recentCodes';
const MRU_LENGTH = 12;

/** Arguments the commands accept when run from tests, hovers or other commands instead of the UI. */
/** Programmatic arguments of Code In Vivo: the code's name and its parent (null: top level), no dialogs. */
export interface InVivoArgs {
  readonly name?: string;
  readonly parent?: string | null;
}

export interface CodeSelectionArgs {
  readonly codes?: readonly string[];
}

/** Highlight-to-code: code, in vivo, repeat, uncode, recode, memo (orphans: orphans.ts). */
export class CodingCommands extends Disposable {
  private lastCodes: string[] = [];

  constructor(
    private readonly service: StudyService,
    private readonly icons: ColorIcons,
    private readonly memento: vscode.Memento,
  ) {
    super();
    const reg = (id: CommandId, fn: CommandHandler) => this._register(registerCommand(id, fn));
    reg(Command.codeSelection, (args?: CodeSelectionArgs) => this.codeSelection(args));
    reg(Command.codeInVivo, (args?: InVivoArgs) => this.codeInVivo(args));
    reg(Command.repeatLastCode, () => this.repeatLastCode());
    reg(Command.uncode, (codingId?: string, codeId?: string) => this.uncode(codingId, codeId));
    reg(Command.recode, (codingId?: string, codes?: string[]) => this.recode(codingId, codes));
    reg(Command.editCodingMemo, (codingId?: string, memo?: string) => this.editMemo(codingId, memo));
  }

  get recent(): string[] {
    return this.memento.get<string[]>(MRU_KEY, []);
  }

  private remember(codes: readonly string[]): void {
    this.lastCodes = [...codes];
    const next = [...codes, ...this.recent.filter((c) => !codes.includes(c))].slice(0, MRU_LENGTH);
    void this.memento.update(MRU_KEY, next);
  }

  /** The active transcript editor and its selections as spans, or a message why not. */
  private target(requireSelection: boolean): { editor: vscode.TextEditor; doc: string; spans: Span[] } | undefined {
    const editor = vscode.window.activeTextEditor;
    const study = this.service.study;
    if (!study || !editor) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: open a transcript of the study first.'));
      return undefined;
    }
    const doc = this.service.docPath(editor.document.uri);
    if (!doc) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: this file is not a transcript of the open study.'));
      return undefined;
    }
    const text = editor.document.getText();
    const spans = editor.selections
      .map((s) => ({ start: editor.document.offsetAt(s.start), end: editor.document.offsetAt(s.end) }))
      .map((s) => {
        const [start, end] = trimSpan(text, s.start, s.end);
        return { start, end };
      })
      .filter((s) => s.end > s.start);
    if (requireSelection && spans.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: select the passage to code first.'));
      return undefined;
    }
    return { editor, doc, spans };
  }

  async codeSelection(args?: CodeSelectionArgs): Promise<Coding[] | undefined> {
    const t = this.target(true);
    const study = this.service.study;
    if (!t || !study) {
      return undefined;
    }
    let codes = args?.codes ? [...args.codes] : undefined;
    const ops: Operation[] = [];
    if (!codes) {
      const selected = t.spans
        .map((s) => t.editor.document.getText(new vscode.Range(t.editor.document.positionAt(s.start), t.editor.document.positionAt(s.end))))
        .join(' ');
      const picked = await pickCodes(study, this.icons, {
        title: t.spans.length > 1 ? vscode.l10n.t('Code {0} passages', t.spans.length) : vscode.l10n.t('Code the selected passage'),
        suggestions: suggestCodes(study, selected),
        passage: selected,
        recent: this.recent,
      });
      if (!picked) {
        return undefined;
      }
      codes = picked.codes;
      if (picked.create) {
        const where = await pickParent(study, this.icons, picked.create);
        if (!where) {
          return undefined;
        }
        const code = newCode(study, picked.create, where.parent, { origin: 'empirical' });
        ops.push({ kind: 'addCode', code });
        codes = [code.id];
      }
    }
    return this.apply(t.editor, t.doc, t.spans, codes, ops, vscode.l10n.t('Code passage'));
  }

  private apply(editor: vscode.TextEditor, doc: string, spans: Span[], codes: string[], pre: Operation[], label: string): Coding[] {
    const study = this.service.study!;
    if (codes.length === 0) {
      return [];
    }
    const text = editor.document.getText();
    const before = new Set(study.codingsOf(doc).map((c) => c.id));
    // A code created in this step is added by the same transaction, before the codings that use it.
    const ops = [...pre, ...applyCodes(study, doc, text, spans, codes, this.service.activeCoder.id)];
    study.transact(label, ops);
    this.remember(codes);
    // Collapse the selection to the passage's end so the new highlight shows at once.
    editor.selections = editor.selections.map((s) => new vscode.Selection(s.end, s.end));
    return study.codingsOf(doc).filter((c) => !before.has(c.id) || spans.some((s) => s.start === c.start));
  }

  async codeInVivo(args?: InVivoArgs): Promise<Coding[] | undefined> {
    const t = this.target(true);
    const study = this.service.study;
    if (!t || !study) {
      return undefined;
    }
    const first = t.spans[0];
    const proposed = inVivoName(
      t.editor.document.getText(new vscode.Range(t.editor.document.positionAt(first.start), t.editor.document.positionAt(first.end))),
    );
    // The proposed name is editable; Enter accepts it at once.
    const typed =
      args?.name ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Code in vivo'),
        prompt: vscode.l10n.t('Name of the new code (from the selected words)'),
        value: proposed,
        valueSelection: [0, proposed.length],
      }));
    const name = typed?.trim();
    if (!name) {
      return undefined;
    }
    const existing = study.codes.find((c) => c.name === name);
    if (existing) {
      return this.apply(t.editor, t.doc, t.spans, [existing.id], [], vscode.l10n.t('Code in vivo'));
    }
    const where = args?.parent !== undefined ? { parent: args.parent ?? undefined } : await pickParent(study, this.icons, name);
    if (!where) {
      return undefined;
    }
    const code = newCode(study, name, where.parent, { origin: 'in-vivo' });
    return this.apply(t.editor, t.doc, t.spans, [code.id], [{ kind: 'addCode', code }], vscode.l10n.t('Code in vivo'));
  }

  async repeatLastCode(): Promise<Coding[] | undefined> {
    const study = this.service.study;
    const codes = (this.lastCodes.length ? this.lastCodes : this.recent.slice(0, 1)).filter((id) => study?.code(id));
    if (codes.length === 0) {
      return this.codeSelection();
    }
    const t = this.target(true);
    if (!t) {
      return undefined;
    }
    return this.apply(t.editor, t.doc, t.spans, codes, [], vscode.l10n.t('Repeat last code'));
  }

  /** The coding meant: given by id, or the one under the cursor (a pick when several overlap). */
  private async codingAt(codingId: string | undefined, title: string): Promise<Coding | undefined> {
    const study = this.service.study;
    if (!study) {
      return undefined;
    }
    if (codingId) {
      return study.coding(codingId);
    }
    const editor = vscode.window.activeTextEditor;
    const doc = editor && this.service.docPath(editor.document.uri);
    if (!editor || !doc) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: put the cursor in a coded passage of a transcript.'));
      return undefined;
    }
    const offset = editor.document.offsetAt(editor.selection.active);
    const here = study.codingsAt(doc, offset);
    if (here.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: there is no coding at the cursor.'));
      return undefined;
    }
    if (here.length === 1) {
      return here[0];
    }
    const picked = await vscode.window.showQuickPick(
      here.map((c) => ({
        label: c.codes.map((id) => study.code(id)?.name ?? id).join(', '),
        description: `${c.coder} · ${c.created.slice(0, 10)}`,
        detail: c.quote.length > 120 ? c.quote.slice(0, 117) + '…' : c.quote,
        coding: c,
      })),
      { title, placeHolder: vscode.l10n.t('Several codings overlap here: which one?') },
    );
    return picked?.coding;
  }

  async uncode(codingId?: string, codeId?: string): Promise<void> {
    const study = this.service.study;
    const coding = await this.codingAt(codingId, vscode.l10n.t('Remove coding'));
    if (!study || !coding) {
      return;
    }
    let code = codeId;
    if (!code && coding.codes.length > 1 && !codingId) {
      const picked = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('All codes (remove the coding)'), id: undefined as string | undefined },
          ...coding.codes.map((id) => ({ label: study.pathLabel(id), id: id as string | undefined })),
        ],
        { title: vscode.l10n.t('Remove which code from this passage?') },
      );
      if (!picked) {
        return;
      }
      code = picked.id;
    }
    study.transact(vscode.l10n.t('Remove coding'), [code ? removeCodeFromCoding(coding, code) : { kind: 'removeCoding', id: coding.id }]);
  }

  async recode(codingId?: string, codes?: string[]): Promise<void> {
    const study = this.service.study;
    const coding = await this.codingAt(codingId, vscode.l10n.t('Change code'));
    if (!study || !coding) {
      return;
    }
    let next = codes;
    const ops: Operation[] = [];
    if (!next) {
      const picked = await pickCodes(study, this.icons, {
        title: vscode.l10n.t('Replace the codes of this passage ({0})', coding.codes.map((id) => study.code(id)?.name ?? id).join(', ')),
        suggestions: suggestCodes(study, coding.quote),
        passage: coding.quote,
        passageCoding: coding.id,
        recent: this.recent,
      });
      if (!picked) {
        return;
      }
      next = picked.codes;
      if (picked.create) {
        const where = await pickParent(study, this.icons, picked.create);
        if (!where) {
          return;
        }
        const code = newCode(study, picked.create, where.parent, { origin: 'empirical' });
        ops.push({ kind: 'addCode', code });
        next = [code.id];
      }
    }
    if (next.length === 0) {
      return;
    }
    ops.push({ kind: 'updateCoding', id: coding.id, patch: { codes: next, modified: new Date().toISOString() } });
    study.transact(vscode.l10n.t('Change code'), ops);
    this.remember(next);
  }

  async editMemo(codingId?: string, memo?: string): Promise<void> {
    const study = this.service.study;
    const coding = await this.codingAt(codingId, vscode.l10n.t('Edit memo'));
    if (!study || !coding) {
      return;
    }
    let next = memo;
    if (next === undefined) {
      next = await vscode.window.showInputBox({
        title: vscode.l10n.t('Memo for “{0}”', coding.quote.length > 60 ? coding.quote.slice(0, 57) + '…' : coding.quote),
        value: coding.memo ?? '',
        prompt: vscode.l10n.t('An analytic note on this passage. Empty removes the memo.'),
      });
      if (next === undefined) {
        return;
      }
    }
    study.transact(vscode.l10n.t('Edit memo'), [
      { kind: 'updateCoding', id: coding.id, patch: { memo: next.trim() ? next.trim() : undefined, modified: new Date().toISOString() } },
    ]);
  }
}
