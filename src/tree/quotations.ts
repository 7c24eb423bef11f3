import * as vscode from 'vscode';
import { Command } from '../platform/ids';
import type { Coding } from '../core/model';
import type { Study } from '../core/study';
import { flatQuote, quotationsOf } from '../core/quotations';
import { uncountedOf } from '../core/counting';
import type { StudyService } from '../study/studyService';
import type { ColorIcons } from '../ui/colorIcons';
import { StudyTreeProvider, plural } from './studyWatch';
import { prepareIcons } from './codeTree';

export type QuotationNode =
  { readonly kind: 'doc'; readonly doc: string } | { readonly kind: 'quote'; readonly id: string; readonly doc: string };

const MAX_LABEL = 240;

/**
 * The coded passages of the selected code (optionally with its subcodes), grouped by transcript,
 * filtered by case, any transcript attribute, or coder. Clicking one opens the transcript with the passage selected.
 */
export class QuotationsProvider extends StudyTreeProvider<QuotationNode> {
  private _code: string | undefined;
  private _subtree = false;
  private _attributes: Record<string, string> = {};
  private _coder: string | undefined;
  private cache: Coding[] | undefined;

  constructor(
    service: StudyService,
    private readonly icons: ColorIcons,
  ) {
    super(service);
    this.watch((change, study) => {
      this.cache = undefined;
      if (this._code && !study?.code(this._code)) {
        this._code = undefined;
        this.stateEmitter.fire();
      } else if (!change || change.codebook || change.reloaded) {
        this.stateEmitter.fire();
      }
      this.changes.fire();
    });
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
    item.contextValue = q.orphaned ? 'quotation.orphaned' : 'quotation';
    item.command = { command: Command.quotationsOpen, title: vscode.l10n.t('Open Quotation'), arguments: [q.id] };
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
}
