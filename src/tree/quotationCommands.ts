import * as vscode from 'vscode';
import type { Study } from '../core/study';
import { attributeValues, citeQuotation, quotationsOf, quotationsReport, reportFileName, reportFolder } from '../core/quotations';
import { encodeText } from '../core/port';
import { VscodeFileSystem } from '../platform/vscodeFileSystem';
import { Disposable } from '../platform/lifecycle';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';
import type { StudyService } from '../study/studyService';
import { refuseStudyFile } from '../study/exportGuard';
import { uriArg } from '../platform/commandArgs';
import type { QuotationNode, QuotationsProvider } from './quotations';
import { asString } from './studyWatch';
import { counted } from '../core/plural';

/** Commands of the quotations view: open, copy with source, filter, subcodes on/off, Markdown export. */
export class QuotationCommands extends Disposable {
  constructor(
    private readonly service: StudyService,
    private readonly provider: QuotationsProvider,
  ) {
    super();
    this._register(registerCommand(Command.quotationsShow, (code?: unknown) => this.showCode(code)));
    this._register(registerCommand(Command.quotationsToggleSubcodes, (on?: unknown) => this.toggleSubcodes(on)));
    this._register(registerCommand(Command.quotationsFilter, (key?: unknown, value?: unknown) => this.filterByAttribute(key, value)));
    this._register(registerCommand(Command.quotationsFilterCoder, (coder?: unknown) => this.filterByCoder(coder)));
    this._register(registerCommand(Command.quotationsClearFilter, () => this.provider.clearFilter()));
    this._register(registerCommand(Command.quotationsOpen, (arg?: unknown) => this.openQuotation(arg)));
    this._register(registerCommand(Command.quotationsCopy, (arg?: unknown) => this.copyQuotation(arg)));
    this._register(registerCommand(Command.quotationsExport, (code?: unknown, target?: unknown) => this.exportQuotations(code, target)));
  }

  private showCode(code?: unknown) {
    const id = asString(code);
    if (id && this.service.study?.code(id)) {
      this.provider.setCode(id);
      return true;
    }
    return false;
  }

  private toggleSubcodes(on?: unknown) {
    this.provider.setSubtree(typeof on === 'boolean' ? on : !this.provider.subtree);
    return this.provider.subtree;
  }

  private async filterByAttribute(key?: unknown, value?: unknown) {
    const s = this.service.study;
    if (!s) {
      return;
    }
    let k = asString(key);
    let v = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    if (k === undefined) {
      const caseKey = s.project.attributeKeys.case;
      const keys = [caseKey, ...s.attributeKeys().filter((x) => x !== caseKey && x !== 'title')];
      const coderItem = {
        label: vscode.l10n.t('Coder'),
        description: this.provider.coder !== undefined ? `= ${coderName(s, this.provider.coder)}` : undefined,
        key: undefined,
      };
      const picked = await vscode.window.showQuickPick(
        [
          ...keys.map((x) => ({
            label: x === caseKey ? vscode.l10n.t('Case') : x,
            description: this.provider.attributes[x] !== undefined ? `= ${this.provider.attributes[x]}` : x === caseKey ? x : undefined,
            key: x as string | undefined,
          })),
          coderItem,
        ],
        { title: vscode.l10n.t('Filter quotations by…'), placeHolder: vscode.l10n.t('Pick a transcript attribute or the coder') },
      );
      if (!picked) {
        return;
      }
      if (picked.key === undefined) {
        return vscode.commands.executeCommand<number | undefined>(Command.quotationsFilterCoder);
      }
      k = picked.key;
    }
    if (v === undefined && key === undefined) {
      const counts = new Map<string, number>();
      for (const q of quotationsOf(s, this.provider.code ?? '', { subtree: this.provider.subtree })) {
        const x = s.attribute(q.doc, k);
        if (x !== undefined) {
          counts.set(x, (counts.get(x) ?? 0) + 1);
        }
      }
      type Item = vscode.QuickPickItem & { value: string | undefined };
      const items: Item[] = [
        { label: `$(close) ${vscode.l10n.t('Any value (remove this filter)')}`, value: undefined },
        ...attributeValues(s, k).map((x) => ({
          label: x,
          description: this.provider.code ? counted(counts.get(x) ?? 0, 'quotation') : undefined,
          value: x,
        })),
      ];
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Show quotations where {0} is…', k) });
      if (!picked) {
        return;
      }
      v = picked.value;
    }
    this.provider.setAttributeFilter(k, v);
    return this.provider.quotations().length;
  }

  private async filterByCoder(coder?: unknown) {
    const s = this.service.study;
    if (!s) {
      return undefined;
    }
    let c: string | undefined;
    if (coder === null || typeof coder === 'string') {
      // a coder id, or null for every coder
      c = coder ?? undefined;
    } else {
      const counts = new Map<string, number>();
      for (const q of quotationsOf(s, this.provider.code ?? '', { subtree: this.provider.subtree, attributes: this.provider.attributes })) {
        counts.set(q.coder, (counts.get(q.coder) ?? 0) + 1);
      }
      type Item = vscode.QuickPickItem & { coder: string | undefined };
      const items: Item[] = [
        { label: `$(close) ${vscode.l10n.t('Every coder (remove this filter)')}`, coder: undefined },
        ...s.coders().map((id) => ({
          label: coderName(s, id),
          description:
            [id !== coderName(s, id) ? id : undefined, this.provider.code ? counted(counts.get(id) ?? 0, 'quotation') : undefined]
              .filter(Boolean)
              .join(' · ') || undefined,
          picked: id === this.provider.coder,
          coder: id,
        })),
      ];
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Show the quotations of which coder?') });
      if (!picked) {
        return undefined;
      }
      c = picked.coder;
    }
    this.provider.setCoderFilter(c);
    return this.provider.quotations().length;
  }

  private async openQuotation(arg?: unknown) {
    const s = this.service.study;
    const id = codingIdOf(arg);
    const q = id ? s?.coding(id) : undefined;
    if (!s || !q) {
      return undefined;
    }
    if (q.orphaned) {
      // Its stale offset points at unrelated text: show what was coded instead (src/coding/orphans.ts).
      return vscode.commands.executeCommand<vscode.TextEditor | undefined>(Command.showOrphan, q.id);
    }
    const doc = await vscode.workspace.openTextDocument(this.service.uriOf(q.doc));
    const end = Math.min(q.end, doc.getText().length);
    const range = new vscode.Range(doc.positionAt(Math.min(q.start, end)), doc.positionAt(end));
    const editor = await vscode.window.showTextDocument(doc, { selection: range, preview: true });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  private async copyQuotation(arg?: unknown) {
    const s = this.service.study;
    const id = codingIdOf(arg);
    const q = id ? s?.coding(id) : undefined;
    if (!s || !q) {
      return undefined;
    }
    const text = citeQuotation(s, q);
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Codeboom: quotation copied with its source'), 3000);
    return text;
  }

  private async exportQuotations(code?: unknown, target?: unknown) {
    const s = this.service.study;
    const root = this.service.root;
    const id = asString(code) ?? this.provider.code;
    if (!s || !root) {
      return undefined;
    }
    if (!id || !s.code(id)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: select a code in the Codeboom view first.'));
      return undefined;
    }
    let uri = uriArg(target, root);
    const interactive = !uri;
    if (!uri) {
      const folder = vscode.Uri.joinPath(root, ...reportFolder(s.project).split('/'));
      uri = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(folder, reportFileName(s.code(id)!.name)),
        filters: { Markdown: ['md'] },
        title: vscode.l10n.t('Export the quotations of “{0}”', s.code(id)!.name),
      });
      if (!uri) {
        return undefined;
      }
    }
    try {
      await refuseStudyFile(this.service, uri);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Codeboom: {0}', e instanceof Error ? e.message : String(e)));
      return undefined;
    }
    // The report uses the view's subcode switch and filter when it is about the code shown there.
    const sameCode = id === this.provider.code;
    const options = sameCode ? this.provider.query : {};
    const quotations = quotationsOf(s, id, options);
    const md = quotationsReport(s, id, quotations, { ...options, generated: new Date().toISOString() });
    const dir = vscode.Uri.joinPath(uri, '..');
    await new VscodeFileSystem(dir).writeFileAtomic(uri.path.slice(uri.path.lastIndexOf('/') + 1), encodeText(md));
    if (interactive) {
      const open = vscode.l10n.t('Open');
      void vscode.window
        .showInformationMessage(
          vscode.l10n.t(
            'Codeboom: {0} of “{1}” written to {2}.',
            counted(quotations.length, 'quotation'),
            s.code(id)!.name,
            vscode.workspace.asRelativePath(uri),
          ),
          open,
        )
        .then((choice) =>
          choice === open
            ? vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined, () => vscode.window.showTextDocument(uri!))
            : undefined,
        );
    }
    return uri;
  }
}

/** A coder's name from the project ("Eva Jansen"), else the id. */
function coderName(study: Study, id: string): string {
  return study.project.coders.find((c) => c.id === id)?.name ?? id;
}

function codingIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') {
    return arg;
  }
  if (arg && typeof arg === 'object' && (arg as QuotationNode).kind === 'quote') {
    return (arg as { id: string }).id;
  }
  return undefined;
}
