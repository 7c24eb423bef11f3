/**
 * The first look at a study: the first time a study opens in a workspace (and the setting
 * `codeboom.welcome.onFirstOpen` is on), reveal the Codeboom view and, when no editor is open, open
 * the transcript with the most codings so its highlights show at once; the walkthrough is one click
 * away (the Codeboom view's title bar and the notification). Later opens leave the layout alone.
 */
import * as vscode from 'vscode';
import type { Study } from '../core/study';
import type { StudyService } from '../study/studyService';
import type { Feature } from '../feature';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';

const SEEN_KEY = 'codeboom.welcome.seen';
export const WALKTHROUGH_ID = 'codeboom.codeboom#codeboom.start';

/** The transcript a newcomer should see first: the one with the most codings (ties: path order). */
export function firstTranscript(study: Study): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const d of [...study.documents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const n = study.codingsOf(d.path).filter((c) => !c.orphaned).length;
    if (n > bestCount) {
      best = d.path;
      bestCount = n;
    }
  }
  return best ?? study.documents[0]?.path;
}

export const welcomeFeature: Feature = ({ extension: context, service: svc }) => {
  const openWalkthrough = registerCommand(Command.openWalkthrough, () =>
    vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
  );
  const onStudy = svc.onDidChangeStudy((study) => {
    if (!study || context.workspaceState.get<boolean>(SEEN_KEY)) {
      return;
    }
    if (!vscode.workspace.getConfiguration('codeboom').get<boolean>('welcome.onFirstOpen', true)) {
      return;
    }
    void context.workspaceState.update(SEEN_KEY, true);
    void showFirstLook(svc, study);
  });
  return vscode.Disposable.from(openWalkthrough, onStudy);
};

async function showFirstLook(svc: StudyService, study: Study): Promise<void> {
  await vscode.commands.executeCommand('workbench.view.extension.codeboom');
  const doc = firstTranscript(study);
  if (doc && vscode.window.visibleTextEditors.length === 0) {
    const editor = await vscode.window.showTextDocument(svc.uriOf(doc), { preview: false });
    const first = study.codingsOf(doc).find((c) => !c.orphaned);
    if (first) {
      const pos = editor.document.positionAt(first.start);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
    }
  }
  const walkthrough = vscode.l10n.t('Open the Walkthrough');
  const picked = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Welcome to Codeboom: {0} is open. The walkthrough shows how to code, organise the codeboom and build the tables.',
      study.name,
    ),
    walkthrough,
  );
  if (picked === walkthrough) {
    await vscode.commands.executeCommand(Command.openWalkthrough);
  }
}
