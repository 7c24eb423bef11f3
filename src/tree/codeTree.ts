import * as vscode from 'vscode';
import { codeTooltipLines, onDidChangeCodeTooltips } from '../ui/codeTooltips';
import type { Code } from '../core/model';
import type { Study } from '../core/study';
import { showStudyErrors } from '../l10n/coreMessages';
import type { CodeCount } from '../core/codebookOps';
import { codeCounts, moveCodes } from '../core/codebookOps';
import type { StudyService } from '../study/studyService';
import type { ColorIcons } from '../ui/colorIcons';
import { createCodeSearch } from '../ui/codePicker';
import { StudyTreeProvider } from './studyWatch';
import { uncountedSentence } from '../core/plural';

/** Codes dragged from the code tree (onto another code, the root, or a literature factor): a JSON array of code ids. */
export const CODE_MIME = 'application/vnd.codeboom.codes';

export type CountScope = 'study' | 'transcript';

const POLARITY_SIGN: Record<string, string> = { belemmerend: '−', stimulerend: '+', neutral: '○' };

/**
 * The code tree ("codeboom"): codes of any depth with their colour, own and rolled-up counts
 * (whole study or the current transcript), polarity and origin; a fuzzy filter; drag and drop to
 * move codes (onto a code: under it; onto empty space: to the top level). Elements are code ids.
 */
export class CodeTreeProvider extends StudyTreeProvider<string> implements vscode.TreeDragAndDropController<string> {
  readonly dragMimeTypes = [CODE_MIME];
  readonly dropMimeTypes = [CODE_MIME];
  private counts: Map<string, CodeCount> | undefined;
  private _scope: CountScope = 'study';
  private _doc: string | undefined;
  private _filter = '';
  /** Codes the filter matched, and those shown (matches and their ancestors); undefined without a filter. */
  private matched: Set<string> | undefined;
  private shown: Set<string> | undefined;
  /** Bumped with every new filter so that VS Code treats the items as new and shows them expanded. */
  private generation = 0;

  constructor(
    service: StudyService,
    private readonly icons: ColorIcons,
  ) {
    super(service);
    this.watch((change) => {
      this.counts = undefined;
      if (!change || change.codebook || change.reloaded) {
        this.recomputeFilter();
      }
      this.changes.fire();
    });
    this._register(onDidChangeCodeTooltips(() => this.changes.fire()));
    this._register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const doc = editor ? this.service.docPath(editor.document.uri) : undefined;
        if (doc && doc !== this._doc) {
          this._doc = doc;
          if (this._scope === 'transcript') {
            this.counts = undefined;
            this.changes.fire();
          }
          this.stateEmitter.fire();
        }
      }),
    );
    const editor = vscode.window.activeTextEditor;
    this._doc = editor ? this.service.docPath(editor.document.uri) : undefined;
  }

  get scope(): CountScope {
    return this._scope;
  }

  /** The transcript counted in the `transcript` scope: the active one, else the last active one. */
  get currentDocument(): string | undefined {
    return this._doc;
  }

  setScope(scope: CountScope, doc?: string): void {
    this._scope = scope;
    if (doc !== undefined) {
      this._doc = doc;
    }
    this.counts = undefined;
    this.changes.fire();
    this.stateEmitter.fire();
  }

  get filter(): string {
    return this._filter;
  }

  /** Sets the filter (empty: none); returns the codes it matched. */
  setFilter(text: string): string[] {
    this._filter = text.trim();
    this.generation++;
    this.recomputeFilter();
    this.changes.fire();
    this.stateEmitter.fire();
    return this.matched ? [...this.matched] : [];
  }

  get matches(): ReadonlySet<string> | undefined {
    return this.matched;
  }

  private recomputeFilter(): void {
    const study = this.study;
    if (!this._filter || !study) {
      this.matched = undefined;
      this.shown = undefined;
      return;
    }
    const results = createCodeSearch(study).search(this._filter);
    this.matched = new Set(results.map((r) => r.item.id));
    this.shown = new Set();
    for (const id of this.matched) {
      for (const c of study.pathOf(id)) {
        this.shown.add(c.id);
      }
    }
  }

  /** Own and rolled-up counts of a code in the current scope (what the tree shows). */
  countOf(id: string): CodeCount {
    const study = this.study;
    if (!study) {
      return { own: 0, total: 0, uncounted: 0 };
    }
    if (!this.counts) {
      const doc = this._doc;
      this.counts = this._scope === 'transcript' ? codeCounts(study, doc ? study.codingsOf(doc) : []) : codeCounts(study);
    }
    return this.counts.get(id) ?? { own: 0, total: 0, uncounted: 0 };
  }

  async getChildren(parent?: string): Promise<string[]> {
    const study = this.study;
    if (!study) {
      return [];
    }
    await prepareIcons(this.icons, study);
    const kids = study.children(parent);
    return (this.shown ? kids.filter((c) => this.shown!.has(c.id)) : kids).map((c) => c.id);
  }

  getParent(id: string): string | undefined {
    const parent = this.study?.code(id)?.parent;
    return parent !== undefined && this.study?.code(parent) ? parent : undefined;
  }

  getTreeItem(id: string): vscode.TreeItem {
    const study = this.study;
    const code = study?.code(id);
    if (!study || !code) {
      return new vscode.TreeItem(vscode.l10n.t('(removed code)'));
    }
    const hasChildren = study.children(id).some((c) => !this.shown || this.shown.has(c.id));
    const state = !hasChildren
      ? vscode.TreeItemCollapsibleState.None
      : this.shown || code.parent === undefined
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const label: vscode.TreeItemLabel = { label: code.name };
    if (this.matched?.has(id)) {
      label.highlights = [[0, code.name.length]];
    }
    const item = new vscode.TreeItem(label, state);
    item.id = this.shown ? `filter-${this.generation}:${id}` : id;
    item.iconPath = this.icons.icon(code.color) ?? new vscode.ThemeIcon('circle-filled');
    item.description = this.describe(code);
    item.tooltip = this.tooltip(study, code);
    item.contextValue = code.parent !== undefined ? 'code.child' : 'code.top';
    item.accessibilityInformation = { label: `${study.pathLabel(id)}, ${item.description}` };
    return item;
  }

  private describe(code: Code): string {
    const n = this.countOf(code.id);
    // Orphaned codings are not in the counts (core/counting): shown beside them.
    const counted = n.total !== n.own ? `${n.own} · Σ${n.total}` : `${n.own}`;
    const counts = n.uncounted > 0 ? `${counted} ${vscode.l10n.t('(+{0} orphaned)', n.uncounted)}` : counted;
    const extra = [code.polarity ? POLARITY_SIGN[code.polarity] : undefined, code.origin ? originLabel(code.origin) : undefined]
      .filter(Boolean)
      .join(' ');
    return extra ? `${counts}  ${extra}` : counts;
  }

  private tooltip(study: Study, code: Code): vscode.MarkdownString {
    const n = this.countOf(code.id);
    const md = new vscode.MarkdownString(undefined, true);
    md.supportHtml = true;
    md.appendMarkdown(`<span style="color:${code.color};">■</span> `);
    md.appendMarkdown('**');
    md.appendText(study.pathLabel(code.id));
    md.appendMarkdown('**\n\n');
    if (code.definition) {
      md.appendText(code.definition);
      md.appendMarkdown('\n\n');
    } else {
      md.appendMarkdown(`*${vscode.l10n.t('No definition yet.')}*\n\n`);
    }
    const where = this._scope === 'transcript' ? (this._doc ?? vscode.l10n.t('no transcript')) : vscode.l10n.t('whole study');
    md.appendText(vscode.l10n.t('Codings ({0}): {1} with this code, {2} with it or a subcode', where, n.own, n.total));
    md.appendMarkdown('  \n');
    if (n.uncounted > 0) {
      md.appendText(uncountedSentence(n.uncounted));
      md.appendMarkdown('  \n');
    }
    if (code.polarity) {
      md.appendText(`${vscode.l10n.t('Polarity')}: ${POLARITY_SIGN[code.polarity]} ${polarityLabel(code.polarity)}`);
      md.appendMarkdown('  \n');
    }
    if (code.origin) {
      md.appendText(`${vscode.l10n.t('Origin')}: ${originLabel(code.origin)}`);
      md.appendMarkdown('  \n');
    }
    if (code.aliases?.length) {
      md.appendText(`${vscode.l10n.t('Aliases')}: ${code.aliases.join(', ')}`);
      md.appendMarkdown('  \n');
    }
    const factors = study.factorsOf(code.id).map((f) => study.factor(f)?.factor.name ?? f);
    if (factors.length) {
      md.appendText(`${vscode.l10n.t('Literature factors')}: ${factors.join('; ')}`);
      md.appendMarkdown('  \n');
    }
    const history = codeTooltipLines(code.id);
    if (history.length) {
      md.appendMarkdown('\n');
      for (const line of history) {
        md.appendText(line);
        md.appendMarkdown('  \n');
      }
    }
    if (code.memo) {
      md.appendMarkdown('\n*');
      md.appendText(code.memo);
      md.appendMarkdown('*');
    }
    return md;
  }

  // ---------- drag and drop ----------

  handleDrag(source: readonly string[], dataTransfer: vscode.DataTransfer, _token?: vscode.CancellationToken): void {
    const ids = source.filter((id) => this.study?.code(id));
    if (ids.length) {
      dataTransfer.set(CODE_MIME, new vscode.DataTransferItem(JSON.stringify(ids)));
    }
  }

  /** Dropping codes onto a code moves them under it; onto empty space (target undefined), to the top level. */
  async handleDrop(target: string | undefined, dataTransfer: vscode.DataTransfer, _token?: vscode.CancellationToken): Promise<void> {
    const study = this.study;
    const ids = await codesFrom(dataTransfer);
    if (!study || ids.length === 0) {
      return;
    }
    await showStudyErrors(() => {
      const ops = moveCodes(study, ids, target);
      if (ops.length) {
        const name = ids.length === 1 ? (study.code(ids[0])?.name ?? '') : String(ids.length);
        study.transact(vscode.l10n.t('Move code {0}', name), ops);
      }
    }, vscode.window.showWarningMessage);
  }
}

/** Writes the colour squares of the study's codes that are not written yet (a file-system round trip only then). */
export async function prepareIcons(icons: ColorIcons, study: Study): Promise<void> {
  const missing = study.codes.filter((c) => !icons.icon(c.color)).map((c) => c.color);
  if (missing.length) {
    await icons.prepare(missing);
  }
}

/** The code ids carried by a drag from the code tree. */
export async function codesFrom(dataTransfer: vscode.DataTransfer): Promise<string[]> {
  const item = dataTransfer.get(CODE_MIME);
  if (!item) {
    return [];
  }
  try {
    const value: unknown = JSON.parse(await item.asString());
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function polarityLabel(p: string): string {
  switch (p) {
    case 'belemmerend':
      return vscode.l10n.t('belemmerend (hindering)');
    case 'stimulerend':
      return vscode.l10n.t('stimulerend (stimulating)');
    default:
      return vscode.l10n.t('neutral');
  }
}

export function originLabel(o: string): string {
  switch (o) {
    case 'literature':
      return vscode.l10n.t('literature');
    case 'empirical':
      return vscode.l10n.t('empirical');
    default:
      return vscode.l10n.t('in vivo');
  }
}
