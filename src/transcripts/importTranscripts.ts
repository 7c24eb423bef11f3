/**
 * Codeboom: Import Transcripts… — Word, text, Markdown and caption files to Markdown transcripts
 * in the study's transcript folder. The originals are only read; each transcript gets a free name
 * (never over an existing file) and is written atomically through the study's file port, after
 * which the study's watcher picks it up. With an argument object (`ImportArgs`) it runs without
 * dialogs, for tests and scripts; from the Explorer it takes the selected files.
 */
import * as vscode from 'vscode';
import type { StudyService } from '../study/studyService';
import type { Study } from '../core/study';
import type { RefusalReason, SourceTranscript, TranscriptMeta } from '../core/transcripts';
import { IMPORT_EXTENSIONS, freeName, readTranscript, renderTranscript, transcriptFileName } from '../core/transcripts';
import { encodeText, joinPath } from '../core/port';
import { VscodeFileSystem } from '../platform/vscodeFileSystem';
import { Disposable } from '../platform/lifecycle';
import { registerCommand } from '../platform/commands';
import { errorMessage } from '../l10n/coreMessages';
import { Command } from '../platform/ids';
import { readDocxWithMammoth } from '../platform/docxText';
import { refusalText } from './refusals';
import { ImportPreview, askCase, askFileMeta } from './dialog';
import { counted } from '../core/plural';

export interface ImportArgs {
  readonly files: readonly vscode.Uri[];
  readonly case?: string;
  readonly respondent?: string;
  readonly interview?: number | string;
  readonly date?: string;
  /** Raw speaker name → label written (a pseudonym). */
  readonly speakers?: Readonly<Record<string, string>>;
  /** One of the study's transcript folders (default: the first). */
  readonly folder?: string;
  /** Open the first new transcript (default: true when interactive, false with arguments). */
  readonly open?: boolean;
}

export interface ImportSummary {
  readonly made: Array<{ readonly source: string; readonly path: string }>;
  readonly skipped: Array<{ readonly source: string }>;
  readonly refused: Array<{
    readonly source: string;
    readonly reason: RefusalReason | 'unreadable' | 'notWritten';
    readonly detail?: string;
    readonly message: string;
  }>;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function isUri(v: unknown): v is vscode.Uri {
  return v instanceof vscode.Uri;
}

/** The handler's arguments: an ImportArgs object, or the Explorer's (clicked, selected), or nothing. */
function parseArgs(first: unknown, second: unknown): { args?: ImportArgs; files?: vscode.Uri[] } {
  if (Array.isArray(second) && second.every(isUri) && second.length) {
    return { files: second };
  }
  if (isUri(first)) {
    return { files: [first] };
  }
  if (first && typeof first === 'object' && Array.isArray((first as { files?: unknown }).files)) {
    const a = first as ImportArgs;
    return { args: { ...a, files: a.files.map((f) => (typeof f === 'string' ? vscode.Uri.parse(f) : f)) } };
  }
  return {};
}

interface Planned {
  readonly uri: vscode.Uri;
  readonly source: SourceTranscript;
  readonly meta: TranscriptMeta;
}

export class ImportTranscripts extends Disposable {
  private readonly output = this._register(vscode.window.createOutputChannel('Codeboom Import'));
  private readonly preview = this._register(new ImportPreview());

  constructor(private readonly service: StudyService) {
    super();
    this._register(registerCommand(Command.importTranscripts, (a?: unknown, b?: unknown) => this.run(a, b)));
  }

  async run(first?: unknown, second?: unknown): Promise<ImportSummary | undefined> {
    const study = this.service.study;
    const root = this.service.root;
    if (!study || !root) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: no study is open.'));
      return undefined;
    }
    if (study.readOnly) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Codeboom: the study is read-only now; fix its problems before importing transcripts.'),
      );
      return undefined;
    }
    const { args, files: picked } = parseArgs(first, second);
    const files = args?.files ?? picked ?? (await this.pickFiles());
    if (!files?.length) {
      return undefined;
    }
    const folder = args ? this.folderOf(study, args.folder) : await this.askFolder(study);
    if (folder === undefined) {
      return undefined;
    }
    const summary: ImportSummary = { made: [], skipped: [], refused: [] };
    const sources = await this.readAll(files, summary);
    const planned = args
      ? sources.map(({ uri, source }) => ({ uri, source, meta: metaOf(args, study) }))
      : await this.askAll(study, sources, summary);
    if (planned === undefined) {
      return undefined;
    }
    await this.writeAll(root, folder, planned, summary);
    this.report(summary, !args);
    const open = args?.open ?? !args;
    if (open && summary.made[0]) {
      await vscode.window.showTextDocument(this.service.uriOf(summary.made[0].path)).then(undefined, () => undefined);
    }
    return summary;
  }

  private async pickFiles(): Promise<vscode.Uri[] | undefined> {
    return vscode.window.showOpenDialog({
      canSelectFiles: true,
      canSelectMany: true,
      openLabel: vscode.l10n.t('Import'),
      title: vscode.l10n.t('Import transcripts'),
      filters: { [vscode.l10n.t('Transcripts')]: [...IMPORT_EXTENSIONS] },
    });
  }

  private folderOf(study: Study, wanted: string | undefined): string {
    const folders = study.project.transcriptFolders;
    const folder = wanted !== undefined && folders.includes(wanted) ? wanted : (folders[0] ?? '.');
    return folder === '.' ? '' : folder;
  }

  private async askFolder(study: Study): Promise<string | undefined> {
    const folders = study.project.transcriptFolders;
    if (folders.length <= 1) {
      return this.folderOf(study, undefined);
    }
    const picked = await vscode.window.showQuickPick([...folders], { title: vscode.l10n.t('Import transcripts into which folder?') });
    return picked === undefined ? undefined : this.folderOf(study, picked);
  }

  /** Reads and converts every file under one progress notification; refusals go to the summary. */
  private async readAll(
    files: readonly vscode.Uri[],
    summary: ImportSummary,
  ): Promise<Array<{ uri: vscode.Uri; source: SourceTranscript }>> {
    const out: Array<{ uri: vscode.Uri; source: SourceTranscript }> = [];
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Codeboom: reading transcripts'), cancellable: false },
      async (progress) => {
        for (const [i, uri] of files.entries()) {
          progress.report({ message: `${i + 1}/${files.length} ${fileName(uri)}`, increment: 100 / files.length });
          let bytes: Uint8Array;
          try {
            bytes = await vscode.workspace.fs.readFile(uri);
          } catch (e) {
            summary.refused.push({ source: fileName(uri), reason: 'unreadable', message: errorMessage(e, fileName(uri)) });
            continue;
          }
          const result = await readTranscript(fileName(uri), bytes, { readDocx: readDocxWithMammoth });
          if (result.kind === 'refused') {
            summary.refused.push({
              source: fileName(uri),
              reason: result.reason,
              ...(result.detail !== undefined ? { detail: result.detail } : {}),
              message: refusalText(result),
            });
          } else {
            out.push({ uri, source: result });
          }
        }
      },
    );
    return out;
  }

  /** The dialogs, file by file, each beside a preview; undefined when the case question is cancelled. */
  private async askAll(
    study: Study,
    sources: Array<{ uri: vscode.Uri; source: SourceTranscript }>,
    summary: ImportSummary,
  ): Promise<Planned[] | undefined> {
    if (sources.length === 0) {
      return [];
    }
    const caseAnswer = await askCase(study);
    if (caseAnswer === undefined) {
      return undefined;
    }
    const planned: Planned[] = [];
    let stopped = false;
    for (const [i, { uri, source }] of sources.entries()) {
      if (stopped) {
        summary.skipped.push({ source: source.name });
        continue;
      }
      const close = await this.preview.show(source, i);
      const answer = await askFileMeta(study, source, caseAnswer.value, `${i + 1}/${sources.length}`).finally(close);
      if (answer === 'stop' || answer === 'skip') {
        stopped = answer === 'stop';
        summary.skipped.push({ source: source.name });
        continue;
      }
      const meta = { ...answer.meta, keys: study.project.attributeKeys, title: titleOf(answer.meta) };
      planned.push({ uri, source, meta });
    }
    return planned;
  }

  /** Writes each transcript under a free name (case-insensitively free: Windows and macOS disks). */
  private async writeAll(root: vscode.Uri, folder: string, planned: readonly Planned[], summary: ImportSummary): Promise<void> {
    if (planned.length === 0) {
      return;
    }
    const fs = new VscodeFileSystem(root);
    const taken = new Set((await fs.readDirectory(folder).catch(() => [])).map(([name]) => name.toLowerCase()));
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Codeboom: writing transcripts') },
      async (progress) => {
        for (const p of planned) {
          progress.report({ message: p.source.name, increment: 100 / planned.length });
          try {
            // Free in the listing and on disk (a file may have appeared since the folder was listed).
            const proposed = transcriptFileName(p.source.name, p.meta);
            let name = freeName(proposed, (n) => taken.has(n.toLowerCase()));
            while (await fs.stat(joinPath(folder, name))) {
              taken.add(name.toLowerCase());
              name = freeName(proposed, (n) => taken.has(n.toLowerCase()));
            }
            const path = joinPath(folder, name);
            taken.add(name.toLowerCase());
            await fs.writeFileAtomic(path, encodeText(renderTranscript(p.source, p.meta)));
            summary.made.push({ source: p.source.name, path });
          } catch (e) {
            // Reported once, in the summary: a batch does not pop up one error per file.
            summary.refused.push({ source: p.source.name, reason: 'notWritten', message: errorMessage(e, p.source.name) });
          }
        }
      },
    );
  }

  private report(summary: ImportSummary, interactive: boolean): void {
    const out = this.output;
    out.appendLine(vscode.l10n.t('Import of {0}:', counted(summary.made.length + summary.skipped.length + summary.refused.length, 'file')));
    for (const m of summary.made) {
      out.appendLine(`  ✓ ${m.source} → ${m.path}`);
    }
    for (const s of summary.skipped) {
      out.appendLine(`  – ${s.source}: ${vscode.l10n.t('skipped')}`);
    }
    for (const r of summary.refused) {
      out.appendLine(`  ✗ ${r.source}: ${r.message}`);
    }
    const text = vscode.l10n.t(
      'Codeboom: {0} made, {1} skipped, {2} refused.',
      counted(summary.made.length, 'transcript'),
      summary.skipped.length,
      summary.refused.length,
    );
    const details = vscode.l10n.t('Show Details');
    const show = summary.refused.length
      ? vscode.window.showWarningMessage(
          summary.refused.length === 1
            ? `${text} ${vscode.l10n.t('{0}: {1}.', summary.refused[0].source, summary.refused[0].message)}`
            : text,
          details,
        )
      : vscode.window.showInformationMessage(text, details);
    if (interactive) {
      void show.then((choice) => choice === details && out.show());
    }
  }
}

function titleOf(meta: TranscriptMeta): string | undefined {
  if (!meta.respondent) {
    return undefined;
  }
  return meta.interview !== undefined && meta.interview !== ''
    ? vscode.l10n.t('Interview {0} – conversation {1}', meta.respondent, meta.interview)
    : vscode.l10n.t('Interview {0}', meta.respondent);
}

function metaOf(args: ImportArgs, study: Study): TranscriptMeta {
  const meta: TranscriptMeta = {
    ...(args.case !== undefined ? { case: args.case } : {}),
    ...(args.respondent !== undefined ? { respondent: args.respondent } : {}),
    ...(args.interview !== undefined ? { interview: args.interview } : {}),
    ...(args.date !== undefined ? { date: args.date } : {}),
    ...(args.speakers !== undefined ? { speakers: args.speakers } : {}),
    keys: study.project.attributeKeys,
  };
  const title = titleOf(meta);
  return title !== undefined ? { ...meta, title } : meta;
}
