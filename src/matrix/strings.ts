/** The matrix panel's words, localised through vscode.l10n (the exports' words: core/exports/labels.ts). */
export { exportLabels } from '../core/exports/labels';
import * as vscode from 'vscode';
import type { ExportLabels } from '../core/exports/labels';
import { DEFAULT_LABELS, exportLabels, labelsFromBundle } from '../core/exports/labels';
import type { Study } from '../core/study';
import { studyBundle } from '../l10n/studyLanguage';

/**
 * The exports' words in the study's language (`language` in codeboom.json), else in VS Code's
 * display language: the extension's bundle of that language (l10n/bundle.l10n.<lang>.json); a
 * language without a bundle falls back to the display language.
 */
export async function studyExportLabels(study: Study, extensionUri: vscode.Uri | undefined): Promise<ExportLabels> {
  const bundle = await studyBundle(study, extensionUri);
  if (bundle === undefined) {
    return exportLabels();
  }
  // English: the empty bundle
  return Object.keys(bundle).length === 0 ? DEFAULT_LABELS : labelsFromBundle(bundle);
}
import type { UiStrings } from '../../webview/protocol';

export function uiStrings(): UiStrings {
  return {
    title: vscode.l10n.t('Code Matrix'),
    viewMatrix: vscode.l10n.t('Matrix'),
    viewCoverage: vscode.l10n.t('Factor coverage'),
    viewSynthesis: vscode.l10n.t('Synthesis'),
    viewSaturation: vscode.l10n.t('Saturation'),
    rows: vscode.l10n.t('Rows'),
    rowsTree: vscode.l10n.t('Code tree'),
    rowsTop: vscode.l10n.t('Top-level codes'),
    columns: vscode.l10n.t('Columns'),
    columnCase: vscode.l10n.t('Cases'),
    columnRespondent: vscode.l10n.t('Respondents'),
    columnTranscript: vscode.l10n.t('Transcripts'),
    columnAttribute: vscode.l10n.t('Attribute: {0}'),
    columnFactor: vscode.l10n.t('Literature factors'),
    columnCode: vscode.l10n.t('Codes (co-occurrence)'),
    measure: vscode.l10n.t('Measure'),
    measureCodings: vscode.l10n.t('Codings'),
    measureTranscripts: vscode.l10n.t('Transcripts'),
    measureRespondents: vscode.l10n.t('Respondents'),
    measureRowPercent: vscode.l10n.t('Row %'),
    measureColumnPercent: vscode.l10n.t('Column %'),
    filters: vscode.l10n.t('Filters'),
    polarity: vscode.l10n.t('Polarity'),
    origin: vscode.l10n.t('Origin'),
    case: vscode.l10n.t('Case'),
    coder: vscode.l10n.t('Coder'),
    exportCsv: vscode.l10n.t('CSV'),
    exportXlsx: vscode.l10n.t('Excel'),
    exportMarkdown: vscode.l10n.t('Markdown'),
    exportLabel: vscode.l10n.t('Export'),
    code: vscode.l10n.t('Code'),
    total: vscode.l10n.t('Total'),
    noValue: vscode.l10n.t('(no value)'),
    expand: vscode.l10n.t('Expand'),
    collapse: vscode.l10n.t('Collapse'),
    passages: vscode.l10n.t('Passages'),
    passagesHint: vscode.l10n.t('Select a cell (click, or Enter) to list the passages behind its number.'),
    noPassages: vscode.l10n.t('No passages.'),
    openPassage: vscode.l10n.t('Open the transcript at this passage'),
    computed: vscode.l10n.t('Computed in {0} ms · {1} rows × {2} columns'),
    uncounted: vscode.l10n.t('{0} orphaned codings (text changed or transcript missing) are not counted.'),
    uncountedOne: vscode.l10n.t('1 orphaned coding (text changed or transcript missing) is not counted.'),
    literatureFactor: vscode.l10n.t('Literature factor'),
    category: vscode.l10n.t('Category'),
    authors: vscode.l10n.t('Authors'),
    linkedCodes: vscode.l10n.t('Linked codes'),
    respondents: vscode.l10n.t('Respondents'),
    noEvidence: vscode.l10n.t('no evidence'),
    factorsWithoutEvidence: vscode.l10n.t('{0} of {1} literature factors have no evidence in the codings.'),
    unlinkedCodes: vscode.l10n.t('Codes linked to no literature factor'),
    unlinkedHint: vscode.l10n.t(
      'Neither the code nor any of its subcodes is linked to a literature factor: patterns that are new compared with the literature.',
    ),
    empiricalFactor: vscode.l10n.t('Empirical factor'),
    empiricalPattern: vscode.l10n.t('Empirical pattern'),
    factorOrigin: vscode.l10n.t('Origin of the factor'),
    analysis: vscode.l10n.t('Analysis'),
    noStudy: vscode.l10n.t('No Codeboom study is open.'),
    empty: vscode.l10n.t('Nothing to show: no code matches the filters.'),
    cellLabel: vscode.l10n.t('{0} × {1}'),
    saturationChart: vscode.l10n.t(
      'Saturation chart: codes used for the first time per transcript (bars) and the cumulative number of codes (line), over {0} transcripts in interview order. The table below lists the same numbers.',
    ),
    saturationSummary: vscode.l10n.t('{0} transcripts in interview order · {1} codes used'),
    saturationStill: vscode.l10n.t('the last {0} transcripts added no new code'),
    saturationNew: vscode.l10n.t('New codes'),
    saturationCumulative: vscode.l10n.t('Cumulative codes'),
    saturationNumber: vscode.l10n.t('#'),
    transcript: vscode.l10n.t('Transcript'),
    date: vscode.l10n.t('Date'),
    firstUsed: vscode.l10n.t('Codes used for the first time'),
    saturationEmpty: vscode.l10n.t('No transcripts match the filters.'),
    exportSaturation: vscode.l10n.t('Markdown + SVG'),
    exportSaturationTitle: vscode.l10n.t('Export the saturation table (Markdown) and chart (SVG)'),
  };
}
