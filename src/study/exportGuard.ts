import * as vscode from 'vscode';
import { studyFileKind } from '../core/store';
import type { Study } from '../core/study';
import type { LocalMachine } from '../platform/localMachine';

/** Where the open study is (the study service fits). */
export interface StudyLocation {
  readonly root: vscode.Uri | undefined;
  readonly study: Study | undefined;
  readonly machine: LocalMachine;
}

/**
 * An export never writes over a file of the study: the project file, anything under .codeboom/, a
 * transcript (the core's rule, as for the CLI's --out; links followed on a local disk). The save
 * dialog asks about other existing files. Throws with a message that names the file.
 */
export async function refuseStudyFile(location: StudyLocation, target: vscode.Uri): Promise<void> {
  const root = location.root;
  const folders = location.study?.project.transcriptFolders ?? ['.'];
  if (!root || target.scheme !== root.scheme || target.authority !== root.authority) {
    return;
  }
  // The target as written (any scheme, compared without case), else through links on a local disk.
  const prefix = root.path.replace(/\/$/, '') + '/';
  const written = target.path.toLowerCase().startsWith(prefix.toLowerCase()) ? target.path.slice(prefix.length) : undefined;
  const writtenKind = written !== undefined ? studyFileKind(folders, written) : undefined;
  const hit = writtenKind
    ? { path: written!, kind: writtenKind }
    : root.scheme === 'file'
      ? await location.machine.studyFileAt(root.fsPath, target.fsPath, folders)
      : undefined;
  if (hit?.kind === 'project') {
    throw new Error(vscode.l10n.t('An export never writes over the project file {0}. Choose another file.', hit.path));
  }
  if (hit?.kind === 'data') {
    throw new Error(vscode.l10n.t('An export never writes over {0}, a file of Codeboom’s data folder. Choose another file.', hit.path));
  }
  if (hit?.kind === 'transcript') {
    throw new Error(vscode.l10n.t('An export never writes over the transcript {0}. Choose another file.', hit.path));
  }
}
