import * as path from 'path';
import * as vscode from 'vscode';
import { studyFileKind } from '../core/store';
import type { Study } from '../core/study';
import { realPathOf } from '../node/studyLinks';

/** Where the open study is (the study service fits). */
export interface StudyLocation {
  readonly root: vscode.Uri | undefined;
  readonly study: Study | undefined;
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
  const candidates: string[] = [];
  const prefix = root.path.replace(/\/$/, '') + '/';
  if (target.path.toLowerCase().startsWith(prefix.toLowerCase())) {
    candidates.push(target.path.slice(prefix.length));
  }
  if (root.scheme === 'file') {
    const rel = path.relative(await realPathOf(root.fsPath), await realPathOf(target.fsPath));
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
      candidates.push(rel.split(path.sep).join('/'));
    }
  }
  for (const rel of candidates) {
    const kind = studyFileKind(folders, rel);
    if (kind === 'project') {
      throw new Error(vscode.l10n.t('An export never writes over the project file {0}. Choose another file.', rel));
    }
    if (kind === 'data') {
      throw new Error(vscode.l10n.t('An export never writes over {0}, a file of Codeboom’s data folder. Choose another file.', rel));
    }
    if (kind === 'transcript') {
      throw new Error(vscode.l10n.t('An export never writes over the transcript {0}. Choose another file.', rel));
    }
  }
}
