/**
 * The codebook and the literature factor catalogue in and out of spreadsheets (.csv, .xlsx). The
 * work is done by src/core/sheets; this is the VS Code side: dialogs, messages, the row-by-row
 * report in the "Codeboom Spreadsheets" output channel. Every command also takes its file and
 * format as arguments (`{ source, target, format, shape }`), so scripts and tests run it without dialogs.
 */
import * as vscode from 'vscode';
import type { StudyService } from '../study/studyService';
import type { Study } from '../core/study';
import type { Citations, SheetFormat, SheetImportReport, SheetRows } from '../core/sheets';
import {
  catalogueSheet,
  codebookSheet,
  formatOfName,
  gioiaSheet,
  isCatalogueHeading,
  isCodebookHeading,
  planCatalogueSheetImport,
  planCodebookSheetImport,
  parseReferences,
  readSheet,
  sheetBytes,
} from '../core/sheets';
import { refuseStudyFile } from '../study/exportGuard';
import { confidentialOverride } from '../study/pseudonymKey';
import { withOverrideHeader } from '../core/pseudonyms';
import { uriArg } from '../platform/commandArgs';
import type { Feature } from '../feature';
import { Disposable } from '../platform/lifecycle';
import { registerCommand, showError } from '../platform/commands';
import { Command } from '../platform/ids';
import { counted } from '../core/plural';

export interface SheetArgs {
  readonly source?: vscode.Uri;
  readonly target?: vscode.Uri;
  readonly format?: SheetFormat;
  /** The codebook export's shape: level columns (default) or Gioia's data structure. */
  readonly shape?: 'levels' | 'gioia';
  /** For the literature factors: a BibTeX or CSL-JSON file whose citation keys the authors column may use. */
  readonly references?: vscode.Uri;
}

/** What an import did: the names added and matched, and the rows refused (row number and reason). */
export type SheetImportResult = SheetImportReport;

function argsOf(arg: unknown, root: vscode.Uri | undefined): SheetArgs & { readonly interactive: boolean } {
  if (arg instanceof vscode.Uri) {
    return { source: arg, interactive: true };
  }
  if (arg && typeof arg === 'object') {
    const a = arg as Record<string, unknown>;
    const source = uriArg(a['source'], root);
    const target = uriArg(a['target'], root);
    const references = uriArg(a['references'], root);
    const format = a['format'] === 'csv' || a['format'] === 'xlsx' ? a['format'] : undefined;
    const shape = a['shape'] === 'gioia' || a['shape'] === 'levels' ? a['shape'] : undefined;
    return {
      ...(source ? { source } : {}),
      ...(target ? { target } : {}),
      ...(format ? { format } : {}),
      ...(shape ? { shape } : {}),
      ...(references ? { references } : {}),
      interactive: false,
    };
  }
  return { interactive: true };
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

const FILTERS = (): Record<string, string[]> => ({
  [vscode.l10n.t('Spreadsheet')]: ['xlsx', 'csv'],
});

export class SheetCommands extends Disposable {
  private readonly output = this._register(vscode.window.createOutputChannel('Codeboom Spreadsheets'));

  constructor(private readonly service: StudyService) {
    super();
    this._register(registerCommand(Command.importCodebookSheet, (arg?: unknown) => this.importCodebook(arg)));
    this._register(registerCommand(Command.exportCodebookSheet, (arg?: unknown) => this.exportCodebook(arg)));
    this._register(registerCommand(Command.importFactorSheet, (arg?: unknown) => this.importFactors(arg)));
    this._register(registerCommand(Command.exportFactorSheet, (arg?: unknown) => this.exportFactors(arg)));
  }

  private needStudy(): Study | undefined {
    const study = this.service.study;
    if (!study) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: no study is open.'));
    }
    return study;
  }

  private async source(args: SheetArgs, openLabel: string): Promise<vscode.Uri | undefined> {
    if (args.source) {
      return args.source;
    }
    const picked = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectMany: false, openLabel, filters: FILTERS() });
    return picked?.[0];
  }

  private async target(args: SheetArgs, base: string, saveLabel: string): Promise<vscode.Uri | undefined> {
    if (args.target) {
      return args.target;
    }
    const root = this.service.root;
    return await vscode.window.showSaveDialog({
      defaultUri: root ? vscode.Uri.joinPath(root, `${base}.${args.format ?? 'xlsx'}`) : undefined,
      saveLabel,
      filters: FILTERS(),
    });
  }

  /** The rows of the file, in the format asked for or the one its name says (a .csv otherwise). */
  private async rows(source: vscode.Uri, format: SheetFormat | undefined, known: (cell: string) => boolean): ReturnType<typeof readSheet> {
    const bytes = await vscode.workspace.fs.readFile(source);
    return await readSheet(bytes, format ?? formatOfName(source.path) ?? 'csv', fileName(source), known);
  }

  /** The report in the output channel; a warning that names the refused rows' count. */
  private report(what: string, source: vscode.Uri, report: SheetImportReport, interactive: boolean): void {
    this.output.appendLine(vscode.l10n.t('{0} from {1}:', what, fileName(source)));
    for (const a of report.added) {
      this.output.appendLine(`  + ${a}`);
    }
    for (const m of report.matched) {
      this.output.appendLine(`  = ${m}`);
    }
    for (const r of report.refused) {
      this.output.appendLine(`  ✗ ${vscode.l10n.t('row {0}: {1}', r.row, r.reason)}`);
    }
    const counts = vscode.l10n.t(
      'Codeboom: {0} from {1} — {2} added, {3} matched, refused: {4}.',
      what,
      fileName(source),
      report.added.length,
      report.matched.length,
      counted(report.refused.length, 'row'),
    );
    if (report.refused.length > 0) {
      if (interactive) {
        this.output.show(true);
      }
      void vscode.window.showWarningMessage(counts);
    } else {
      void vscode.window.showInformationMessage(counts);
    }
  }

  private async importCodebook(arg?: unknown): Promise<SheetImportResult | undefined> {
    const study = this.needStudy();
    const args = argsOf(arg, this.service.root);
    const source = study && (await this.source(args, vscode.l10n.t('Import codebook')));
    if (!study || !source) {
      return undefined;
    }
    try {
      const plan = planCodebookSheetImport(study, await this.rows(source, args.format, isCodebookHeading));
      if (plan.ops.length > 0) {
        study.transact(vscode.l10n.t('Import codebook {0}', fileName(source)), plan.ops);
      }
      const result = { added: plan.added, matched: plan.matched, refused: plan.refused };
      this.report(vscode.l10n.t('Codebook'), source, result, args.interactive);
      return result;
    } catch (e) {
      showError(e, fileName(source), this.output);
      return undefined;
    }
  }

  private async importFactors(arg?: unknown): Promise<SheetImportResult | undefined> {
    const study = this.needStudy();
    const args = argsOf(arg, this.service.root);
    const source = study && (await this.source(args, vscode.l10n.t('Import literature factors')));
    if (!study || !source) {
      return undefined;
    }
    try {
      const rows = await this.rows(source, args.format, isCatalogueHeading);
      const citations = await this.citations(args, rows);
      const plan = planCatalogueSheetImport(study.catalogues, rows, citations ? { citations } : {});
      if (plan.changed) {
        study.transact(vscode.l10n.t('Import literature factors {0}', fileName(source)), [
          { kind: 'setCatalogues', catalogues: plan.catalogues },
        ]);
      }
      const result = { added: plan.added, matched: plan.matched, refused: plan.refused };
      this.report(vscode.l10n.t('Literature factors'), source, result, args.interactive);
      return result;
    } catch (e) {
      showError(e, fileName(source), this.output);
      return undefined;
    }
  }

  /**
   * Citation keys for the authors column: from the `references` argument, or — when the sheet's
   * authors look like keys (yang2011) — from a BibTeX or CSL-JSON file the user may pick.
   */
  private async citations(args: SheetArgs & { interactive: boolean }, rows: SheetRows): Promise<Citations | undefined> {
    let file = args.references;
    if (!file && args.interactive && rows.rows.some((r) => r.some((cell) => /^[A-Za-z][\w:-]*\d{2,4}[a-z]?$/.test(cell.trim())))) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: vscode.l10n.t('Use these references'),
        title: vscode.l10n.t(
          'The authors look like citation keys: pick the BibTeX or CSL-JSON file they come from (or cancel to keep them)',
        ),
        filters: { [vscode.l10n.t('References')]: ['bib', 'json'] },
      });
      file = picked?.[0];
    }
    if (!file) {
      return undefined;
    }
    return parseReferences(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), fileName(file));
  }

  private async shape(args: SheetArgs & { interactive: boolean }): Promise<'levels' | 'gioia' | undefined> {
    if (args.shape || !args.interactive) {
      return args.shape ?? 'levels';
    }
    const picked = await vscode.window.showQuickPick(
      [
        {
          label: vscode.l10n.t('Path as level columns'),
          detail: vscode.l10n.t('Level 1, Level 2, …, definition, colour, polarity, origin, aliases'),
          shape: 'levels' as const,
        },
        {
          label: vscode.l10n.t('Gioia data structure'),
          detail: vscode.l10n.t('1st-order concept, 2nd-order theme, aggregate dimension'),
          shape: 'gioia' as const,
        },
      ],
      { title: vscode.l10n.t('Export the codebook as') },
    );
    return picked?.shape;
  }

  private async write(
    target: vscode.Uri,
    format: SheetFormat | undefined,
    table: Parameters<typeof sheetBytes>[0],
    arg: unknown,
  ): Promise<void> {
    await refuseStudyFile(this.service, target);
    // A confidential study: the pseudonym check passes, or the override's reason goes into the file (beside an .xlsx).
    const reason = await confidentialOverride(
      this.service,
      arg && typeof arg === 'object' ? (arg as { override?: unknown }).override : undefined,
    );
    const f = format ?? formatOfName(target.path) ?? 'xlsx';
    const bytes = await sheetBytes(table, f);
    const marked = reason !== undefined ? withOverrideHeader(bytes, f, reason) : { bytes };
    await vscode.workspace.fs.writeFile(target, marked.bytes);
    if (marked.sidecar) {
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(target, '..', `${fileName(target)}.override.txt`), marked.sidecar);
    }
  }

  private async exportCodebook(arg?: unknown): Promise<vscode.Uri | undefined> {
    const study = this.needStudy();
    const args = argsOf(arg, this.service.root);
    const shape = study && (await this.shape(args));
    const target = shape && (await this.target(args, vscode.l10n.t('codebook'), vscode.l10n.t('Export codebook')));
    if (!study || !target) {
      return undefined;
    }
    try {
      const table = shape === 'gioia' ? gioiaSheet(study) : { ...codebookSheet(study), leftOut: 0 };
      await this.write(target, args.format, table, arg);
      const leftOut = table.leftOut;
      void vscode.window.showInformationMessage(
        leftOut > 0
          ? vscode.l10n.t(
              'Codeboom: exported {0} to {1}; codes deeper than three levels have no place in a Gioia sheet (left out: {2}).',
              counted(table.rows.length, 'code'),
              fileName(target),
              leftOut,
            )
          : vscode.l10n.t('Codeboom: exported {0} to {1}.', counted(table.rows.length, 'code'), fileName(target)),
      );
      return target;
    } catch (e) {
      showError(e, fileName(target), this.output);
      return undefined;
    }
  }

  private async exportFactors(arg?: unknown): Promise<vscode.Uri | undefined> {
    const study = this.needStudy();
    const args = argsOf(arg, this.service.root);
    const target = study && (await this.target(args, vscode.l10n.t('literature-factors'), vscode.l10n.t('Export literature factors')));
    if (!study || !target) {
      return undefined;
    }
    try {
      const table = catalogueSheet(study.catalogues);
      await this.write(target, args.format, table, arg);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Codeboom: exported literature factors ({0}) to {1}.', counted(table.rows.length, 'row'), fileName(target)),
      );
      return target;
    } catch (e) {
      showError(e, fileName(target), this.output);
      return undefined;
    }
  }
}

export const sheetsFeature: Feature = (ctx) => new SheetCommands(ctx.service);
