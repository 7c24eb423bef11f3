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
import { errorMessage } from '../l10n/coreMessages';
import { uriArg } from '../platform/commandArgs';

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

export function registerRefi(service: StudyService): vscode.Disposable[] {
  const output = vscode.window.createOutputChannel('Codeboom REFI-QDA');

  /** Shows an error as a sentence about the file it concerns (not a raw EACCES or parser message). */
  const fail = (e: unknown, file: vscode.Uri): undefined => {
    const message = errorMessage(e, fileName(file));
    output.appendLine(vscode.l10n.t('Error: {0}', message));
    void vscode.window.showErrorMessage(vscode.l10n.t('Codeboom: {0}', message));
    return undefined;
  };

  const needStudy = () => {
    const study = service.study;
    if (!study) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: no study is open.'));
    }
    return study;
  };

  const importCodebook = async (arg?: unknown): Promise<CodebookImportResult | undefined> => {
    const study = needStudy();
    if (!study) {
      return undefined;
    }
    const args = argsOf(arg, 'source');
    const source =
      args.source ??
      (
        await vscode.window.showOpenDialog({
          canSelectFiles: true,
          canSelectMany: false,
          openLabel: vscode.l10n.t('Import codebook'),
          filters: { [vscode.l10n.t('REFI-QDA codebook or project')]: ['qdc', 'qdpx', 'qde'] },
        })
      )?.[0];
    if (!source) {
      return undefined;
    }
    try {
      const codebook = readCodebook(await vscode.workspace.fs.readFile(source), fileName(source));
      const plan = planCodebookImport(study, codebook);
      if (plan.ops.length) {
        study.transact(vscode.l10n.t('Import codebook {0}', fileName(source)), plan.ops);
      }
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Codeboom: imported the codebook {0} — {1} new codes, {2} matched existing codes, {3} links to literature factors.',
          fileName(source),
          plan.added,
          plan.matched,
          plan.links,
        ),
      );
      return { added: plan.added, matched: plan.matched, links: plan.links };
    } catch (e) {
      return fail(e, source);
    }
  };

  const exportCodebookCommand = async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    const study = needStudy();
    if (!study) {
      return undefined;
    }
    const args = argsOf(arg, 'target');
    const target =
      args.target ??
      (await vscode.window.showSaveDialog({
        defaultUri: service.root ? vscode.Uri.joinPath(service.root, `${safeName(study.name)}.qdc`) : undefined,
        saveLabel: vscode.l10n.t('Export codebook'),
        filters: { [vscode.l10n.t('REFI-QDA codebook')]: ['qdc'] },
      }));
    if (!target) {
      return undefined;
    }
    try {
      await refuseStudyFile(service, target);
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(exportCodebook(study)));
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Codeboom: exported {0} codes to {1}.', study.codes.length, fileName(target)),
      );
      return target;
    } catch (e) {
      return fail(e, target);
    }
  };

  const exportProjectCommand = async (arg?: unknown): Promise<ExportReport | undefined> => {
    const study = needStudy();
    const store = service.store;
    const root = service.root;
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
      await refuseStudyFile(service, target);
      await service.flush();
      const report = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Codeboom: exporting {0}', fileName(target)) },
        async (progress) => {
          let last = 0;
          const result = await exportProject({
            study,
            text: (doc) => store.text(doc),
            memos: await readMemoFiles(new VscodeFileSystem(root)),
            origin: 'Codeboom',
            onProgress: (fraction, message) => {
              progress.report({ increment: Math.max(0, fraction - last) * 100, message });
              last = fraction;
            },
          });
          await vscode.workspace.fs.writeFile(target, result.bytes);
          return result.report;
        },
      );
      output.appendLine(
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
      report.warnings.forEach((w) => output.appendLine(`  ${w}`));
      const details = vscode.l10n.t('Show Details');
      void vscode.window
        .showInformationMessage(
          vscode.l10n.t(
            'Codeboom: exported {0} — {1} transcripts, {2} coded passages, {3} codes.{4}',
            fileName(target),
            report.sources,
            report.selections,
            report.codes,
            report.warnings.length ? ' ' + vscode.l10n.t('Some things have no place in REFI-QDA: see the details.') : '',
          ),
          details,
        )
        .then((choice) => choice === details && output.show(true));
      return report;
    } catch (e) {
      return fail(e, target);
    }
  };

  const importProjectCommand = async (arg?: unknown): Promise<ImportReport | undefined> => {
    const args = argsOf(arg, 'source');
    const source =
      args.source ??
      (
        await vscode.window.showOpenDialog({
          canSelectFiles: true,
          canSelectMany: false,
          openLabel: vscode.l10n.t('Import project'),
          filters: { [vscode.l10n.t('REFI-QDA project')]: ['qdpx'] },
        })
      )?.[0];
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
      report = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Codeboom: importing {0}', fileName(source)) },
        async (progress) => {
          let last = 0;
          const bytes = await vscode.workspace.fs.readFile(source);
          return importProject(bytes, new VscodeFileSystem(target), {
            onProgress: (fraction, message) => {
              progress.report({ increment: Math.max(0, fraction - last) * 100, message });
              last = fraction;
            },
          });
        },
      );
    } catch (e) {
      return fail(e, typeof (e as { code?: unknown }).code === 'string' ? target : source);
    }
    output.appendLine(
      vscode.l10n.t(
        'Imported {0}{1} into {2}: {3} codes, {4} transcripts, {5} codings, {6} coders, {7} memo files.',
        fileName(source),
        report.origin ? ' ' + vscode.l10n.t('(from {0})', report.origin) : '',
        target.fsPath,
        report.codes,
        report.transcripts.length,
        report.codings,
        report.coders.length,
        report.memoFiles.length,
      ),
    );
    for (const s of report.skippedSources) {
      output.appendLine(
        '  ' +
          vscode.l10n.t(
            'Not imported: {0} ({1}): {2}{3}.',
            s.name,
            s.kind,
            s.reason,
            s.codings ? '; ' + vscode.l10n.t('{0} coding(s) on it', s.codings) : '',
          ),
      );
    }
    report.warnings.forEach((w) => output.appendLine(`  ${w}`));
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
      'Codeboom: imported “{0}” — {1} codes, {2} transcripts, {3} codings.{4}',
      report.studyName,
      report.codes,
      report.transcripts.length,
      report.codings,
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
          output.show(true);
        }
      });
    } else {
      void vscode.window.showInformationMessage(message);
    }
    return report;
  };

  return [
    output,
    vscode.commands.registerCommand('codeboom.importRefiCodebook', importCodebook),
    vscode.commands.registerCommand('codeboom.exportRefiCodebook', exportCodebookCommand),
    vscode.commands.registerCommand('codeboom.importRefiProject', importProjectCommand),
    vscode.commands.registerCommand('codeboom.exportRefiProject', exportProjectCommand),
  ];
}
