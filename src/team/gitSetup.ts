/**
 * Set Up Git for This Study: the study's `.gitattributes` (the merge driver for codeboom.json and
 * codings files, LF line ends) and the repository's `merge.codeboom.driver`, which runs the CLI
 * bundled with this extension. Offered once when a study in a git repository lacks them.
 */
import * as vscode from 'vscode';
import type { FeatureContext } from '../feature';
import { Disposable } from '../platform/lifecycle';
import { registerCommand, showError } from '../platform/commands';
import { Command } from '../platform/ids';

export interface SetUpGitArgs {
  /** The study folder (default: the open study's). */
  readonly folder?: vscode.Uri;
  /**
   * Ask first, and only when the study is in a git repository without the set-up (New Study runs
   * this); silent otherwise. Resolves to the set-up when the person chose it.
   */
  readonly ask?: boolean;
}

/** How an offer is put to the person: a notification with actions (tests answer it themselves). */
export type Ask = (message: string, ...actions: string[]) => Thenable<string | undefined>;

export interface SetUpGitResult {
  /** Whether .gitattributes was written (false: it had every line already). */
  readonly attributes: boolean;
  /** The driver command now in the repository's config. */
  readonly driver: string;
}

const OFFERED_KEY = 'codeboom.gitSetupOffered';

export class GitSetup extends Disposable {
  /** The study whose git set-up was last checked (the offer is made at most once per study opened). */
  private checkedRoot: string | undefined;
  /** The last set-up written. */
  private result: SetUpGitResult | undefined;
  /** Offers made in this session, by study (never two for one study). */
  private readonly offers = new Map<string, Promise<boolean>>();
  /** How offers are made (replaced by tests). */
  ask: Ask = (message, ...actions) => vscode.window.showInformationMessage(message, ...actions);
  /** The last offer (for tests): whether the set-up was written. */
  lastOffer: Promise<boolean> = Promise.resolve(false);

  constructor(private readonly ctx: FeatureContext) {
    super();
    this._register(registerCommand(Command.setUpGit, (args?: SetUpGitArgs) => this.run(args)));
    this._register(
      ctx.service.onDidChangeState((s) => {
        // 'ready' is fired again on every transcript change and problem update: git is asked once per study opened
        if (s.kind === 'ready' && s.root.scheme === 'file' && s.root.toString() !== this.checkedRoot) {
          this.checkedRoot = s.root.toString();
          this.lastOffer = this.offer(s.root, false);
        }
      }),
    );
  }

  /** Writes the set-up; returns what it did, or undefined (no study, not in git: said to the user). */
  async run(args?: SetUpGitArgs): Promise<SetUpGitResult | undefined> {
    if (args?.ask) {
      const folder = args.folder ?? this.ctx.service.root;
      this.lastOffer = folder ? this.offer(folder, true) : Promise.resolve(false);
      return (await this.lastOffer) ? this.result : undefined;
    }
    const folder = args?.folder ?? this.ctx.service.root;
    if (!folder) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: no study is open.'));
      return undefined;
    }
    if (folder.scheme !== 'file' || !vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: git can be set up only for a trusted study on this computer.'));
      return undefined;
    }
    const machine = this.ctx.service.machine;
    const state = await machine.gitSetup(folder.fsPath);
    if (!state.inRepository) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Codeboom: this study is not in a git repository. Initialize one first (Source Control: Initialize Repository), then set up git again.',
        ),
      );
      return undefined;
    }
    try {
      const result = await machine.setUpGit(folder.fsPath, this.ctx.extension.extensionPath);
      this.result = result;
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Codeboom: git is set up for this study. Commit .gitattributes so your team shares it; each team member runs this command once in their own copy.',
        ),
      );
      return result;
    } catch (e) {
      showError(e, vscode.Uri.joinPath(folder, '.gitattributes').fsPath);
      return undefined;
    }
  }

  /**
   * A study in a git repository without the set-up gets an offer to set it up: once per workspace
   * when a study is opened, and for a new study (`always`) whatever was offered before; never twice
   * for one study in a session. Returns whether the set-up was written.
   */
  private offer(root: vscode.Uri, always: boolean): Promise<boolean> {
    const key = root.toString();
    const pending = this.offers.get(key);
    if (pending) {
      return pending;
    }
    if (root.scheme !== 'file' || !vscode.workspace.isTrusted || (!always && this.ctx.extension.workspaceState.get<boolean>(OFFERED_KEY))) {
      return Promise.resolve(false);
    }
    const offer = this.makeOffer(root, always);
    this.offers.set(key, offer);
    return offer;
  }

  private async makeOffer(root: vscode.Uri, always: boolean): Promise<boolean> {
    const state = await this.ctx.service.machine.gitSetup(root.fsPath);
    if (!state.inRepository || state.missing.length === 0) {
      this.offers.delete(root.toString()); // asked again later (after a git init)
      return false;
    }
    await this.ctx.extension.workspaceState.update(OFFERED_KEY, true);
    const setUp = vscode.l10n.t('Set Up Git');
    const choice = await this.ask(
      always
        ? vscode.l10n.t(
            'Codeboom: the new study is in a git repository. Set up git for it so that merging the team’s branches never needs a person for study files?',
          )
        : vscode.l10n.t(
            'Codeboom: this study is in a git repository. Set up git so that merging the team’s branches never needs a person for study files?',
          ),
      setUp,
    );
    return choice === setUp && (await this.run({ folder: root })) !== undefined;
  }
}
