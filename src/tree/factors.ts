import * as vscode from 'vscode';
import { Command } from '../platform/ids';
import { showStudyErrors } from '../l10n/coreMessages';
import type { CodeCount, FactorEvidence } from '../core/codebookOps';
import { codeCounts, factorEvidence, linkFactors } from '../core/codebookOps';
import type { StudyService } from '../study/studyService';
import type { ColorIcons } from '../ui/colorIcons';
import { CODE_MIME, codesFrom, prepareIcons } from './codeTree';
import { StudyTreeProvider, plural } from './studyWatch';
import { counted } from '../core/plural';

export type FactorNode =
  | { readonly kind: 'catalogue'; readonly id: string }
  | { readonly kind: 'category'; readonly catalogue: string; readonly id: string }
  | { readonly kind: 'factor'; readonly id: string }
  | { readonly kind: 'link'; readonly factor: string; readonly code: string };

/**
 * Literature factors: catalogue › category › factor (authors, linked codes, codings), a factor
 * without evidence in the data marked; a factor's children are its linked codes. Codes dropped
 * from the code tree onto a factor (or one of its codes) are linked to it.
 */
export class FactorsProvider extends StudyTreeProvider<FactorNode> implements vscode.TreeDragAndDropController<FactorNode> {
  readonly dragMimeTypes: string[] = [];
  readonly dropMimeTypes = [CODE_MIME];
  private evidenceCache: Map<string, FactorEvidence> | undefined;
  private countsCache: Map<string, CodeCount> | undefined;
  private _onlyMissing = false;

  constructor(
    service: StudyService,
    private readonly icons: ColorIcons,
  ) {
    super(service);
    this.watch(() => {
      this.evidenceCache = undefined;
      this.countsCache = undefined;
      this.changes.fire();
      this.stateEmitter.fire();
    });
  }

  /** Linked codes and supporting codings of every factor. */
  evidence(): Map<string, FactorEvidence> {
    const study = this.study;
    if (!study) {
      return new Map();
    }
    this.evidenceCache ??= factorEvidence(study);
    return this.evidenceCache;
  }

  /** How many factors have codings behind them, of how many. */
  summary(): { withEvidence: number; total: number } {
    const all = [...this.evidence().values()];
    return { withEvidence: all.filter((e) => e.codings > 0).length, total: all.length };
  }

  get onlyMissing(): boolean {
    return this._onlyMissing;
  }

  /** Shows only the factors without evidence (the literature that did not come back in the data). */
  setOnlyMissing(on: boolean): void {
    this._onlyMissing = on;
    this.changes.fire();
    this.stateEmitter.fire();
  }

  private factorShown(id: string): boolean {
    return !this._onlyMissing || (this.evidence().get(id)?.codings ?? 0) === 0;
  }

  async getChildren(parent?: FactorNode): Promise<FactorNode[]> {
    const study = this.study;
    if (!study) {
      return [];
    }
    if (!parent) {
      await prepareIcons(this.icons, study);
      if (study.catalogues.length === 1) {
        const cat = study.catalogues[0];
        return cat.categories
          .filter((g) => g.factors.some((f) => this.factorShown(f.id)))
          .map((g) => ({ kind: 'category', catalogue: cat.id, id: g.id }));
      }
      return study.catalogues.map((c) => ({ kind: 'catalogue', id: c.id }));
    }
    switch (parent.kind) {
      case 'catalogue': {
        const cat = study.catalogues.find((c) => c.id === parent.id);
        return (cat?.categories ?? [])
          .filter((g) => g.factors.some((f) => this.factorShown(f.id)))
          .map((g) => ({ kind: 'category', catalogue: parent.id, id: g.id }));
      }
      case 'category': {
        const g = study.catalogues.find((c) => c.id === parent.catalogue)?.categories.find((x) => x.id === parent.id);
        return (g?.factors ?? []).filter((f) => this.factorShown(f.id)).map((f) => ({ kind: 'factor', id: f.id }));
      }
      case 'factor':
        return (this.evidence().get(parent.id)?.codes ?? []).map((code) => ({ kind: 'link', factor: parent.id, code }));
      default:
        return [];
    }
  }

  getParent(node: FactorNode): FactorNode | undefined {
    const study = this.study;
    if (!study) {
      return undefined;
    }
    switch (node.kind) {
      case 'link':
        return { kind: 'factor', id: node.factor };
      case 'factor': {
        for (const cat of study.catalogues) {
          const g = cat.categories.find((x) => x.factors.some((f) => f.id === node.id));
          if (g) {
            return { kind: 'category', catalogue: cat.id, id: g.id };
          }
        }
        return undefined;
      }
      case 'category':
        return study.catalogues.length === 1 ? undefined : { kind: 'catalogue', id: node.catalogue };
      default:
        return undefined;
    }
  }

  getTreeItem(node: FactorNode): vscode.TreeItem {
    const study = this.study;
    if (!study) {
      return new vscode.TreeItem('');
    }
    const evidence = this.evidence();
    switch (node.kind) {
      case 'catalogue': {
        const cat = study.catalogues.find((c) => c.id === node.id);
        const factors = cat?.categories.flatMap((g) => g.factors) ?? [];
        const item = new vscode.TreeItem(cat?.name ?? node.id, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `catalogue:${node.id}`;
        item.description = vscode.l10n.t(
          '{0} of {1} factors with evidence',
          factors.filter((f) => (evidence.get(f.id)?.codings ?? 0) > 0).length,
          factors.length,
        );
        item.tooltip = cat?.source;
        item.iconPath = new vscode.ThemeIcon('library');
        item.contextValue = 'factorCatalogue';
        return item;
      }
      case 'category': {
        const g = study.catalogues.find((c) => c.id === node.catalogue)?.categories.find((x) => x.id === node.id);
        const factors = g?.factors ?? [];
        const item = new vscode.TreeItem(g?.name ?? node.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `category:${node.catalogue}:${node.id}`;
        const evidenced = factors.filter((f) => (evidence.get(f.id)?.codings ?? 0) > 0).length;
        item.description = `${evidenced}/${factors.length}`;
        item.tooltip = vscode.l10n.t('{0} of its {1} factors came back in the data', evidenced, factors.length);
        item.iconPath = new vscode.ThemeIcon('folder-library');
        item.contextValue = 'factorCategory';
        return item;
      }
      case 'factor': {
        const info = study.factor(node.id);
        const e = evidence.get(node.id) ?? { codes: [], codings: 0 };
        const item = new vscode.TreeItem(
          info?.factor.name ?? node.id,
          e.codes.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `factor:${node.id}`;
        const authors = info?.factor.authors.join('; ') ?? '';
        const status =
          e.codings > 0
            ? `${plural(e.codes.length, vscode.l10n.t('1 code'), vscode.l10n.t('{0} codes', e.codes.length))} · ${plural(e.codings, vscode.l10n.t('1 coding'), vscode.l10n.t('{0} codings', e.codings))}`
            : e.codes.length > 0
              ? vscode.l10n.t('no evidence ({0}, no codings)', counted(e.codes.length, 'code'))
              : vscode.l10n.t('no evidence');
        item.description = [status, authors].filter(Boolean).join(' · ');
        item.iconPath =
          e.codings > 0
            ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
            : new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('list.warningForeground'));
        const md = new vscode.MarkdownString();
        md.appendMarkdown('**');
        md.appendText(info?.factor.name ?? node.id);
        md.appendMarkdown('**  \n');
        md.appendText(`${info?.category ?? ''}`);
        if (authors) {
          md.appendMarkdown('  \n');
          md.appendText(authors);
        }
        if (info?.factor.description) {
          md.appendMarkdown('\n\n');
          md.appendText(info.factor.description);
        }
        md.appendMarkdown('\n\n');
        md.appendText(
          e.codings > 0
            ? vscode.l10n.t(
                'Came back in the data: {0} through {1}.',
                counted(e.codings, 'coding'),
                e.codes.map((c) => study.code(c)?.name ?? c).join(', '),
              )
            : e.codes.length > 0
              ? vscode.l10n.t(
                  'Linked to {0}, but no passage is coded with them yet.',
                  e.codes.map((c) => study.code(c)?.name ?? c).join(', '),
                )
              : vscode.l10n.t('No code is linked to this factor: drag a code here from the Codeboom view.'),
        );
        item.tooltip = md;
        item.contextValue = e.codings > 0 ? 'factor.evidenced' : 'factor.missing';
        item.accessibilityInformation = { label: `${info?.factor.name ?? node.id}, ${status}` };
        return item;
      }
      case 'link': {
        const code = study.code(node.code);
        const item = new vscode.TreeItem(code?.name ?? node.code, vscode.TreeItemCollapsibleState.None);
        item.id = `link:${node.factor}:${node.code}`;
        this.countsCache ??= codeCounts(study);
        const n = this.countsCache.get(node.code) ?? { own: 0, total: 0, uncounted: 0 };
        // Orphaned codings are not in the counts (core/counting): shown beside them.
        const orphans = n.uncounted > 0 ? ` ${vscode.l10n.t('(+{0} orphaned)', n.uncounted)}` : '';
        item.description = `${study
          .pathOf(node.code)
          .slice(0, -1)
          .map((c) => c.name)
          .join(' › ')}  ${n.total !== n.own ? `${n.own} · Σ${n.total}` : n.own}${orphans}`.trim();
        item.iconPath = (code && this.icons.icon(code.color)) ?? new vscode.ThemeIcon('tag');
        item.tooltip = study.pathLabel(node.code);
        item.contextValue = 'factorLink';
        item.command = { command: Command.revealCode, title: vscode.l10n.t('Reveal Code'), arguments: [node.code] };
        return item;
      }
    }
  }

  handleDrag(): void {
    // Factors are drop targets only.
  }

  /** Codes dropped on a factor (or on a code under it) are linked to that factor. */
  async handleDrop(target: FactorNode | undefined, dataTransfer: vscode.DataTransfer, _token?: vscode.CancellationToken): Promise<void> {
    const study = this.study;
    const factor = target?.kind === 'factor' ? target.id : target?.kind === 'link' ? target.factor : undefined;
    const codes = await codesFrom(dataTransfer);
    if (!study || !factor || codes.length === 0) {
      if (study && codes.length && !factor) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: drop codes onto a literature factor to link them.'));
      }
      return;
    }
    await showStudyErrors(() => {
      const ops = codes.flatMap((c) => linkFactors(study, c, [factor]));
      if (ops.length) {
        study.transact(vscode.l10n.t('Link to literature factor'), ops);
      }
    }, vscode.window.showWarningMessage);
  }
}
