import * as vscode from 'vscode';
import type { Coding } from '../core/model';
import type { Study } from '../core/study';
import {
  attributeValues,
  citeQuotation,
  flatQuote,
  quotationsOf,
  quotationsReport,
  reportFileName,
  reportFolder,
} from '../core/quotations';
import { encodeText } from '../core/port';
import { uncountedOf } from '../core/counting';
import { VscodeFileSystem } from '../platform/vscodeFileSystem';
import { coreMessage } from '../l10n/coreMessages';
import type { StudyService } from '../study/studyService';
import type { ColorIcons } from '../coding/colorIcons';
import { RefreshEmitter, asString, plural, watchStudy } from './studyWatch';
import { prepareIcons } from './codeTree';
import { refuseStudyFile } from '../study/exportGuard';
import { uriArg } from '../platform/commandArgs';

export type QuotationNode =
  { readonly kind: 'doc'; readonly doc: string } | { readonly kind: 'quote'; readonly id: string; readonly doc: string };

const MAX_LABEL = 240;

/**
 * The coded passages of the selected code (optionally with its subcodes), grouped by transcript,
 * filtered by case, any transcript attribute, or coder. Clicking one opens the transcript with the passage selected.
 */
export class QuotationsProvider implements vscode.TreeDataProvider<QuotationNode>, vscode.Disposable {
  private readonly changes = new RefreshEmitter<QuotationNode>();
  readonly onDidChangeTreeData = this.changes.event;
  private readonly stateEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private _code: string | undefined;
  private _subtree = false;
  private _attributes: Record<string, string> = {};
  private _coder: string | undefined;
  private cache: Coding[] | undefined;

  constructor(
    private readonly service: StudyService,
    private readonly icons: ColorIcons,
  ) {
    this.disposables.push(
      this.changes,
      this.stateEmitter,
      watchStudy(service, (change, study) => {
        this.cache = undefined;
        if (this._code && !study?.code(this._code)) {
          this._code = undefined;
          this.stateEmitter.fire();
        } else if (!change || change.codebook || change.reloaded) {
          this.stateEmitter.fire();
        }
        this.changes.fire();
      }),
    );
  }

  private get study(): Study | undefined {
    return this.service.study;
  }

  get code(): string | undefined {
    return this._code;
  }

  get subtree(): boolean {
    return this._subtree;
  }

  get attributes(): Readonly<Record<string, string>> {
    return this._attributes;
  }

  /** The coder whose codings are shown (undefined: every coder's). */
  get coder(): string | undefined {
    return this._coder;
  }

  /** The filter as a quotation query (for the view and the Markdown report). */
  get query(): { subtree: boolean; attributes: Readonly<Record<string, string>>; coder?: string } {
    return { subtree: this._subtree, attributes: this._attributes, ...(this._coder !== undefined ? { coder: this._coder } : {}) };
  }

  private update(): void {
    this.cache = undefined;
    this.changes.fire();
    this.stateEmitter.fire();
  }

  setCode(code: string | undefined): void {
    if (code === this._code) {
      return;
    }
    this._code = code;
    this.update();
  }

  setSubtree(on: boolean): void {
    this._subtree = on;
    this.update();
  }

  /** Sets (value given) or removes (value undefined) a filter on a transcript attribute. */
  setAttributeFilter(key: string, value: string | undefined): void {
    const next = { ...this._attributes };
    if (value === undefined) {
      delete next[key];
    } else {
      next[key] = value;
    }
    this._attributes = next;
    this.update();
  }

  /** Shows only the codings of one coder (coder given) or of every coder (undefined). */
  setCoderFilter(coder: string | undefined): void {
    this._coder = coder;
    this.update();
  }

  clearFilter(): void {
    this._attributes = {};
    this._coder = undefined;
    this.update();
  }

  /** The quotations shown, in order. */
  quotations(): Coding[] {
    const study = this.study;
    if (!study || !this._code) {
      return [];
    }
    this.cache ??= quotationsOf(study, this._code, this.query);
    return this.cache;
  }

  async getChildren(parent?: QuotationNode): Promise<QuotationNode[]> {
    const study = this.study;
    if (!study) {
      return [];
    }
    const all = this.quotations();
    if (!parent) {
      await prepareIcons(this.icons, study);
      const docs: string[] = [];
      for (const q of all) {
        if (docs[docs.length - 1] !== q.doc) {
          docs.push(q.doc);
        }
      }
      return docs.map((doc) => ({ kind: 'doc', doc }));
    }
    if (parent.kind === 'doc') {
      return all.filter((q) => q.doc === parent.doc).map((q) => ({ kind: 'quote', id: q.id, doc: q.doc }));
    }
    return [];
  }

  getParent(node: QuotationNode): QuotationNode | undefined {
    return node.kind === 'quote' ? { kind: 'doc', doc: node.doc } : undefined;
  }

  getTreeItem(node: QuotationNode): vscode.TreeItem {
    const study = this.study;
    if (!study) {
      return new vscode.TreeItem('');
    }
    if (node.kind === 'doc') {
      const listed = this.quotations().filter((q) => q.doc === node.doc);
      const orphans = uncountedOf(study, listed);
      const n = listed.length - orphans;
      const item = new vscode.TreeItem(study.sourceLabel(node.doc), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `doc:${node.doc}`;
      const c = study.caseOf(node.doc);
      item.description = [
        c,
        node.doc.slice(node.doc.lastIndexOf('/') + 1),
        plural(n, vscode.l10n.t('1 quotation'), vscode.l10n.t('{0} quotations', n)) +
          (orphans > 0 ? ` ${vscode.l10n.t('(+{0} orphaned)', orphans)}` : ''),
      ]
        .filter(Boolean)
        .join(' · ');
      item.iconPath = new vscode.ThemeIcon('file-text');
      item.tooltip = node.doc;
      item.contextValue = 'quotationSource';
      return item;
    }
    const q = study.coding(node.id);
    if (!q) {
      return new vscode.TreeItem(vscode.l10n.t('(removed coding)'));
    }
    const text = flatQuote(q.quote);
    const item = new vscode.TreeItem(
      text.length > MAX_LABEL ? text.slice(0, MAX_LABEL - 1) + '…' : text,
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = `quote:${q.id}`;
    const family = this._code ? new Set(this._subtree ? study.subtree(this._code) : [this._code]) : new Set<string>();
    const own = q.codes.find((c) => family.has(c));
    const color = own ? study.code(own)?.color : undefined;
    item.iconPath = q.orphaned ? new vscode.ThemeIcon('warning') : ((color && this.icons.icon(color)) ?? new vscode.ThemeIcon('quote'));
    const others = q.codes.filter((c) => c !== this._code).map((c) => study.code(c)?.name ?? c);
    item.description = [q.coder, ...others].join(' · ');
    item.tooltip = this.tooltip(study, q);
    item.contextValue = 'quotation';
    item.command = { command: 'codeboom.quotations.open', title: vscode.l10n.t('Open Quotation'), arguments: [q.id] };
    return item;
  }

  private tooltip(study: Study, q: Coding): vscode.MarkdownString {
    const md = new vscode.MarkdownString();
    md.appendMarkdown('> ');
    md.appendText(flatQuote(q.quote));
    md.appendMarkdown('\n\n');
    const lines = [
      study.sourceLabel(q.doc),
      study.caseOf(q.doc) ? `${vscode.l10n.t('Case')}: ${study.caseOf(q.doc)}` : undefined,
      `${vscode.l10n.t('Transcript')}: ${q.doc}`,
      `${vscode.l10n.t('Coder')}: ${q.coder} · ${q.created.slice(0, 10)}`,
      `${vscode.l10n.t('Codes')}: ${q.codes.map((c) => study.pathLabel(c) || c).join('; ')}`,
      q.memo ? `${vscode.l10n.t('Memo')}: ${q.memo}` : undefined,
      q.orphaned ? vscode.l10n.t('Orphaned: its text was changed or deleted.') : undefined,
    ].filter((l): l is string => !!l);
    lines.forEach((l, i) => {
      md.appendText(l);
      if (i < lines.length - 1) {
        md.appendMarkdown('  \n');
      }
    });
    return md;
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
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

/** Commands of the quotations view: open, copy with source, filter, subcodes on/off, Markdown export. */
export function registerQuotationCommands(service: StudyService, provider: QuotationsProvider): vscode.Disposable[] {
  const study = (): Study | undefined => service.study;
  return [
    vscode.commands.registerCommand('codeboom.quotations.show', (code?: unknown) => {
      const id = asString(code);
      if (id && study()?.code(id)) {
        provider.setCode(id);
        return true;
      }
      return false;
    }),
    vscode.commands.registerCommand('codeboom.quotations.toggleSubcodes', (on?: unknown) => {
      provider.setSubtree(typeof on === 'boolean' ? on : !provider.subtree);
      return provider.subtree;
    }),
    vscode.commands.registerCommand('codeboom.quotations.filter', async (key?: unknown, value?: unknown) => {
      const s = study();
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
          description: provider.coder !== undefined ? `= ${coderName(s, provider.coder)}` : undefined,
          key: undefined,
        };
        const picked = await vscode.window.showQuickPick(
          [
            ...keys.map((x) => ({
              label: x === caseKey ? vscode.l10n.t('Case') : x,
              description: provider.attributes[x] !== undefined ? `= ${provider.attributes[x]}` : x === caseKey ? x : undefined,
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
          return vscode.commands.executeCommand<number | undefined>('codeboom.quotations.filterCoder');
        }
        k = picked.key;
      }
      if (v === undefined && key === undefined) {
        const counts = new Map<string, number>();
        for (const q of quotationsOf(s, provider.code ?? '', { subtree: provider.subtree })) {
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
            description: provider.code ? vscode.l10n.t('{0} quotations', counts.get(x) ?? 0) : undefined,
            value: x,
          })),
        ];
        const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Show quotations where {0} is…', k) });
        if (!picked) {
          return;
        }
        v = picked.value;
      }
      provider.setAttributeFilter(k, v);
      return provider.quotations().length;
    }),
    vscode.commands.registerCommand('codeboom.quotations.filterCoder', async (coder?: unknown) => {
      const s = study();
      if (!s) {
        return undefined;
      }
      let c: string | undefined;
      if (coder === null || typeof coder === 'string') {
        // a coder id, or null for every coder
        c = coder ?? undefined;
      } else {
        const counts = new Map<string, number>();
        for (const q of quotationsOf(s, provider.code ?? '', { subtree: provider.subtree, attributes: provider.attributes })) {
          counts.set(q.coder, (counts.get(q.coder) ?? 0) + 1);
        }
        type Item = vscode.QuickPickItem & { coder: string | undefined };
        const items: Item[] = [
          { label: `$(close) ${vscode.l10n.t('Every coder (remove this filter)')}`, coder: undefined },
          ...s.coders().map((id) => ({
            label: coderName(s, id),
            description:
              [id !== coderName(s, id) ? id : undefined, provider.code ? vscode.l10n.t('{0} quotations', counts.get(id) ?? 0) : undefined]
                .filter(Boolean)
                .join(' · ') || undefined,
            picked: id === provider.coder,
            coder: id,
          })),
        ];
        const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Show the quotations of which coder?') });
        if (!picked) {
          return undefined;
        }
        c = picked.coder;
      }
      provider.setCoderFilter(c);
      return provider.quotations().length;
    }),
    vscode.commands.registerCommand('codeboom.quotations.clearFilter', () => provider.clearFilter()),
    vscode.commands.registerCommand('codeboom.quotations.open', async (arg?: unknown) => {
      const s = study();
      const id = codingIdOf(arg);
      const q = id ? s?.coding(id) : undefined;
      if (!s || !q) {
        return undefined;
      }
      const doc = await vscode.workspace.openTextDocument(service.uriOf(q.doc));
      const end = Math.min(q.end, doc.getText().length);
      const range = new vscode.Range(doc.positionAt(Math.min(q.start, end)), doc.positionAt(end));
      const editor = await vscode.window.showTextDocument(doc, { selection: range, preview: true });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      if (q.orphaned) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: this coding is orphaned; its text was: “{0}”', flatQuote(q.quote)));
      }
      return editor;
    }),
    vscode.commands.registerCommand('codeboom.quotations.copy', async (arg?: unknown) => {
      const s = study();
      const id = codingIdOf(arg);
      const q = id ? s?.coding(id) : undefined;
      if (!s || !q) {
        return undefined;
      }
      const text = citeQuotation(s, q);
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Codeboom: quotation copied with its source'), 3000);
      return text;
    }),
    vscode.commands.registerCommand('codeboom.quotations.export', async (code?: unknown, target?: unknown) => {
      const s = study();
      const root = service.root;
      const id = asString(code) ?? provider.code;
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
        await refuseStudyFile(service, uri);
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Codeboom: {0}', e instanceof Error ? e.message : String(e)));
        return undefined;
      }
      // The report uses the view's subcode switch and filter when it is about the code shown there.
      const sameCode = id === provider.code;
      const options = sameCode ? provider.query : {};
      const quotations = quotationsOf(s, id, options);
      const md = quotationsReport(s, id, quotations, { ...options, generated: new Date().toISOString(), t: coreMessage });
      const dir = vscode.Uri.joinPath(uri, '..');
      await new VscodeFileSystem(dir).writeFileAtomic(uri.path.slice(uri.path.lastIndexOf('/') + 1), encodeText(md));
      if (interactive) {
        const open = vscode.l10n.t('Open');
        void vscode.window
          .showInformationMessage(
            vscode.l10n.t(
              'Codeboom: {0} quotations of “{1}” written to {2}.',
              quotations.length,
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
    }),
  ];
}
