import * as vscode from 'vscode';
import { agreement, agreementMarkdown, coderPairs } from '../core/agreement';
import type { AgreementReport } from '../core/agreement';
import { saturation, saturationMarkdown, saturationSvg } from '../core/saturation';
import type { Study } from '../core/study';
import { encodeText } from '../core/port';
import type { StudyService } from '../study/studyService';
import { VscodeFileSystem } from '../platform/vscodeFileSystem';

async function writeReport(service: StudyService, path: string, data: Uint8Array, open: boolean): Promise<vscode.Uri> {
  const fs = new VscodeFileSystem(service.root!);
  await fs.writeFileAtomic(path, data);
  const uri = fs.uri(path);
  if (open) {
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: written {0}', path), vscode.l10n.t('Open'));
    if (choice) {
      await vscode.commands.executeCommand('vscode.open', uri);
    }
  }
  return uri;
}

export async function agreementXlsx(study: Study, r: AgreementReport): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Codeboom';
  const sheet = wb.addWorksheet(sheetName(vscode.l10n.t('Agreement')), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([
    vscode.l10n.t('Code'),
    vscode.l10n.t('Agreement'),
    vscode.l10n.t('Cohen’s kappa'),
    vscode.l10n.t('Krippendorff’s alpha'),
    vscode.l10n.t('Both'),
    vscode.l10n.t('Only {0}', r.coderA),
    vscode.l10n.t('Only {0}', r.coderB),
    vscode.l10n.t('Neither'),
  ]);
  for (const { code, figures: f } of r.perCode) {
    sheet.addRow([study.pathLabel(code), f.percent, f.kappa, f.alpha, f.both, f.onlyA, f.onlyB, f.neither]);
  }
  const o = r.overall;
  sheet.addRow([vscode.l10n.t('Overall'), o.percent, o.kappa, o.alpha, o.both, o.onlyA, o.onlyB, o.neither]).font = { bold: true };
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(1).width = 50;
  sheet.getColumn(2).numFmt = '0.0%';
  sheet.getColumn(3).numFmt = '0.000';
  sheet.getColumn(4).numFmt = '0.000';
  const d = wb.addWorksheet(sheetName(vscode.l10n.t('Disagreements')), { views: [{ state: 'frozen', ySplit: 1 }] });
  d.addRow([vscode.l10n.t('Transcript'), vscode.l10n.t('Code'), r.coderA, r.coderB]);
  d.getRow(1).font = { bold: true };
  for (const x of r.disagreements.filter((x) => x.text.trim())) {
    const q = x.text.replace(/\s+/g, ' ').trim();
    d.addRow([study.sourceLabel(x.doc), study.code(x.code)?.name ?? x.code, x.coder === r.coderA ? q : '', x.coder === r.coderB ? q : '']);
  }
  d.getColumn(3).width = 60;
  d.getColumn(4).width = 60;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A worksheet name Excel accepts: at most 31 characters, none of : \\ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

export interface AgreementArgs {
  readonly coderA: string;
  readonly coderB: string;
  readonly open?: boolean;
}

export async function agreementReport(
  service: StudyService,
  args?: AgreementArgs,
): Promise<{ report: AgreementReport; markdown: vscode.Uri; xlsx: vscode.Uri } | undefined> {
  const study = service.study;
  const store = service.store;
  if (!study || !store) {
    return undefined;
  }
  let pair: [string, string] | undefined = args ? [args.coderA, args.coderB] : undefined;
  if (!pair) {
    const pairs = coderPairs(study);
    if (pairs.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: no two coders have coded the same transcript yet.'));
      return undefined;
    }
    pair =
      pairs.length === 1
        ? pairs[0]
        : (
            await vscode.window.showQuickPick(
              pairs.map((p) => ({ label: `${p[0]} × ${p[1]}`, pair: p })),
              { title: vscode.l10n.t('Agreement between which coders?'), ignoreFocusOut: true },
            )
          )?.pair;
    if (!pair) {
      return undefined;
    }
  }
  const report = agreement(study, pair[0], pair[1], (d) => store.text(d));
  const base = `reports/agreement-${pair[0]}-${pair[1]}`;
  const open = args?.open ?? true;
  const xlsx = await writeReport(service, `${base}.xlsx`, await agreementXlsx(study, report), false);
  const markdown = await writeReport(service, `${base}.md`, encodeText(agreementMarkdown(study, report)), false);
  if (open) {
    await vscode.commands
      .executeCommand('markdown.showPreview', markdown)
      .then(undefined, () => vscode.commands.executeCommand('vscode.open', markdown));
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Codeboom: agreement {0} × {1}: {2} % agreement, κ = {3}, α = {4}. Written {5}.md and .xlsx.',
        pair[0],
        pair[1],
        (report.overall.percent * 100).toFixed(1),
        report.overall.kappa.toFixed(3),
        report.overall.alpha.toFixed(3),
        base,
      ),
    );
  }
  return { report, markdown, xlsx };
}

export async function saturationReport(service: StudyService, open = true): Promise<vscode.Uri | undefined> {
  const study = service.study;
  if (!study) {
    return undefined;
  }
  const points = saturation(study);
  await writeReport(service, 'reports/saturation.svg', encodeText(saturationSvg(points)), false);
  const md = saturationMarkdown(study, points) + `\n![${vscode.l10n.t('Cumulative codes per transcript')}](saturation.svg)\n`;
  const uri = await writeReport(service, 'reports/saturation.md', encodeText(md), false);
  if (open) {
    await vscode.commands
      .executeCommand('markdown.showPreview', uri)
      .then(undefined, () => vscode.commands.executeCommand('vscode.open', uri));
  }
  return uri;
}
