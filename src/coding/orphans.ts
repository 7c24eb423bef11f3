import * as vscode from 'vscode';
import type { Coding } from '../core/model';
import type { Study } from '../core/study';
import { trimSpan } from '../core/coding';
import { makeAnchor, reanchor } from '../core/anchor';
import { Disposable, MutableDisposable } from '../platform/lifecycle';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';
import type { StudyService } from '../study/studyService';

/** The scheme of the read-only preview of an orphaned coding: its stored quote and context. */
export const ORPHAN_SCHEME = 'codeboom-orphan';

/** A coding id as given by a command: the id itself, or a tree node or argument object with an `id`. */
export function codingIdArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') {
    return arg;
  }
  if (arg && typeof arg === 'object' && typeof (arg as { id?: unknown }).id === 'string') {
    return (arg as { id: string }).id;
  }
  return undefined;
}

const short = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Orphaned codings (their text was changed or deleted): the list, a read-only preview of what was
 * coded (never the unrelated text now at the stale offset), and re-attaching one to the selection —
 * from the list, the hover over a selection, the quotations view and the command palette.
 */
export class Orphans extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly studyListener = this._register(new MutableDisposable());

  constructor(private readonly service: StudyService) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(ORPHAN_SCHEME, this));
    this._register(registerCommand(Command.showOrphans, () => this.showList()));
    this._register(registerCommand(Command.showOrphan, (arg?: unknown) => this.showOrphan(codingIdArg(arg))));
    this._register(registerCommand(Command.reattachOrphan, (arg?: unknown) => this.reattach(codingIdArg(arg))));
    this._register(service.onDidChangeStudy((study) => this.attach(study)));
    this.attach(service.study);
  }

  private attach(study: Study | undefined): void {
    this.studyListener.value = study?.onDidChange(() => {
      for (const doc of vscode.workspace.textDocuments) {
        if (doc.uri.scheme === ORPHAN_SCHEME) {
          this.changed.fire(doc.uri);
        }
      }
    });
  }

  /** The preview's address: the transcript's path (for the tab title) and the coding's id. */
  static uriOf(coding: Coding): vscode.Uri {
    return vscode.Uri.from({ scheme: ORPHAN_SCHEME, path: `/${coding.doc}.orphan.md`, query: coding.id });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const study = this.service.study;
    const c = study?.coding(uri.query);
    if (!study || !c) {
      return vscode.l10n.t('This coding no longer exists.') + '\n';
    }
    const codes = c.codes.map((id) => study.pathLabel(id) || id).join('; ');
    const lines = [
      `# ${c.orphaned ? vscode.l10n.t('Orphaned coding: {0}', codes) : vscode.l10n.t('Coding: {0}', codes)}`,
      '',
      `- ${vscode.l10n.t('Transcript')}: ${c.doc}`,
      `- ${vscode.l10n.t('Coder')}: ${c.coder} · ${c.created.slice(0, 10)}`,
      ...(c.memo ? [`- ${vscode.l10n.t('Memo')}: ${flat(c.memo)}`] : []),
      '',
      c.orphaned
        ? vscode.l10n.t('Its text was changed or deleted. What was coded, with the text around it when it was coded:')
        : vscode.l10n.t('This coding is attached to its text again. What was coded:'),
      '',
      `> …${flat(c.prefix)} **${flat(c.quote)}** ${flat(c.suffix)}…`,
      '',
    ];
    if (c.orphaned) {
      lines.push(
        vscode.l10n.t(
          'To re-attach it, select the passage in {0} and run “Re-attach Orphaned Coding to Selection” (command palette, the orphan list, or the hover over the selection).',
          c.doc,
        ),
        '',
      );
    }
    return lines.join('\n');
  }

  private orphans(doc?: string): Coding[] {
    const study = this.service.study;
    return study ? [...study.allCodings()].filter((c) => c.orphaned && (!doc || c.doc === doc)) : [];
  }

  private item(c: Coding) {
    const study = this.service.study!;
    return {
      label: c.codes.map((id) => study.code(id)?.name ?? id).join(', '),
      description: `${c.doc} · ${c.coder}`,
      detail: `“${short(flat(c.quote), 140)}”`,
      coding: c,
    };
  }

  /** The orphan list: pick one to see its preview; its buttons re-attach it to the selection or delete it. */
  showList(): vscode.QuickPick<vscode.QuickPickItem> | undefined {
    const orphans = this.orphans();
    if (orphans.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: no orphaned codings — every coding is attached to its text.'));
      return undefined;
    }
    const reattach = { iconPath: new vscode.ThemeIcon('link'), tooltip: vscode.l10n.t('Re-attach to selection') };
    const remove = { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Delete coding') };
    const qp = vscode.window.createQuickPick<ReturnType<Orphans['item']> & vscode.QuickPickItem>();
    qp.items = orphans.map((c) => ({ ...this.item(c), buttons: [reattach, remove] }));
    qp.title = vscode.l10n.t('Orphaned codings: their text was deleted or changed beyond recognition');
    qp.placeholder = vscode.l10n.t('Pick an orphaned coding to see its old text; its buttons re-attach it to the selection or delete it');
    qp.matchOnDetail = true;
    qp.onDidAccept(() => {
      const c = qp.selectedItems[0]?.coding;
      qp.hide();
      if (c) {
        void this.showOrphan(c.id);
      }
    });
    qp.onDidTriggerItemButton((e) => {
      qp.hide();
      if (e.button === reattach) {
        void this.reattach(e.item.coding.id);
      } else {
        this.service.study?.transact(vscode.l10n.t('Delete orphaned coding'), [{ kind: 'removeCoding', id: e.item.coding.id }]);
      }
    });
    qp.onDidHide(() => qp.dispose());
    qp.show();
    return qp as vscode.QuickPick<vscode.QuickPickItem>;
  }

  /** Opens the orphan's transcript (where it is to be re-attached) and its preview beside it. */
  async showOrphan(codingId?: string): Promise<vscode.TextEditor | undefined> {
    const c = codingId ? this.service.study?.coding(codingId) : undefined;
    if (!c) {
      return undefined;
    }
    await vscode.window.showTextDocument(this.service.uriOf(c.doc), { preview: false });
    const doc = await vscode.workspace.openTextDocument(Orphans.uriOf(c));
    return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
  }

  /** Which orphan to re-attach when none was named: the only one of this transcript, or a pick. */
  private async pickOrphan(): Promise<Coding | undefined> {
    const editor = vscode.window.activeTextEditor;
    const doc = editor && this.service.docPath(editor.document.uri);
    const here = doc ? this.orphans(doc) : [];
    const candidates = here.length ? here : this.orphans();
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: no orphaned codings — every coding is attached to its text.'));
      return undefined;
    }
    if (candidates.length === 1) {
      return candidates[0];
    }
    const picked = await vscode.window.showQuickPick(
      candidates.map((c) => this.item(c)),
      {
        title: vscode.l10n.t('Re-attach to selection'),
        placeHolder: vscode.l10n.t('Which orphaned coding belongs to the selected passage?'),
        matchOnDetail: true,
      },
    );
    return picked?.coding;
  }

  /** Attaches an orphan to the current selection, or, without a selection, to where its quote is found again. */
  async reattach(codingId?: string): Promise<boolean> {
    const study = this.service.study;
    const coding = codingId ? study?.coding(codingId) : await this.pickOrphan();
    const editor = vscode.window.activeTextEditor;
    if (!study || !coding) {
      return false;
    }
    if (!editor || this.service.docPath(editor.document.uri) !== coding.doc) {
      await this.showOrphan(coding.id);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Codeboom: select the passage in {0} this coding belongs to, then re-attach it again.', coding.doc),
      );
      return false;
    }
    const text = editor.document.getText();
    let start = editor.document.offsetAt(editor.selection.start);
    let end = editor.document.offsetAt(editor.selection.end);
    if (start === end) {
      const r = reanchor(text, coding, coding.start);
      if (r.status === 'orphaned') {
        void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: the quote was not found; select the passage first.'));
        return false;
      }
      start = r.start;
      end = r.end;
    }
    [start, end] = trimSpan(text, start, end);
    study.transact(vscode.l10n.t('Re-attach coding'), [
      {
        kind: 'updateCoding',
        id: coding.id,
        patch: { ...makeAnchor(text, start, end), orphaned: undefined, modified: new Date().toISOString() },
      },
    ]);
    return true;
  }
}
