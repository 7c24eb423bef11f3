/**
 * The agreement check in VS Code: the report of two coders (per code, domains, per transcript,
 * segments, rules, passages) or of a team (Krippendorff's family), written as Markdown and XLSX under
 * reports/ in the study's language, and what the Agreement view shows of it.
 */
import * as vscode from 'vscode';
import { agreement, agreementMarkdown, methodsParagraph } from '../core/agreement';
import type { AgreementChoice, AgreementReport } from '../core/agreement';
import { agreementTables, agreementXlsx } from '../core/intercoder/sheets';
import { alphaFamily } from '../core/intercoder/family';
import type { FamilyReport } from '../core/intercoder/family';
import { teamMarkdown, teamMethodsParagraph, teamTables } from '../core/intercoder/team';
import { breakdownRows, shownPassages } from '../core/intercoder/breakdown';
import type { BreakdownRow } from '../core/intercoder/breakdown';
import { xlsxBytes } from '../core/exports/xlsx';
import { encodeText } from '../core/port';
import { inLanguage, studyBundle } from '../l10n/studyLanguage';
import type { StudyService } from '../study/studyService';
import { writeReport } from '../method/reports';

/** What the agreement command takes: who, what is tested, how (all optional but the coders). */
export interface AgreementArgs extends AgreementChoice {
  /** Two or more coders (three or more: Krippendorff's family only). */
  readonly coders?: readonly string[];
  /** Two coders, the older way of naming them. */
  readonly coderA?: string;
  readonly coderB?: string;
  /** Open the Markdown report and say the figures (default true). */
  readonly open?: boolean;
}

/** A disagreeing passage as the view lists it. */
export interface ViewPassage {
  readonly doc: string;
  readonly code: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly text: string;
  readonly applied: readonly string[];
  readonly notApplied: readonly string[];
}

export interface AgreementResult {
  readonly coders: readonly string[];
  readonly choice: AgreementChoice;
  /** Two coders: the pair report. */
  readonly report?: AgreementReport;
  readonly family: FamilyReport;
  /** The transcripts, least agreement first. */
  readonly rows: readonly BreakdownRow[];
  readonly passages: readonly ViewPassage[];
  /** The paragraph for a methods section (in the study's language). */
  readonly methods: string;
  readonly markdown: vscode.Uri;
  readonly xlsx: vscode.Uri;
}

/** The coders named by the arguments, if any. */
export function codersOf(args: AgreementArgs | undefined): readonly string[] | undefined {
  if (args?.coders && args.coders.length > 0) {
    return args.coders;
  }
  return args?.coderA !== undefined && args.coderB !== undefined ? [args.coderA, args.coderB] : undefined;
}

/** Runs the check and writes the report; refuses (a message) what cannot be computed. */
export async function runAgreement(
  service: StudyService,
  coders: readonly string[],
  choice: AgreementChoice,
  extensionUri: vscode.Uri | undefined,
): Promise<AgreementResult | undefined> {
  const study = service.study;
  const store = service.store;
  if (!study || !store) {
    return undefined;
  }
  if (new Set(coders).size < 2) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: agreement needs at least two coders.'));
    return undefined;
  }
  if (coders.length > 2 && choice.method === 'segments') {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Codeboom: segment-based agreement compares two coders; choose two, or the character-based method.'),
    );
    return undefined;
  }
  const text = (doc: string): string | undefined => store.text(doc);
  const base = `reports/agreement-${coders.join('-')}`;
  const bundle = await studyBundle(study, extensionUri);
  const links = { base: '..' };
  if (coders.length === 2) {
    const report = agreement(study, coders[0], coders[1], text, choice);
    const [md, tables, methods] = inLanguage(
      bundle,
      () => [agreementMarkdown(study, report, links), agreementTables(study, report), methodsParagraph(study, report)] as const,
    );
    const xlsx = await writeReport(service, `${base}.xlsx`, await agreementXlsx(tables), false);
    const markdown = await writeReport(service, `${base}.md`, encodeText(md), false);
    const passages = report.disagreements
      .filter((d) => d.text.trim().length > 0)
      .map((d) => ({ ...d, applied: [d.coder], notApplied: coders.filter((c) => c !== d.coder) }));
    return { coders, choice, report, family: report.family, rows: breakdownRows(report.family, report), passages, methods, markdown, xlsx };
  }
  const family = alphaFamily(study, { coders, ...choice });
  const shown = shownPassages(family, text);
  const [md, tables, methods] = inLanguage(
    bundle,
    () => [teamMarkdown(study, family, text, links), teamTables(study, family, text), teamMethodsParagraph(study, family)] as const,
  );
  const xlsx = await writeReport(service, `${base}.xlsx`, await xlsxBytes(tables, { title: tables[0]?.caption?.[0] }), false);
  const markdown = await writeReport(service, `${base}.md`, encodeText(md), false);
  const present = new Map(family.docs.map((d) => [d.doc, coders.filter((c) => !d.missing.includes(c))]));
  const passages = shown.map((p) => ({ ...p, notApplied: (present.get(p.doc) ?? []).filter((c) => !p.applied.includes(c)) }));
  return { coders, choice, family, rows: breakdownRows(family, undefined, shown), passages, methods, markdown, xlsx };
}

/** Opens the Markdown report and says the headline figures. */
export async function showAgreement(r: AgreementResult): Promise<void> {
  await vscode.commands
    .executeCommand('markdown.showPreview', r.markdown)
    .then(undefined, () => vscode.commands.executeCommand('vscode.open', r.markdown));
  const name = vscode.workspace.asRelativePath(r.markdown);
  void vscode.window.showInformationMessage(
    r.report
      ? vscode.l10n.t(
          'Codeboom: agreement {0} × {1}: {2} % agreement, κ = {3}, α = {4}. Written {5} and .xlsx.',
          r.coders[0],
          r.coders[1],
          (r.report.overall.percent * 100).toFixed(1),
          r.report.overall.kappa.toFixed(3),
          r.report.overall.alpha.toFixed(3),
          name,
        )
      : vscode.l10n.t(
          'Codeboom: agreement of {0}: Cu-α = {1}. Written {2} and .xlsx.',
          r.coders.join(' × '),
          r.family.across.alpha.toFixed(3),
          name,
        ),
  );
}
