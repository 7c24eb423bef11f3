/**
 * The browser's machine (vscode.dev, github.dev, the web worker extension host): no local disk, no
 * processes. The coder's name comes from the `codeboom.coder` setting (read before this port is
 * asked); without it the name is asked once, without holding up the study's opening, and kept in that
 * setting, whose change makes the study service take it. Until then the coder is "coder". Git's
 * set-up cannot run and says so in one message. See machine.ts.
 */
import * as vscode from 'vscode';
import type { LocalMachine } from './localMachine';

let asking: Promise<void> | undefined;

/** Asks the coder's name once per session (the answer is kept in the user's `codeboom.coder` setting). */
function askCoderName(): void {
  asking ??= (async () => {
    const name = (
      await vscode.window.showInputBox({
        title: vscode.l10n.t('Codeboom: your name as a coder'),
        prompt: vscode.l10n.t(
          'Git cannot be asked for your name in the browser. Your codings are saved under this name (kept in Codeboom’s settings).',
        ),
        ignoreFocusOut: true,
      })
    )?.trim();
    if (name) {
      await vscode.workspace.getConfiguration('codeboom').update('coder', name, vscode.ConfigurationTarget.Global);
    }
  })().catch(() => undefined);
}

export const MACHINE: LocalMachine = {
  readText: () => undefined,
  coderName: async () => {
    askCoderName();
    return 'coder';
  },
  studyFileAt: async () => undefined,
  gitSetup: async () => ({ inRepository: false, missing: [] }),
  setUpGit: async () => {
    throw new Error(
      vscode.l10n.t('Codeboom: git cannot be set up in the browser. Open the study in VS Code on your computer and set up git there.'),
    );
  },
  gitLog: async () => undefined,
};
