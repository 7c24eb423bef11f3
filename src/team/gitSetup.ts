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
}

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

  constructor(private readonly ctx: FeatureContext) {
    super();
    this._register(registerCommand(Command.setUpGit, (args?: SetUpGitArgs) => this.run(args)));
    this._register(
      ctx.service.onDidChangeState((s) => {
        // 'ready' is fired again on every transcript change and problem update: git is asked once per study opened
        if (s.kind === 'ready' && s.root.scheme === 'file' && s.root.toString() !== this.checkedRoot) {
          this.checkedRoot = s.root.toString();
          void this.offer(s.root);
        }
      }),
    );
  }

  /** Writes the set-up; returns what it did, or undefined (no study, not in git: said to the user). */
  async run(args?: SetUpGitArgs): Promise<SetUpGitResult | undefined> {
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

  /** Once per workspace: a study in a git repository without the set-up gets an offer to set it up. */
  private async offer(root: vscode.Uri): Promise<void> {
    const memory = this.ctx.extension.workspaceState;
    if (!vscode.workspace.isTrusted || memory.get<boolean>(OFFERED_KEY)) {
      return;
    }
    const state = await this.ctx.service.machine.gitSetup(root.fsPath);
    if (!state.inRepository || state.missing.length === 0) {
      return;
    }
    await memory.update(OFFERED_KEY, true);
    const setUp = vscode.l10n.t('Set Up Git');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Codeboom: this study is in a git repository. Set up git so that merging the team’s branches never needs a person for study files?',
      ),
      setUp,
    );
    if (choice === setUp) {
      await this.run({ folder: root });
    }
  }
}
