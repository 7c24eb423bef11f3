/**
 * The Agreement view: the last agreement check of this study at a glance. The headline figures (the
 * methods paragraph as its tooltip, a click opens the report), the domain view (α-binary and cu-α per
 * domain, Cu-α), the transcripts least agreement first, each opening to its disagreeing passages (a
 * click opens the transcript with the passage selected), and the segment figures when chosen.
 */
import * as vscode from 'vscode';
import type { Study } from '../core/study';
import type { AlphaResult } from '../core/intercoder/alpha';
import { counted } from '../core/plural';
import { Disposable } from '../platform/lifecycle';
import { Command } from '../platform/ids';
import type { AgreementResult, ViewPassage } from './report';

export type AgreementNode =
  | { readonly kind: 'summary' }
  | { readonly kind: 'domains' }
  | { readonly kind: 'domain'; readonly index: number }
  | { readonly kind: 'across' }
  | { readonly kind: 'transcripts' }
  | { readonly kind: 'transcript'; readonly doc: string }
  | { readonly kind: 'passage'; readonly passage: ViewPassage }
  | { readonly kind: 'segments' }
  | { readonly kind: 'segmentCode'; readonly index: number };

const three = (a: AlphaResult | number): string => {
  const v = typeof a === 'number' ? a : a.undefinedReason ? NaN : a.alpha;
  return Number.isNaN(v) ? '–' : v.toFixed(3);
};
const percent = (v: number): string => (Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)} %`);

export class AgreementTree extends Disposable implements vscode.TreeDataProvider<AgreementNode> {
  private readonly changed = this._register(new vscode.EventEmitter<AgreementNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private _result: AgreementResult | undefined;
  /** The study changed since the check: the figures and the passages' places may be off. */
  private stale = false;

  constructor(private readonly study: () => Study | undefined) {
    super();
  }

  get result(): AgreementResult | undefined {
    return this._result;
  }

  show(result: AgreementResult | undefined): void {
    this._result = result;
    this.stale = false;
    this.changed.fire(undefined);
  }

  /** Says the figures are of the study as it was (the codings or transcripts changed since). */
  markStale(): void {
    if (this._result && !this.stale) {
      this.stale = true;
      this.changed.fire(undefined);
    }
  }

  getChildren(node?: AgreementNode): AgreementNode[] {
    const r = this._result;
    if (!r) {
      return [];
    }
    if (!node) {
      return [
        { kind: 'summary' },
        ...(r.report?.method === 'segments' ? [{ kind: 'segments' } as const] : []),
        { kind: 'domains' },
        { kind: 'transcripts' },
      ];
    }
    switch (node.kind) {
      case 'domains':
        return [...r.family.domains.map((_, index) => ({ kind: 'domain', index }) as const), { kind: 'across' }];
      case 'transcripts':
        return r.rows.map((row) => ({ kind: 'transcript', doc: row.doc }));
      case 'transcript':
        return r.passages.filter((p) => p.doc === node.doc).map((passage) => ({ kind: 'passage', passage }));
      case 'segments':
        return (r.report?.segments.perCode ?? []).map((_, index) => ({ kind: 'segmentCode', index }));
      default:
        return [];
    }
  }

  getTreeItem(node: AgreementNode): vscode.TreeItem {
    const r = this._result!;
    const study = this.study();
    const codeName = (id: string): string => study?.code(id)?.name ?? id;
    const item = (label: string, description?: string, expand = vscode.TreeItemCollapsibleState.None): vscode.TreeItem => {
      const t = new vscode.TreeItem(label, expand);
      t.description = description;
      return t;
    };
    const Expanded = vscode.TreeItemCollapsibleState.Expanded;
    switch (node.kind) {
      case 'summary': {
        const t = item(
          r.coders.join(' × '),
          r.report
            ? vscode.l10n.t(
                'α = {0}, κ = {1}, {2} agreement',
                three(r.report.overall.alpha),
                three(r.report.overall.kappa),
                percent(r.report.overall.percent),
              )
            : vscode.l10n.t('Cu-α = {0}', three(r.family.across)),
        );
        if (this.stale) {
          t.description = `${t.description} · ${vscode.l10n.t('out of date: the study changed, run the check again')}`;
        }
        t.iconPath = new vscode.ThemeIcon('law');
        t.tooltip = new vscode.MarkdownString(r.methods);
        t.command = { command: 'markdown.showPreview', title: vscode.l10n.t('Open the report'), arguments: [r.markdown] };
        return t;
      }
      case 'domains':
        return item(vscode.l10n.t('Semantic domains'), vscode.l10n.t('α-binary · cu-α'), Expanded);
      case 'domain': {
        const d = r.family.domains[node.index];
        const t = item(codeName(d.domain), `${three(d.binary)} · ${three(d.cu)}`);
        t.tooltip = vscode.l10n.t('α-binary {0}, cu-α {1}', three(d.binary), three(d.cu));
        return t;
      }
      case 'across':
        return item(vscode.l10n.t('Cu-α (all domains)'), three(r.family.across));
      case 'transcripts':
        return item(vscode.l10n.t('Per transcript, least agreement first'), undefined, Expanded);
      case 'transcript': {
        const row = r.rows.find((x) => x.doc === node.doc)!;
        const figures = row.pair
          ? vscode.l10n.t('α {0}, κ {1}', three(row.alpha), three(row.pair.kappa))
          : vscode.l10n.t('α {0}', three(row.alpha));
        const t = item(
          study?.sourceLabel(node.doc) ?? node.doc,
          `${figures} · ${vscode.l10n.t('{0} disagreeing', counted(row.passages, 'passage'))}${row.missing.length ? ` · ${vscode.l10n.t('missing: {0}', row.missing.join(', '))}` : ''}`,
          row.passages > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        t.iconPath = new vscode.ThemeIcon('file');
        t.tooltip = node.doc;
        return t;
      }
      case 'passage': {
        const p = node.passage;
        const quote = p.text.replace(/\s+/g, ' ').trim();
        const t = item(
          `${p.line}: ${codeName(p.code)}`,
          vscode.l10n.t(
            '{0}, not {1}: “{2}”',
            p.applied.join(', '),
            p.notApplied.join(', '),
            quote.length > 60 ? `${quote.slice(0, 59)}…` : quote,
          ),
        );
        t.tooltip = new vscode.MarkdownString().appendText(quote);
        t.iconPath = new vscode.ThemeIcon('diff');
        t.command = {
          command: Command.openAgreementPassage,
          title: vscode.l10n.t('Open the passage'),
          arguments: [{ doc: p.doc, start: p.start, end: p.end }],
        };
        return t;
      }
      case 'segments': {
        const s = r.report!.segments;
        return item(
          vscode.l10n.t('Segment-based (overlap ≥ {0})', percent(s.threshold)),
          vscode.l10n.t('{0} agreement, κ_n = {1}', percent(s.overall.percent), three(s.overall.kappa)),
          vscode.TreeItemCollapsibleState.Collapsed,
        );
      }
      case 'segmentCode': {
        const p = r.report!.segments.perCode[node.index];
        return item(codeName(p.code), vscode.l10n.t('matched: {0} of {1}', p.figures.matched, p.figures.matched + p.figures.unmatched));
      }
    }
  }
}
