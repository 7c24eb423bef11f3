import * as vscode from 'vscode';
import { createProject } from '../core/store';
import { emptyProject } from '../core/model';
import { uncountedOf } from '../core/counting';
import { formatProblem } from '../core/schema';
import { VscodeFileSystem } from '../platform/vscodeFileSystem';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';
import type { StudyService } from './studyService';
import { counted } from '../core/plural';

/** Arguments of New Study for tests and scripts (asked for when missing). */
export interface NewStudyArgs {
  /** The folder of the new study (default: the first workspace folder). */
  readonly folder?: vscode.Uri;
  readonly name?: string;
}

/** Commands about the study as a whole: create, open, reload, summary, problems, undo/redo. */
export function registerStudyCommands(service: StudyService, extensionUri?: vscode.Uri): vscode.Disposable[] {
  return [...studyFolderCommands(service, extensionUri), ...studyStateCommands(service)];
}

/** Where a study comes from: the sample, a new study in the open folder, another folder. */
function studyFolderCommands(service: StudyService, extensionUri?: vscode.Uri): vscode.Disposable[] {
  return [
    registerCommand(Command.openSample, async (target?: vscode.Uri, openFolder = true) => {
      if (!extensionUri) {
        return undefined;
      }
      let folder = target;
      if (!folder) {
        const picked = await vscode.window.showOpenDialog({
          canSelectFolders: true,
          canSelectFiles: false,
          openLabel: vscode.l10n.t('Put the sample study here'),
          title: vscode.l10n.t('Where should the sample study be copied to?'),
        });
        if (!picked?.[0]) {
          return undefined;
        }
        folder = vscode.Uri.joinPath(picked[0], 'kennisdeling');
      }
      try {
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, 'codeboom.json'));
      } catch {
        await vscode.workspace.fs.copy(vscode.Uri.joinPath(extensionUri, 'sample', 'kennisdeling'), folder, { overwrite: false });
      }
      if (openFolder) {
        await vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: false });
      }
      return folder;
    }),
    registerCommand(Command.newProject, async (args?: NewStudyArgs) => {
      const folder = args?.folder
        ? { uri: args.folder, name: args.folder.path.split('/').pop() ?? '' }
        : vscode.workspace.workspaceFolders?.[0];
      if (!folder) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder first: the study lives in it.'));
        return;
      }
      const fs = new VscodeFileSystem(folder.uri);
      if (await fs.stat('codeboom.json')) {
        void vscode.window.showInformationMessage(vscode.l10n.t('This folder already has a Codeboom study.'));
        await service.open(folder.uri);
        return;
      }
      const name =
        args?.name ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('New Codeboom study'),
          prompt: vscode.l10n.t('Name of the study'),
          value: folder.name,
          validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A study needs a name.')),
        }));
      if (!name?.trim()) {
        return;
      }
      await createProject(fs, emptyProject(name.trim()));
      await service.open(folder.uri);
      const transcripts = service.study?.documents.length ?? 0;
      void vscode.window.showInformationMessage(
        transcripts > 0
          ? vscode.l10n.t('Codeboom: created study “{0}” with the {1} in this folder.', name.trim(), counted(transcripts, 'transcript'))
          : vscode.l10n.t(
              'Codeboom: created study “{0}”. Add Markdown transcripts with front matter (case, respondent, interview) to this folder.',
              name.trim(),
            ),
      );
      // A study in a git repository: offer the team set-up (src/team) now, whatever was offered before.
      void vscode.commands.executeCommand(Command.setUpGit, { folder: folder.uri, ask: true });
    }),
    registerCommand(Command.openStudy, async (uri?: vscode.Uri) => {
      const root =
        uri ??
        (
          await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: vscode.l10n.t('Open study') })
        )?.[0];
      if (root) {
        await service.open(root);
      }
    }),
  ];
}

/** The open study: reload, summary, problems, undo/redo. */
function studyStateCommands(service: StudyService): vscode.Disposable[] {
  return [
    registerCommand(Command.reload, () => service.reload()),
    registerCommand(Command.showStudyInfo, () => {
      const study = service.study;
      if (!study) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: no study is open.'));
        return;
      }
      // Orphaned codings (and those of a missing transcript) are not counted (core/counting): shown apart.
      const orphans = uncountedOf(study, study.allCodings());
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Codeboom: study “{0}” — {1}, {2}, {3}, {4}, {5} by {6}, {7} orphaned.',
          study.name,
          counted(study.documents.length, 'transcript'),
          counted(study.cases().length, 'case'),
          counted(study.respondents().length, 'respondent'),
          counted(study.codes.length, 'code'),
          counted(study.codingCount - orphans, 'coding'),
          counted(study.coders().length, 'coder'),
          orphans,
        ),
      );
    }),
    registerCommand(Command.showProblems, () => {
      const s = service.state;
      if ((s.kind === 'error' || s.kind === 'ready') && s.problems.length) {
        service.problems.output.clear();
        for (const p of s.problems) {
          service.problems.output.appendLine(formatProblem(p));
        }
      }
      service.problems.output.show(true);
      void vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
    registerCommand(Command.undo, () => {
      const study = service.study;
      if (!study?.canUndo) {
        return;
      }
      const label = study.undo();
      vscode.window.setStatusBarMessage(vscode.l10n.t('Codeboom: undone “{0}”', label ?? ''), 3000);
    }),
    registerCommand(Command.redo, () => {
      const study = service.study;
      if (!study?.canRedo) {
        return;
      }
      const label = study.redo();
      vscode.window.setStatusBarMessage(vscode.l10n.t('Codeboom: redone “{0}”', label ?? ''), 3000);
    }),
  ];
}
