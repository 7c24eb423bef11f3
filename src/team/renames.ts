/**
 * Codings follow their transcript: a transcript or a folder renamed or moved in VS Code (the
 * Explorer, a refactoring, `workspace.applyEdit`) takes its codings files along in the same step.
 * Undoing the rename in the Explorer renames back, and the codings follow back.
 */
import * as vscode from 'vscode';
import { moveCodingsOps } from '../core/renames';
import { Disposable } from '../platform/lifecycle';
import { showError } from '../platform/commands';
import type { StudyService } from '../study/studyService';

/** The study-relative path of a URI inside the study root, else undefined. */
function relativeTo(root: vscode.Uri, uri: vscode.Uri): string | undefined {
  const prefix = root.path.replace(/\/$/, '') + '/';
  return uri.scheme === root.scheme && uri.authority === root.authority && uri.path.startsWith(prefix)
    ? uri.path.slice(prefix.length)
    : undefined;
}

export class RenameFollower extends Disposable {
  /** The last rename followed (for tests): how many codings moved. */
  last: Promise<number> = Promise.resolve(0);

  constructor(private readonly service: StudyService) {
    super();
    this._register(
      vscode.workspace.onDidRenameFiles((e) => {
        this.last = this.follow(e.files).catch((err: unknown) => {
          showError(err);
          return 0;
        });
      }),
    );
  }

  /** Moves the codings of the renamed transcripts (files or folders) and saves; returns how many moved. */
  async follow(files: ReadonlyArray<{ readonly oldUri: vscode.Uri; readonly newUri: vscode.Uri }>): Promise<number> {
    const { root, study, store } = this.service;
    if (!root || !study || !store || study.readOnly) {
      return 0;
    }
    const renames = files.flatMap((f) => {
      const from = relativeTo(root, f.oldUri);
      const to = relativeTo(root, f.newUri);
      return from !== undefined && to !== undefined && !from.startsWith('.codeboom/') ? [{ from, to }] : [];
    });
    const { ops, left, moved } = moveCodingsOps(study, renames);
    if (ops.length === 0) {
      return 0;
    }
    study.transact(vscode.l10n.t('Codings follow a renamed transcript'), ops);
    await this.service.flush();
    await store.removeEmptyCodingFiles(left);
    return moved;
  }
}
