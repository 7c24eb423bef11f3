/**
 * Suggest Codings for This Transcript: the engine (src/core/suggest) proposes a code for each
 * uncoded respondent turn; the proposals are a review list (the view "Suggested Codings") where
 * each can be accepted or rejected, or all above a confidence accepted at once. Accepted proposals
 * become ordinary codings (the active coder, memo "suggested"), one undoable step per batch;
 * rejected ones are remembered (workspace state) and not proposed again. With the setting
 * `codeboom.suggestions.languageModel` on, a language model may choose among the engine's
 * candidates first (./languageModel.ts: never for a confidential study).
 */
import * as vscode from 'vscode';
import type { Feature, FeatureContext } from '../feature';
import { Disposable } from '../platform/lifecycle';
import { registerCommand } from '../platform/commands';
import { Command, ViewId } from '../platform/ids';
import { applyCodes } from '../core/coding';
import { proposalKey, proposeCodings, suggesterFor } from '../core/suggest';
import type { Proposal } from '../core/suggest';
import type { Operation } from '../core/study';
import type { StudyService } from '../study/studyService';
import type { ColorIcons } from '../ui/colorIcons';
import { pickCodes } from '../ui/codePicker';
import { rerankProposals, vscodeLanguageModels } from './languageModel';
import type { LanguageModelPort } from './languageModel';

const REJECTED_KEY = 'codeboom.rejectedSuggestions';

export interface SuggestTranscriptArgs {
  /** The transcript (path in the study); default: the active editor's. */
  readonly doc?: string;
  readonly minConfidence?: number;
}

/** A proposal, proposals by key, or none (the view's selection). */
type Target = Proposal | { readonly keys: readonly string[] } | undefined;

class ReviewList extends Disposable implements vscode.TreeDataProvider<Proposal> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;
  items: Proposal[] = [];

  constructor(private readonly service: StudyService) {
    super();
  }

  set(items: Proposal[]): void {
    this.items = items;
    this.changed.fire();
  }

  getChildren(element?: Proposal): Proposal[] {
    return element ? [] : this.items;
  }

  getTreeItem(p: Proposal): vscode.TreeItem {
    const study = this.service.study;
    const item = new vscode.TreeItem(study?.pathLabel(p.code) ?? p.code);
    const short = p.passage.length > 80 ? `${p.passage.slice(0, 79)}…` : p.passage;
    item.description = `${Math.round(p.confidence * 100)}% · ${short}`;
    item.tooltip = new vscode.MarkdownString().appendText(`${p.reason}\n\n${p.passage}`);
    item.contextValue = 'proposal';
    item.id = p.key;
    item.command = { command: 'vscode.open', title: '', arguments: [this.service.uriOf(p.doc), { selection: undefined }] };
    return item;
  }
}

export class SuggestFeature extends Disposable {
  readonly list: ReviewList;
  /** VS Code's language models (a host test puts an observing port here). */
  languageModels: LanguageModelPort = vscodeLanguageModels;
  private readonly view: vscode.TreeView<Proposal>;

  constructor(
    private readonly service: StudyService,
    private readonly state: vscode.Memento,
    private readonly icons: ColorIcons,
  ) {
    super();
    this.list = this._register(new ReviewList(service));
    this.view = this._register(vscode.window.createTreeView(ViewId.suggestions, { treeDataProvider: this.list, canSelectMany: true }));
    this._register(registerCommand(Command.suggestTranscript, (args?: SuggestTranscriptArgs) => this.suggest(args)));
    this._register(registerCommand(Command.suggestionsAccept, (t?: Target) => this.accept(this.targets(t))));
    this._register(registerCommand(Command.suggestionsReject, (t?: Target) => this.reject(this.targets(t))));
    this._register(registerCommand(Command.suggestionsChangeCode, (p?: Proposal, code?: string) => this.changeCode(p, code)));
    this._register(registerCommand(Command.suggestionsAcceptAbove, (min?: number) => this.acceptAbove(min)));
    this._register(service.onDidChangeStudy(() => this.list.set([])));
  }

  private get rejected(): Set<string> {
    return new Set(this.state.get<string[]>(REJECTED_KEY, []));
  }

  async suggest(args?: SuggestTranscriptArgs): Promise<Proposal[]> {
    const study = this.service.study;
    const editor = vscode.window.activeTextEditor;
    const doc = args?.doc ?? (editor ? this.service.docPath(editor.document.uri) : undefined);
    if (!study || !doc) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: open a transcript of the study first.'));
      return [];
    }
    const text = (await vscode.workspace.openTextDocument(this.service.uriOf(doc))).getText();
    const suggester = suggesterFor(study);
    await suggester.prepare();
    const rejected = this.rejected;
    const proposals = await rerankProposals(
      study,
      suggester,
      proposeCodings(study, suggester, doc, text, { rejected, minConfidence: args?.minConfidence }),
      this.languageModels,
      rejected,
    );
    this.list.set(proposals);
    if (proposals.length) {
      await vscode.commands.executeCommand(`${ViewId.suggestions}.focus`);
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: no suggestions for the uncoded turns of this transcript.'));
    }
    return proposals;
  }

  private targets(t: Target): Proposal[] {
    if (t && 'keys' in t) {
      return this.list.items.filter((p) => t.keys.includes(p.key));
    }
    if (t) {
      const selected = this.view.selection;
      return selected.some((s) => s.key === t.key) ? [...selected] : [t];
    }
    return [...this.view.selection];
  }

  /** Codes the proposals' passages, one undoable step; returns how many codings were made. */
  async accept(proposals: readonly Proposal[]): Promise<number> {
    const study = this.service.study;
    if (!study || proposals.length === 0) {
      return 0;
    }
    const coder = this.service.activeCoder.id;
    const ops: Operation[] = [];
    for (const doc of new Set(proposals.map((p) => p.doc))) {
      const text = (await vscode.workspace.openTextDocument(this.service.uriOf(doc))).getText();
      for (const p of proposals.filter((x) => x.doc === doc)) {
        for (const op of applyCodes(study, doc, text, [p], [p.code], coder)) {
          ops.push(op.kind === 'addCoding' ? { ...op, coding: { ...op.coding, memo: vscode.l10n.t('suggested') } } : op);
        }
      }
    }
    study.transact(vscode.l10n.t('Accept {0} suggested codings', proposals.length), ops);
    const done = new Set(proposals.map((p) => p.key));
    this.list.set(this.list.items.filter((p) => !done.has(p.key)));
    return ops.length;
  }

  async reject(proposals: readonly Proposal[]): Promise<void> {
    const keys = new Set(proposals.map((p) => p.key));
    await this.state.update(REJECTED_KEY, [...new Set([...this.rejected, ...keys])]);
    this.list.set(this.list.items.filter((p) => !keys.has(p.key)));
  }

  /** Another code for a proposal (picked, or given), still to be accepted. */
  async changeCode(p: Proposal | undefined, code?: string): Promise<Proposal | undefined> {
    const study = this.service.study;
    const target = p ?? this.view.selection[0];
    if (!study || !target) {
      return undefined;
    }
    let next = code;
    if (next === undefined) {
      const picked = await pickCodes(study, this.icons, {
        title: vscode.l10n.t('Which code for this passage?'),
        passage: target.passage,
        canCreate: false,
        canPickMany: false,
      });
      next = picked?.codes[0];
    }
    if (next === undefined || !study.code(next)) {
      return undefined;
    }
    const changed: Proposal = {
      ...target,
      key: proposalKey(target.doc, target.passage, next),
      code: next,
      confidence: 1,
      reason: vscode.l10n.t('chosen by you'),
    };
    this.list.set(this.list.items.map((x) => (x.key === target.key ? changed : x)));
    return changed;
  }

  async acceptAbove(min?: number): Promise<number> {
    let threshold = min;
    if (threshold === undefined) {
      const typed = await vscode.window.showInputBox({
        title: vscode.l10n.t('Accept all suggestions with at least this confidence (%)'),
        value: '70',
        validateInput: (v) => (/^\d{1,3}$/.test(v.trim()) && Number(v) <= 100 ? undefined : vscode.l10n.t('A number from 0 to 100')),
      });
      if (typed === undefined) {
        return 0;
      }
      threshold = Number(typed) / 100;
    }
    return this.accept(this.list.items.filter((p) => p.confidence >= threshold));
  }
}

export const suggestFeature: Feature<SuggestFeature> = (ctx: FeatureContext) =>
  new SuggestFeature(ctx.service, ctx.extension.workspaceState, ctx.icons);
