/**
 * The open study's pseudonym key file and its check, for every feature that needs them: the
 * privacy commands, and the exports that a confidential study gates (matrix, REFI). The key file
 * may lie outside the study (its default place), so it is read and written through VS Code's file
 * system by URI, not the study's port; inside the study, `.gitignore` gets its line first.
 */
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { decodeText, encodeText } from '../core/port';
import {
  checkPseudonyms,
  gitignoreWithEntry,
  keyLocation,
  loadKeyFile,
  type KeyFileAccess,
  type KeyLocation,
  type PseudonymLeft,
  type PseudonymList,
  openStudyTexts,
  type TranscriptText,
} from '../core/pseudonyms';
import { StudyError } from '../core/study';
import type { StudyService } from './studyService';
import { writeUriAtomic } from '../platform/vscodeFileSystem';

export interface KeyFile extends KeyFileAccess {
  readonly uri: vscode.Uri;
  readonly location: KeyLocation;
}

/** The study's key file (it may not exist yet). Throws when no study is open. */
export function studyKeyFile(service: StudyService): KeyFile {
  const root = service.root;
  const study = service.study;
  if (!root || !study) {
    throw new StudyError(l10n.t('Open a study first.'));
  }
  const location = keyLocation(study.project.pseudonymKey, root.path.slice(root.path.lastIndexOf('/') + 1));
  const uri = /^(\/|[a-zA-Z]:[\\/]|\\\\)/.test(location.path)
    ? vscode.Uri.file(location.path)
    : vscode.Uri.joinPath(root, ...location.path.split('/'));
  const label = uri.scheme === 'file' ? uri.fsPath : uri.toString();
  return {
    uri,
    location,
    label,
    read: async () => {
      try {
        return decodeText(await vscode.workspace.fs.readFile(uri), label);
      } catch (e) {
        if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') {
          return undefined;
        }
        throw e;
      }
    },
    write: async (text) => {
      if (location.inside) {
        // The key never goes into the study's repository: the .gitignore line comes first.
        const fs = service.store!.fs;
        const existing = (await fs.stat('.gitignore')) ? decodeText(await fs.readFile('.gitignore'), '.gitignore') : undefined;
        const next = gitignoreWithEntry(existing, location.path);
        if (next !== undefined) {
          await fs.writeFileAtomic('.gitignore', encodeText(next));
        }
      }
      await writeUriAtomic(uri, encodeText(text));
    },
  };
}

/** The study's pseudonym list, or undefined when there is no key file. */
export async function studyPseudonymList(service: StudyService): Promise<PseudonymList | undefined> {
  return loadKeyFile(studyKeyFile(service));
}

/** Every text of the open study the check reads (transcripts as the editor has them, codings, codebook, memos). */
export async function studyCheckTexts(service: StudyService): Promise<TranscriptText[]> {
  return openStudyTexts({ study: service.study!, store: service.store! });
}

/** The listed names still in the study; undefined when there is no list. */
export async function checkStudy(service: StudyService): Promise<{ list: PseudonymList; left: PseudonymLeft[] } | undefined> {
  const list = await studyPseudonymList(service);
  return list ? { list, left: checkPseudonyms(list, await studyCheckTexts(service)) } : undefined;
}

/**
 * The gate of a confidential study's exports: undefined when the study is not confidential or its
 * check passes; else the override's reason (`override` from the command's arguments, or typed by
 * the user after a warning), which the export writes into its header. Refuses (a StudyError) when
 * there is no reason.
 */
export async function confidentialOverride(service: StudyService, override: unknown): Promise<string | undefined> {
  if (service.study?.project.confidential !== true) {
    return undefined;
  }
  const checked = await checkStudy(service);
  if (checked && checked.left.length === 0) {
    return undefined;
  }
  if (typeof override === 'string' && override.trim() !== '') {
    return override.trim();
  }
  const why = checked
    ? vscode.l10n.t('{0} listed names are still in the study (Check Pseudonyms shows where).', checked.left.length)
    : vscode.l10n.t('It has no pseudonym list yet.');
  const anyway = vscode.l10n.t('Export Anyway…');
  const answer =
    override === false
      ? undefined
      : await vscode.window.showWarningMessage(vscode.l10n.t('This study is confidential. {0}', why), { modal: true }, anyway);
  const reason =
    answer === anyway
      ? await vscode.window.showInputBox({
          title: vscode.l10n.t('Why is this export made without a passing pseudonym check?'),
          prompt: vscode.l10n.t('The reason is written into the export.'),
          validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Give a reason.')),
        })
      : undefined;
  if (!reason?.trim()) {
    throw new StudyError(l10n.t('This study is confidential: the export waits until the pseudonym check passes. {0}'), why);
  }
  return reason.trim();
}
