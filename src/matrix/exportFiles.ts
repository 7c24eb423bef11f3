import * as vscode from 'vscode';
import { writeUriAtomic } from '../platform/vscodeFileSystem';
import type { StudyLocation } from '../study/exportGuard';
import { refuseStudyFile } from '../study/exportGuard';
import { uriArg } from '../platform/commandArgs';
import { errorMessage } from '../l10n/coreMessages';
import { withOverrideHeader } from '../core/pseudonyms';

/** Writes a file atomically (temporary file + rename). */
export const writeFileAtomic = writeUriAtomic;

export interface FormatChoice<F extends string> {
  readonly format: F;
  readonly label: string;
  readonly extension: string;
}

export interface ExportRequest<F extends string> {
  /** What is exported, e.g. "Codebook" (for the dialog and the messages). */
  readonly what: string;
  readonly formats: readonly FormatChoice<F>[];
  /** From the command's arguments. */
  readonly format?: unknown;
  /** A Uri, a URI string ("file:///…"), an absolute path, or a path inside `folder` (../platform/commandArgs). */
  readonly uri?: unknown;
  readonly open?: unknown;
  /** Default file name without extension. */
  readonly baseName: string;
  readonly folder: vscode.Uri | undefined;
  /** The study whose files the export must not write over. */
  readonly study?: StudyLocation;
  /**
   * A confidential study's gate (src/study/pseudonymKey.ts): refuses, or gives the override's reason,
   * which is written into the export's header (beside a binary file).
   */
  readonly confidential?: () => Promise<string | undefined>;
  /** The file's bytes; `target` is where it goes (for files written beside it, e.g. a chart). */
  build(format: F, target: vscode.Uri): Promise<Uint8Array> | Uint8Array;
}

/**
 * The shared flow of every export: pick a format (unless given), pick a file (unless given),
 * build and write it under a progress notification, then offer to open it. Returns the file.
 */
export async function runExport<F extends string>(req: ExportRequest<F>): Promise<vscode.Uri | undefined> {
  let choice = req.formats.find((f) => f.format === req.format);
  if (req.format !== undefined && !choice) {
    throw new Error(
      vscode.l10n.t('Unknown export format "{0}"; use one of {1}.', String(req.format), req.formats.map((f) => f.format).join(', ')),
    );
  }
  if (!choice) {
    const picked = await vscode.window.showQuickPick(
      req.formats.map((f) => ({ label: f.label, description: `.${f.extension}`, choice: f })),
      { title: vscode.l10n.t('Export {0} as…', req.what) },
    );
    if (!picked) {
      return undefined;
    }
    choice = picked.choice;
  }
  let target = uriArg(req.uri, req.folder);
  if (!target) {
    target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export {0}', req.what),
      saveLabel: vscode.l10n.t('Export'),
      ...(req.folder ? { defaultUri: vscode.Uri.joinPath(req.folder, `${req.baseName}.${choice.extension}`) } : {}),
      filters: { [choice.label]: [choice.extension] },
    });
    if (!target) {
      return undefined;
    }
  }
  if (req.study) {
    await refuseStudyFile(req.study, target);
  }
  const override = await req.confidential?.();
  const format = choice.format;
  const file = target;
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  const written = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}…', req.what), cancellable: false },
    async (progress) => {
      progress.report({ message: vscode.l10n.t('building the {0} file', choice.label) });
      const built = await req.build(format, file);
      const marked = override !== undefined ? withOverrideHeader(built, choice.extension, override) : { bytes: built };
      const bytes = marked.bytes;
      if (marked.sidecar) {
        await writeFileAtomic(vscode.Uri.joinPath(file, '..', `${name}.override.txt`), marked.sidecar);
      }
      progress.report({ message: vscode.l10n.t('writing {0}', name) });
      try {
        await writeFileAtomic(file, bytes);
        return true;
      } catch (e) {
        // A file that could not be written (read-only, a folder, no permission): a sentence about it, not a failed command.
        void vscode.window.showErrorMessage(vscode.l10n.t('Codeboom: {0}', errorMessage(e, name)));
        return false;
      }
    },
  );
  if (!written) {
    return undefined;
  }
  if (req.open !== false) {
    void offerToOpen(file, choice.extension);
  }
  return file;
}

async function offerToOpen(file: vscode.Uri, extension: string): Promise<void> {
  const open = vscode.l10n.t('Open');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Exported {0}', file.scheme === 'file' ? file.fsPath : file.toString()),
    open,
  );
  if (answer !== open) {
    return;
  }
  if (extension === 'xlsx' || extension === 'html') {
    // spreadsheets and web pages open best in their own application or the browser
    await vscode.env.openExternal(file);
  } else {
    await vscode.commands.executeCommand('vscode.open', file);
  }
}
