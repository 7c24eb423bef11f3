import * as vscode from 'vscode';
import { groupDocuments } from '../core/quotations';
import { isCounted, uncountedOf } from '../core/counting';
import type { StudyService } from '../study/studyService';
import { StudyTreeProvider, asString, plural } from './studyWatch';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';
import { counted as countedNoun, uncountedSentence } from '../core/plural';

export type TranscriptNode =
  { readonly kind: 'group'; readonly value: string | undefined } | { readonly kind: 'doc'; readonly doc: string };

const GROUP_KEY = 'codeboom.transcripts.groupBy';

/** The study's transcripts grouped by case (or any attribute, or not at all), with their coding counts. */
export class TranscriptsProvider extends StudyTreeProvider<TranscriptNode> {
  /** Attribute to group by; '' for a flat list; undefined for the study's case key. */
  private _groupBy: string | undefined;

  constructor(
    service: StudyService,
    private readonly memento: vscode.Memento,
  ) {
    super(service);
    this._groupBy = memento.get<string>(GROUP_KEY);
    this.watch(() => this.changes.fire());
  }

  /** The attribute grouped by ('' when the list is flat). */
  get groupBy(): string {
    return this._groupBy ?? this.study?.project.attributeKeys.case ?? 'case';
  }

  setGroupBy(key: string): void {
    this._groupBy = key;
    void this.memento.update(GROUP_KEY, key);
    this.changes.fire();
  }

  getChildren(parent?: TranscriptNode): TranscriptNode[] {
    const study = this.study;
    if (!study) {
      return [];
    }
    const key = this.groupBy;
    if (!parent) {
      if (!key) {
        return study.documents.map((d) => ({ kind: 'doc', doc: d.path }));
      }
      return groupDocuments(study, key).map((g) => ({ kind: 'group', value: g.value }));
    }
    if (parent.kind === 'group') {
      return (groupDocuments(study, key).find((g) => g.value === parent.value)?.documents ?? []).map((d) => ({ kind: 'doc', doc: d.path }));
    }
    return [];
  }

  getParent(node: TranscriptNode): TranscriptNode | undefined {
    const key = this.groupBy;
    if (node.kind === 'doc' && key && this.study) {
      return { kind: 'group', value: this.study.attribute(node.doc, key) };
    }
    return undefined;
  }

  getTreeItem(node: TranscriptNode): vscode.TreeItem {
    const study = this.study;
    if (!study) {
      return new vscode.TreeItem('');
    }
    if (node.kind === 'group') {
      const key = this.groupBy;
      const docs = groupDocuments(study, key).find((g) => g.value === node.value)?.documents ?? [];
      // Orphaned codings are not counted (core/counting); each transcript shows its own apart.
      const codings = docs.reduce((n, d) => n + study.codingsOf(d.path).filter((c) => isCounted(study, c)).length, 0);
      const isCase = key === study.project.attributeKeys.case;
      const name = isCase && node.value !== undefined ? study.project.cases.find((c) => c.id === node.value)?.name : undefined;
      const item = new vscode.TreeItem(node.value ?? vscode.l10n.t('(no {0})', key), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${key}:${node.value ?? ''}`;
      item.description = [
        name && name !== node.value ? name : undefined,
        `${plural(docs.length, vscode.l10n.t('1 transcript'), vscode.l10n.t('{0} transcripts', docs.length))} · ${plural(codings, vscode.l10n.t('1 coding'), vscode.l10n.t('{0} codings', codings))}`,
      ]
        .filter(Boolean)
        .join(' · ');
      item.iconPath = new vscode.ThemeIcon(isCase ? 'organization' : 'symbol-field');
      item.tooltip = isCase ? study.project.cases.find((c) => c.id === node.value)?.description : `${key} = ${node.value ?? ''}`;
      item.contextValue = 'transcriptGroup';
      return item;
    }
    const doc = study.document(node.doc);
    const uri = this.service.uriOf(node.doc);
    const item = new vscode.TreeItem(study.sourceLabel(node.doc), vscode.TreeItemCollapsibleState.None);
    item.id = `doc:${node.doc}`;
    item.resourceUri = uri;
    item.iconPath = vscode.ThemeIcon.File;
    const all = study.codingsOf(node.doc);
    const orphans = uncountedOf(study, all);
    const counted = all.length - orphans;
    item.description = [
      node.doc.slice(node.doc.lastIndexOf('/') + 1),
      plural(counted, vscode.l10n.t('1 coding'), vscode.l10n.t('{0} codings', counted)),
      orphans ? vscode.l10n.t('{0} orphaned', orphans) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**');
    md.appendText(doc?.title ?? node.doc);
    md.appendMarkdown('**  \n');
    md.appendText(node.doc);
    for (const [k, v] of Object.entries(doc?.attributes ?? {})) {
      md.appendMarkdown('  \n');
      md.appendText(`${k}: ${String(v)}`);
    }
    md.appendMarkdown('  \n');
    const codings = all.filter((c) => isCounted(study, c));
    md.appendText(
      vscode.l10n.t('{0} by {1}', countedNoun(codings.length, 'coding'), [...new Set(codings.map((c) => c.coder))].join(', ') || '—'),
    );
    if (orphans > 0) {
      md.appendMarkdown('  \n');
      md.appendText(uncountedSentence(orphans));
    }
    item.tooltip = md;
    item.contextValue = 'transcript';
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Transcript'), arguments: [uri] };
    return item;
  }
}

export function registerTranscriptCommands(service: StudyService, provider: TranscriptsProvider): vscode.Disposable[] {
  return [
    registerCommand(Command.transcriptsGroupBy, async (key?: unknown) => {
      const study = service.study;
      if (!study) {
        return undefined;
      }
      let k = asString(key);
      if (k === undefined) {
        const caseKey = study.project.attributeKeys.case;
        const keys = [caseKey, ...study.attributeKeys().filter((x) => x !== caseKey && x !== 'title')];
        const picked = await vscode.window.showQuickPick(
          [
            ...keys.map((x) => ({
              label: x === caseKey ? vscode.l10n.t('Case') : x,
              description: x === provider.groupBy ? vscode.l10n.t('current') : undefined,
              key: x,
            })),
            { label: vscode.l10n.t('No grouping'), description: provider.groupBy === '' ? vscode.l10n.t('current') : undefined, key: '' },
          ],
          { title: vscode.l10n.t('Group transcripts by…') },
        );
        if (!picked) {
          return undefined;
        }
        k = picked.key;
      }
      provider.setGroupBy(k);
      return k;
    }),
  ];
}
