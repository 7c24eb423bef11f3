/**
 * Pseudonymising (or re-identifying) the open study: the one place Codeboom rewrites transcripts.
 * A backup of the transcripts and codings files comes first (beside the key file, so outside the
 * study by default: it holds the real names); then the codings, memos and codebook text change as
 * one study step, and the transcripts are written. Undo and redo of that step write the transcripts
 * back too (a {@link StepEffect}), and refuse when a transcript was edited since.
 */
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { codingFilePath } from '../core/serialize';
import { decodeText, encodeText } from '../core/port';
import { StudyError, type StepEffect } from '../core/study';
import {
  gitignoreWithEntry,
  planPseudonymisation,
  type PseudonymList,
  type PseudonymisationPlan,
  type TranscriptText,
} from '../core/pseudonyms';
import type { StudyService } from '../study/studyService';
import { studyKeyFile } from '../study/pseudonymKey';
import { writeUriAtomic } from '../platform/vscodeFileSystem';
import { showError } from '../platform/commands';

export interface ApplyResult {
  readonly transcripts: number;
  readonly replacements: number;
  /** The backup folder. */
  readonly backup: vscode.Uri | undefined;
}

/** The transcripts' texts as the study has them now. */
export function transcriptTexts(service: StudyService): TranscriptText[] {
  const study = service.study!;
  return study.documents.flatMap((d) => {
    const text = service.store?.text(d.path);
    return text === undefined ? [] : [{ path: d.path, text }];
  });
}

export function makePlan(
  service: StudyService,
  list: PseudonymList,
  keep?: (path: string, offset: number) => boolean,
): PseudonymisationPlan {
  return planPseudonymisation(service.study!, transcriptTexts(service), list, keep);
}

function dirtyEditor(service: StudyService, doc: string): boolean {
  const uri = service.uriOf(doc).toString();
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri && d.isDirty);
}

/** Copies the transcripts and every codings file of them, and codeboom.json, into a new folder beside the key file (or, for a key inside the study, under .codeboom/backups, git-ignored). */
async function backup(service: StudyService, docs: readonly string[]): Promise<vscode.Uri> {
  const study = service.study!;
  const key = studyKeyFile(service);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const root = service.root!;
  const name = root.path.slice(root.path.lastIndexOf('/') + 1);
  let folder = vscode.Uri.joinPath(key.uri, '..', `${name}.backup-${stamp}`);
  if (key.location.inside) {
    // A key inside the study: the backup (real names) goes where no transcript is looked for, and never into git.
    const path = `.codeboom/backups/pseudonymise-${stamp}`;
    folder = service.uriOf(path);
    const fs = service.store!.fs;
    const existing = (await fs.stat('.gitignore')) ? decodeText(await fs.readFile('.gitignore'), '.gitignore') : undefined;
    const next = gitignoreWithEntry(existing, path);
    if (next !== undefined) {
      await fs.writeFileAtomic('.gitignore', encodeText(next));
    }
  }
  const files = ['codeboom.json', ...docs];
  for (const doc of docs) {
    for (const coder of new Set(study.codingsOf(doc).map((c) => c.coder))) {
      files.push(codingFilePath(doc, coder));
    }
  }
  for (const file of files) {
    const from = service.uriOf(file);
    try {
      await vscode.workspace.fs.stat(from);
    } catch {
      continue;
    }
    const to = vscode.Uri.joinPath(folder, ...file.split('/'));
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(to, '..'));
    await vscode.workspace.fs.copy(from, to, { overwrite: false });
  }
  return folder;
}

/** Writes transcripts' texts: the store knows them first, so the file watcher sees its own write. */
function writeTexts(service: StudyService, texts: ReadonlyMap<string, string>): Promise<void> {
  const store = service.store!;
  const writes: Promise<void>[] = [];
  for (const [doc, text] of texts) {
    store.setText(doc, text);
    const uri = service.uriOf(doc);
    writes.push(writeUriAtomic(uri, encodeText(text)).catch((e: unknown) => showError(e, doc)));
  }
  return Promise.all(writes).then(() => undefined);
}

/** The step's transcripts, back and forth with undo and redo. */
class TranscriptEffect implements StepEffect {
  /** The writes of the last undo or redo (tests wait for them). */
  written: Promise<void> = Promise.resolve();

  constructor(
    private readonly service: StudyService,
    private readonly before: ReadonlyMap<string, string>,
    private readonly after: ReadonlyMap<string, string>,
    private readonly backupFolder: string,
  ) {}

  check(direction: 'undo' | 'redo'): void {
    const expected = direction === 'undo' ? this.after : this.before;
    for (const [doc, text] of expected) {
      if (this.service.store?.text(doc) !== text || dirtyEditor(this.service, doc)) {
        throw new StudyError(
          l10n.t('The transcript {0} changed after the pseudonymisation, so it cannot be undone here; its backup is in {1}.'),
          doc,
          this.backupFolder,
        );
      }
    }
  }

  apply(direction: 'undo' | 'redo'): void {
    this.written = writeTexts(this.service, direction === 'undo' ? this.before : this.after);
  }
}

/** The effect of the last pseudonymisation (tests wait for its writes). */
export let lastEffect: TranscriptEffect | undefined;

/** Applies a plan as one undoable study step, after a backup. */
export async function applyPlan(service: StudyService, plan: PseudonymisationPlan, label: string): Promise<ApplyResult> {
  const study = service.study;
  const store = service.store;
  if (!study || !store || study.readOnly) {
    throw new StudyError(l10n.t('The study is open read-only; fix the reported problems and reload.'));
  }
  if (plan.transcripts.length === 0 && plan.operations.length === 0) {
    return { transcripts: 0, replacements: 0, backup: undefined };
  }
  const dirty = plan.transcripts.find((t) => dirtyEditor(service, t.path));
  if (dirty) {
    throw new StudyError(l10n.t('Save {0} first: it has changes that are not saved.'), dirty.path);
  }
  await service.flush();
  const folder = await backup(service, [...new Set([...plan.transcripts.map((t) => t.path)])]);
  const before = new Map(plan.transcripts.map((t) => [t.path, store.text(t.path)!]));
  const after = new Map(plan.transcripts.map((t) => [t.path, t.text]));
  const effect = new TranscriptEffect(service, before, after, folder.scheme === 'file' ? folder.fsPath : folder.toString());
  study.transact(label, plan.operations, effect);
  lastEffect = effect;
  effect.written = writeTexts(service, after);
  await effect.written;
  await service.flush();
  return {
    transcripts: plan.transcripts.length,
    replacements: plan.transcripts.reduce((n, t) => n + t.replacements.length, 0),
    backup: folder,
  };
}
