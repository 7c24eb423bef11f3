import * as vscode from 'vscode';
import { agreement, agreementMarkdown, coderPairs } from '../core/agreement';
import type { AgreementChoice, AgreementReport } from '../core/agreement';
import { agreementTables, agreementXlsx } from '../core/intercoder/sheets';
import { saturation, saturationMarkdown, saturationSvg } from '../core/saturation';
import { inLanguage, studyBundle } from '../l10n/studyLanguage';
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

export interface AgreementArgs extends AgreementChoice {
  readonly coderA: string;
  readonly coderB: string;
  readonly open?: boolean;
}

/** The agreement report of two coders, Markdown and XLSX, in the study's language (`extensionUri`: its bundles). */
export async function agreementReport(
  service: StudyService,
  args?: AgreementArgs,
  extensionUri?: vscode.Uri,
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
  const report = agreement(study, pair[0], pair[1], (d) => store.text(d), args ?? {});
  const base = `reports/agreement-${pair[0]}-${pair[1]}`;
  const open = args?.open ?? true;
  const bundle = await studyBundle(study, extensionUri);
  const [text, tables] = inLanguage(bundle, () => [agreementMarkdown(study, report), agreementTables(study, report)] as const);
  const xlsx = await writeReport(service, `${base}.xlsx`, await agreementXlsx(tables), false);
  const markdown = await writeReport(service, `${base}.md`, encodeText(text), false);
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

/** The saturation report (Markdown and its SVG chart), in the study's language (`extensionUri`: its bundles). */
export async function saturationReport(service: StudyService, open = true, extensionUri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const study = service.study;
  if (!study) {
    return undefined;
  }
  const points = saturation(study);
  const bundle = await studyBundle(study, extensionUri);
  const [svg, md] = inLanguage(bundle, () => [saturationSvg(points), saturationMarkdown(study, points, 'saturation.svg')] as const);
  await writeReport(service, 'reports/saturation.svg', encodeText(svg), false);
  const uri = await writeReport(service, 'reports/saturation.md', encodeText(md), false);
  if (open) {
    await vscode.commands
      .executeCommand('markdown.showPreview', uri)
      .then(undefined, () => vscode.commands.executeCommand('vscode.open', uri));
  }
  return uri;
}
