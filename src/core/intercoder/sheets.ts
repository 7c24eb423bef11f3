/**
 * The agreement report as an Excel workbook: per code (with the overall and mean rows), the
 * transcripts with why each is or is not included, the rules with the paragraph for a methods
 * section, and the disagreements. Built from the same pieces as the Markdown (./markdown.ts).
 */
import * as l10n from '@vscode/l10n';
import type { Study } from '../study';
import type { AgreementReport } from '../agreement';
import type { Table } from '../exports/tables';
import { xlsxBytes } from '../exports/xlsx';
import { counted } from '../plural';
import { familyTables, segmentTable } from './familyMarkdown';
import { breakdownRows, breakdownTable } from './breakdown';
import { coderWork, inclusionText, methodsParagraph, rulesOf, undefinedText } from './markdown';

const percent = (v: number): number | string => (Number.isNaN(v) ? '–' : Math.round(v * 1000) / 10);
const three = (v: number): number | string => (Number.isNaN(v) ? '–' : Math.round(v * 1000) / 1000);

/** The workbook's tables (said in the language the core speaks now). */
export function agreementTables(study: Study, r: AgreementReport): Table[] {
  const perCode: Table = {
    title: l10n.t('Agreement'),
    caption: [l10n.t('Intercoder agreement: {0} × {1}', r.coderA, r.coderB)],
    header: [
      l10n.t('Code'),
      l10n.t('Agreement (%)'),
      l10n.t('Cohen’s kappa'),
      l10n.t('Krippendorff’s alpha'),
      l10n.t('Both'),
      l10n.t('Only {0}', r.coderA),
      l10n.t('Only {0}', r.coderB),
      l10n.t('Neither'),
      l10n.t('Note'),
    ],
    rows: [
      ...r.perCode.map(({ code, figures: f }) => [
        study.pathLabel(code),
        percent(f.percent),
        three(f.kappa),
        three(f.alpha),
        f.both,
        f.onlyA,
        f.onlyB,
        f.neither,
        undefinedText(f.undefinedReason),
      ]),
      [
        l10n.t('Overall'),
        percent(r.overall.percent),
        three(r.overall.kappa),
        three(r.overall.alpha),
        r.overall.both,
        r.overall.onlyA,
        r.overall.onlyB,
        r.overall.neither,
        l10n.t('pooled over all code × character decisions'),
      ],
      [
        l10n.t('Mean over codes'),
        percent(r.mean.percent),
        three(r.mean.kappa),
        three(r.mean.alpha),
        '',
        '',
        '',
        '',
        l10n.t('unweighted, {0}', counted(r.mean.codes, 'code')),
      ],
    ],
    notes: [
      l10n.t('Orphaned codings left out of the included transcripts: {0}.', r.orphaned.map((o) => `${o.coder}: ${o.count}`).join(', ')),
    ],
  };
  const transcripts: Table = {
    title: l10n.t('Transcripts'),
    header: [l10n.t('Transcript'), l10n.t('Included?'), r.coderA, r.coderB],
    rows: r.transcripts.map((t) => [study.sourceLabel(t.doc), inclusionText(r, t.reason), coderWork(t, 0), coderWork(t, 1)]),
  };
  const rules: Table = {
    title: l10n.t('Rules'),
    header: [l10n.t('Rules')],
    rows: [[l10n.t('How to report this')], [methodsParagraph(study, r)], [''], ...rulesOf(r.rollUp).map((s) => [s])],
  };
  const disagreements: Table = {
    title: l10n.t('Disagreements'),
    header: [l10n.t('Transcript'), l10n.t('Line'), l10n.t('Code'), r.coderA, r.coderB],
    rows: r.disagreements
      .filter((x) => x.text.trim())
      .map((x) => {
        const q = x.text.replace(/\s+/g, ' ').trim();
        return [
          study.sourceLabel(x.doc),
          x.line,
          study.code(x.code)?.name ?? x.code,
          x.coder === r.coderA ? q : '',
          x.coder === r.coderB ? q : '',
        ];
      }),
  };
  return [
    perCode,
    familyTables(study, r.family)[0],
    breakdownTable(study, breakdownRows(r.family, r), true),
    segmentTable(study, r.segments),
    transcripts,
    rules,
    disagreements,
  ];
}

export function agreementXlsx(tables: readonly Table[], created?: Date): Promise<Uint8Array> {
  return xlsxBytes(tables, { created, title: tables[0]?.caption?.[0] });
}
