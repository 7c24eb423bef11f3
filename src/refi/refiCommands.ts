/**
 * REFI-QDA exchange with ATLAS.ti, NVivo, MAXQDA, QualCoder and others: import and export of
 * codebooks (.qdc) and projects (.qdpx). The work is done by src/core/refi; this is the VS Code
 * side: dialogs, progress, messages. Every command also takes its files as arguments
 * (`{ source, target }` with URIs), so scripts and tests run it without dialogs.
 */
import * as vscode from 'vscode';
import type { StudyService } from '../study/studyService';
import { VscodeFileSystem } from '../platform/vscodeFileSystem';
import { exportCodebook, exportProject, importProject, planCodebookImport, readCodebook, readMemoFiles } from '../core/refi';
import type { ExportReport, ImportReport } from '../core/refi';
import { refuseStudyFile } from '../study/exportGuard';
import { confidentialOverride } from '../study/pseudonymKey';
import { withOverrideHeader } from '../core/pseudonyms';
import { uriArg } from '../platform/commandArgs';
import { readDocxWithMammoth } from '../platform/docxText';
import type { Study } from '../core/study';
import type { Feature } from '../feature';
import { Disposable } from '../platform/lifecycle';
import { registerCommand, showError } from '../platform/commands';
import { Command } from '../platform/ids';
import { counted } from '../core/plural';

export interface RefiArgs {
  readonly source?: vscode.Uri;
  readonly target?: vscode.Uri;
  /** After a project import: open the new study (true), don't (false), or ask (undefined, interactive only). */
  readonly open?: boolean;
}

export interface CodebookImportResult {
  readonly added: number;
  readonly matched: number;
  readonly links: number;
  /** What was matched by name, kept apart or left out (also in the REFI-QDA output channel). */
  readonly warnings: readonly string[];
  /** Something of the codebook was not imported (unread sets, links to unknown factors). */
  readonly lost: boolean;
}

function argsOf(arg: unknown, uriRole: 'source' | 'target'): RefiArgs & { readonly interactive: boolean } {
  if (arg instanceof vscode.Uri) {
    return { [uriRole]: arg, interactive: true };
  }
  if (arg && typeof arg === 'object') {
    const a = arg as Record<string, unknown>;
    const source = uriArg(a['source']);
    const target = uriArg(a['target']);
    return {
      ...(source ? { source } : {}),
      ...(target ? { target } : {}),
      ...(typeof a['open'] === 'boolean' ? { open: a['open'] } : {}),
      interactive: false,
    };
  }
  return { interactive: true };
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '-').trim() || 'study';
}

/** One file the user picks to read (undefined: cancelled). */
async function pickFile(openLabel: string, kind: string, extensions: string[]): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    canSelectMany: false,
    openLabel,
    filters: { [kind]: extensions },
  });
  return picked?.[0];
}

/** Runs `work` under a progress notification that follows the core's fraction-done callbacks. */
async function withFractionProgress<T>(
  title: string,
  work: (onProgress: (fraction: number, message?: string) => void) => Promise<T>,
): Promise<T> {
  return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, (progress) => {
    let last = 0;
    return work((fraction, message) => {
      progress.report({ increment: Math.max(0, fraction - last) * 100, message });
      last = fraction;
    });
  });
}

/** The four REFI-QDA commands; their reports go to the "Codeboom REFI-QDA" output channel. */
export class RefiCommands extends Disposable {
  private readonly output = this._register(vscode.window.createOutputChannel('Codeboom REFI-QDA'));

  constructor(private readonly service: StudyService) {
    super();
    this._register(registerCommand(Command.importRefiCodebook, (arg?: unknown) => this.importCodebook(arg)));
    this._register(registerCommand(Command.exportRefiCodebook, (arg?: unknown) => this.exportCodebookCommand(arg)));
    this._register(registerCommand(Command.importRefiProject, (arg?: unknown) => this.importProjectCommand(arg)));
    this._register(registerCommand(Command.exportRefiProject, (arg?: unknown) => this.exportProjectCommand(arg)));
  }

  /** Shows an error as a sentence about the file it concerns (not a raw EACCES or parser message), and logs it. */
  private fail(e: unknown, file: vscode.Uri): undefined {
    showError(e, fileName(file), this.output);
    return undefined;
  }

  private needStudy(): Study | undefined {
    const study = this.service.study;
    if (!study) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: no study is open.'));
    }
    return study;
  }

  private async importCodebook(arg?: unknown): Promise<CodebookImportResult | undefined> {
    const study = this.needStudy();
    if (!study) {
      return undefined;
    }
    const args = argsOf(arg, 'source');
    const source =
      args.source ??
      (await pickFile(vscode.l10n.t('Import codebook'), vscode.l10n.t('REFI-QDA codebook or project'), ['qdc', 'qdpx', 'qde']));
    if (!source) {
      return undefined;
    }
    try {
      const codebook = readCodebook(await vscode.workspace.fs.readFile(source), fileName(source));
      const matchByName = arg && typeof arg === 'object' && 'matchByName' in arg ? arg.matchByName !== false : true;
      const plan = planCodebookImport(study, codebook, { matchByName });
      if (plan.ops.length) {
        study.transact(vscode.l10n.t('Import codebook {0}', fileName(source)), plan.ops);
      }
      this.output.appendLine(
        vscode.l10n.t(
          'Imported the codebook {0}: {1} added, {2} matched, {3} links.',
          fileName(source),
          counted(plan.added, 'code'),
          plan.matched,
          plan.links,
        ),
      );
      plan.warnings.forEach((w) => this.output.appendLine(`  ${w}`));
      const summary = vscode.l10n.t(
        'Codeboom: imported the codebook {0} — {1} added, {2} matched existing codes, {3} links to literature factors.',
        fileName(source),
        counted(plan.added, 'code'),
        plan.matched,
        plan.links,
      );
      if (plan.warnings.length === 0) {
        void vscode.window.showInformationMessage(summary);
      } else {
        const details = vscode.l10n.t('Show Details');
        const note = plan.lost
          ? vscode.l10n.t('Some of it was not imported: see the details.')
          : vscode.l10n.t('Some codes were matched by name or kept beside a namesake: see the details.');
        const show = plan.lost ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
        void show(`${summary} ${note}`, details).then((choice) => choice === details && this.output.show(true));
      }
      return { added: plan.added, matched: plan.matched, links: plan.links, warnings: plan.warnings, lost: plan.lost };
    } catch (e) {
      return this.fail(e, source);
    }
  }

  private async exportCodebookCommand(arg?: unknown): Promise<vscode.Uri | undefined> {
    const study = this.needStudy();
    if (!study) {
      return undefined;
    }
    const args = argsOf(arg, 'target');
    const target =
      args.target ??
      (await vscode.window.showSaveDialog({
        defaultUri: this.service.root ? vscode.Uri.joinPath(this.service.root, `${safeName(study.name)}.qdc`) : undefined,
        saveLabel: vscode.l10n.t('Export codebook'),
        filters: { [vscode.l10n.t('REFI-QDA codebook')]: ['qdc'] },
      }));
    if (!target) {
      return undefined;
    }
    try {
      await refuseStudyFile(this.service, target);
      const override = await confidentialOverride(this.service, overrideArg(arg));
      const bytes = new TextEncoder().encode(exportCodebook(study));
      await vscode.workspace.fs.writeFile(target, override !== undefined ? withOverrideHeader(bytes, 'qdc', override).bytes : bytes);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Codeboom: exported {0} to {1}.', counted(study.codes.length, 'code'), fileName(target)),
      );
      return target;
    } catch (e) {
      return this.fail(e, target);
    }
  }

  private async exportProjectCommand(arg?: unknown): Promise<ExportReport | undefined> {
    const study = this.needStudy();
    const store = this.service.store;
    const root = this.service.root;
    if (!study || !store || !root) {
      return undefined;
    }
    const args = argsOf(arg, 'target');
    const target =
      args.target ??
      (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(root, `${safeName(study.name)}.qdpx`),
        saveLabel: vscode.l10n.t('Export project'),
        filters: { [vscode.l10n.t('REFI-QDA project')]: ['qdpx'] },
      }));
    if (!target) {
      return undefined;
    }
    try {
      await refuseStudyFile(this.service, target);
      const override = await confidentialOverride(this.service, overrideArg(arg));
      await this.service.flush();
      const report = await withFractionProgress(vscode.l10n.t('Codeboom: exporting {0}', fileName(target)), async (onProgress) => {
        const result = await exportProject({
          study,
          text: (doc) => store.text(doc),
          memos: await readMemoFiles(new VscodeFileSystem(root)),
          origin: 'Codeboom',
          onProgress,
        });
        await vscode.workspace.fs.writeFile(target, result.bytes);
        if (override !== undefined) {
          // A binary archive: the override goes into a note beside it.
          await vscode.workspace.fs.writeFile(
            vscode.Uri.joinPath(target, '..', `${fileName(target)}.override.txt`),
            withOverrideHeader(result.bytes, 'qdpx', override).sidecar!,
          );
        }
        return result.report;
      });
      this.output.appendLine(
        vscode.l10n.t(
          'Exported {0}: {1} sources, {2} selections, {3} codes, {4} users, {5} notes.',
          fileName(target),
          report.sources,
          report.selections,
          report.codes,
          report.users,
          report.notes,
        ),
      );
      report.warnings.forEach((w) => this.output.appendLine(`  ${w}`));
      const details = vscode.l10n.t('Show Details');
      void vscode.window
        .showInformationMessage(
          vscode.l10n.t(
            'Codeboom: exported {0} — {1}, {2}, {3}.{4}',
            fileName(target),
            counted(report.sources, 'transcript'),
            counted(report.selections, 'passage'),
            counted(report.codes, 'code'),
            report.warnings.length ? ' ' + vscode.l10n.t('Some things have no place in REFI-QDA: see the details.') : '',
          ),
          details,
        )
        .then((choice) => choice === details && this.output.show(true));
      return report;
    } catch (e) {
      return this.fail(e, target);
    }
  }

  private async importProjectCommand(arg?: unknown): Promise<ImportReport | undefined> {
    const args = argsOf(arg, 'source');
    const source = args.source ?? (await pickFile(vscode.l10n.t('Import project'), vscode.l10n.t('REFI-QDA project'), ['qdpx']));
    if (!source) {
      return undefined;
    }
    const target =
      args.target ??
      (
        await vscode.window.showOpenDialog({
          canSelectFolders: true,
          canSelectFiles: false,
          canSelectMany: false,
          title: vscode.l10n.t('Choose an empty folder for the new study'),
          openLabel: vscode.l10n.t('Import here'),
        })
      )?.[0];
    if (!target) {
      return undefined;
    }
    let report: ImportReport;
    try {
      report = await withFractionProgress(vscode.l10n.t('Codeboom: importing {0}', fileName(source)), async (onProgress) =>
        importProject(await vscode.workspace.fs.readFile(source), new VscodeFileSystem(target), {
          onProgress,
          readDocx: readDocxWithMammoth,
        }),
      );
    } catch (e) {
      return this.fail(e, typeof (e as { code?: unknown }).code === 'string' ? target : source);
    }
    this.output.appendLine(
      vscode.l10n.t(
        'Imported {0}{1} into {2}: {3}, {4}, {5}, {6}, memo files: {7}.',
        fileName(source),
        report.origin ? ' ' + vscode.l10n.t('(from {0})', report.origin) : '',
        target.fsPath,
        counted(report.codes, 'code'),
        counted(report.transcripts.length, 'transcript'),
        counted(report.codings, 'coding'),
        counted(report.coders.length, 'coder'),
        report.memoFiles.length,
      ),
    );
    for (const s of report.skippedSources) {
      this.output.appendLine(
        '  ' +
          vscode.l10n.t(
            'Not imported: {0} ({1}): {2}{3}.',
            s.name,
            s.kind,
            s.reason,
            s.codings ? '; ' + vscode.l10n.t('{0} on it', counted(s.codings, 'coding')) : '',
          ),
      );
    }
    report.warnings.forEach((w) => this.output.appendLine(`  ${w}`));
    const skipped = report.skippedSources.length
      ? ' ' +
        vscode.l10n.t(
          'Not imported: {0}.',
          report.skippedSources
            .slice(0, 5)
            .map((s) => s.name)
            .join(', ') + (report.skippedSources.length > 5 ? ', …' : ''),
        )
      : '';
    const message = vscode.l10n.t(
      'Codeboom: imported “{0}” — {1}, {2}, {3}.{4}',
      report.studyName,
      counted(report.codes, 'code'),
      counted(report.transcripts.length, 'transcript'),
      counted(report.codings, 'coding'),
      skipped,
    );
    if (args.open === true) {
      await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
    } else if (args.interactive && args.open === undefined) {
      const open = vscode.l10n.t('Open Study');
      const details = vscode.l10n.t('Show Details');
      void vscode.window.showInformationMessage(message, open, details).then(async (choice) => {
        if (choice === open) {
          await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
        } else if (choice === details) {
          this.output.show(true);
        }
      });
    } else {
      void vscode.window.showInformationMessage(message);
    }
    return report;
  }
}

/** The `override` of a confidential study's export, from the command's arguments. */
function overrideArg(arg: unknown): unknown {
  return arg && typeof arg === 'object' ? (arg as { override?: unknown }).override : undefined;
}

export const refiFeature: Feature = ({ service }) => new RefiCommands(service);
