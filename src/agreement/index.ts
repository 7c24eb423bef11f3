/**
 * Intercoder agreement in VS Code: the command (programmatic arguments, else a few steps to choose
 * the coders, codes or domains, transcripts and method), the reports it writes, and the Agreement view
 * with the domain view and the transcripts where the coders diverge, down to the passages.
 */
import * as vscode from 'vscode';
import type { Feature, FeatureContext } from '../feature';
import { Disposable, MutableDisposable } from '../platform/lifecycle';

const toDisposable = (d: { dispose(): void }): vscode.Disposable => new vscode.Disposable(() => d.dispose());
import { registerCommand } from '../platform/commands';
import { Command, ViewId } from '../platform/ids';
import type { AgreementChoice } from '../core/agreement';
import type { AgreementArgs, AgreementResult } from './report';
import { codersOf, runAgreement, showAgreement } from './report';
import { chooseAgreement } from './choose';
import { AgreementTree } from './view';

export interface PassageArgs {
  readonly doc: string;
  readonly start: number;
  readonly end: number;
}

/** What is tested, from the command's arguments. */
function choiceOf(args: AgreementArgs): AgreementChoice {
  const { docs, codes, domains, rollUp, overlap, method } = args;
  return { docs, codes, domains, rollUp, overlap, method };
}

export class AgreementFeature extends Disposable {
  readonly tree: AgreementTree;

  constructor(private readonly ctx: FeatureContext) {
    super();
    const { service } = ctx;
    this.tree = this._register(new AgreementTree(() => service.study));
    this._register(vscode.window.createTreeView(ViewId.agreement, { treeDataProvider: this.tree, showCollapseAll: true }));
    this._register(registerCommand(Command.agreement, (args?: AgreementArgs) => this.run(args)));
    this._register(registerCommand(Command.openAgreementPassage, (args: PassageArgs) => this.openPassage(args)));
    // the figures are of the study as it was: another study clears them, a change marks them out of date
    const onStudy = this._register(new MutableDisposable<vscode.Disposable>());
    const attach = (): void => {
      onStudy.value = service.study ? toDisposable(service.study.onDidChange(() => this.tree.markStale())) : undefined;
    };
    this._register(
      service.onDidChangeStudy(() => {
        this.tree.show(undefined);
        attach();
      }),
    );
    attach();
  }

  /** Runs the check: with the coders given, exactly as asked (the rest: everything); else step by step. */
  async run(args?: AgreementArgs): Promise<(AgreementResult & { readonly tree: AgreementTree }) | undefined> {
    const study = this.ctx.service.study;
    if (!study) {
      return undefined;
    }
    const given = codersOf(args);
    const asked = given ? { coders: given, choice: choiceOf(args!) } : await chooseAgreement(study);
    if (!asked) {
      return undefined;
    }
    const result = await runAgreement(this.ctx.service, asked.coders, asked.choice, this.ctx.extension.extensionUri);
    if (!result) {
      return undefined;
    }
    this.tree.show(result);
    if (args?.open ?? true) {
      await vscode.commands.executeCommand(`${ViewId.agreement}.focus`).then(undefined, () => undefined);
      await showAgreement(result);
    }
    return { ...result, tree: this.tree };
  }

  /** Opens a transcript with a passage selected. */
  private async openPassage(args: PassageArgs): Promise<vscode.TextEditor | undefined> {
    if (!args || !this.ctx.service.study?.document(args.doc)) {
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(this.ctx.service.uriOf(args.doc));
    const end = Math.min(args.end, doc.getText().length);
    const range = new vscode.Range(doc.positionAt(Math.min(args.start, end)), doc.positionAt(end));
    const editor = await vscode.window.showTextDocument(doc, { selection: range, preview: true });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }
}

export const agreementFeature: Feature<AgreementFeature> = (ctx) => new AgreementFeature(ctx);
