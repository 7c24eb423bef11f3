/**
 * Krippendorff's family in the reports: the domain view (α-binary and cu-α per domain, Cu-α over the
 * domains), the transcripts from most to least divergent, and, for teams of three or more, per code.
 */
import * as l10n from '@vscode/l10n';
import type { Study } from '../study';
import type { Table } from '../exports/tables';
import type { AlphaResult } from './alpha';
import type { FamilyReport } from './family';
import { esc, num, pct, undefinedText } from './markdown';
import type { SegmentAgreement } from './segments';

/** α, or "–" with the reason. */
export function alphaCell(a: AlphaResult): string {
  return a.undefinedReason ? `– (${undefinedText(a.undefinedReason)})` : num(a.alpha);
}

/** The rules of the family, one sentence each. */
export function familyRules(): string[] {
  return [
    l10n.t(
      'A semantic domain is a code with its subcodes. α-binary: per character, did each coder apply any code of the domain. cu-α: only where coders applied the domain, did they choose the same code of it (the set of codes is one category). Cu-α: only where coders applied any domain, did they choose the same domain.',
    ),
    l10n.t(
      'Krippendorff’s α handles missing values: a coder who did not code a transcript is missing there (not “did not apply”); a transcript counts when at least two coders coded it.',
    ),
  ];
}

/** The domain view as Markdown lines (a section of the pair report, or the heart of the team report). */
export function familySection(study: Study, f: FamilyReport, perCode: boolean, breakdown: readonly string[] = []): string[] {
  return [
    `## ${l10n.t('Krippendorff’s α per semantic domain')}`,
    '',
    l10n.t('Coders: {0}. Transcripts coded by at least two of them: {1}.', f.coders.join(', '), f.docs.length),
    '',
    `| ${l10n.t('Domain')} | ${l10n.t('α-binary')} | ${l10n.t('cu-α')} |`,
    '| --- | ---: | ---: |',
    ...f.domains.map((d) => `| ${esc(study.pathLabel(d.domain))} | ${alphaCell(d.binary)} | ${alphaCell(d.cu)} |`),
    `| **${l10n.t('Cu-α (all domains)')}** | **${alphaCell(f.across)}** | |`,
    '',
    ...(perCode
      ? [
          `### ${l10n.t('Per code')}`,
          '',
          `| ${l10n.t('Code')} | ${l10n.t('α-binary')} |`,
          '| --- | ---: |',
          ...f.perCode.map((p) => `| ${esc(study.pathLabel(p.code))} | ${alphaCell(p.alpha)} |`),
          '',
        ]
      : []),
    ...breakdown,
    ...familyRules().map((s) => `- ${s}`),
    '',
  ];
}

const three = (a: AlphaResult): number | string => (a.undefinedReason ? '–' : Math.round(a.alpha * 1000) / 1000);

/** The domain view as workbook tables: domains, per code. */
export function familyTables(study: Study, f: FamilyReport): Table[] {
  return [
    {
      title: l10n.t('Domains'),
      caption: [l10n.t('Coders: {0}. Transcripts coded by at least two of them: {1}.', f.coders.join(', '), f.docs.length)],
      header: [l10n.t('Domain'), l10n.t('α-binary'), l10n.t('cu-α'), l10n.t('Note')],
      rows: [
        ...f.domains.map((d) => [
          study.pathLabel(d.domain),
          three(d.binary),
          three(d.cu),
          [undefinedText(d.binary.undefinedReason), undefinedText(d.cu.undefinedReason)].filter(Boolean).join('; '),
        ]),
        [l10n.t('Cu-α (all domains)'), three(f.across), '', undefinedText(f.across.undefinedReason)],
      ],
      notes: familyRules(),
    },
    {
      title: l10n.t('Per code'),
      header: [l10n.t('Code'), l10n.t('α-binary'), l10n.t('Note')],
      rows: f.perCode.map((p) => [study.pathLabel(p.code), three(p.alpha), undefinedText(p.alpha.undefinedReason)]),
    },
  ];
}

/** The caveat of segment-based figures. */
export function segmentCaveat(threshold: number): string {
  return l10n.t(
    'Segment-based (as MAXQDA reports it): a coded segment of one coder matches when the other coder has a coding with the same code overlapping it by at least {0} of their united stretch. Percent = matched segments / all segments of both coders; κ is Brennan & Prediger’s κ_n = (p_o − 1/k) / (1 − 1/k), k = number of codes. Caveats: segments differ in length, there is no “neither” cell, and the figures depend on the threshold; the character-based figures above are the ones to report.',
    pct(threshold),
  );
}

/** Segment-based agreement as Markdown lines. */
export function segmentSection(study: Study, s: SegmentAgreement): string[] {
  return [
    `## ${l10n.t('Segment-based agreement (overlap ≥ {0})', pct(s.threshold))}`,
    '',
    `| ${l10n.t('Code')} | ${l10n.t('Matched segments')} | ${l10n.t('Unmatched segments')} | ${l10n.t('Agreement')} | ${l10n.t('κ (Brennan & Prediger)')} |`,
    '| --- | ---: | ---: | ---: | ---: |',
    ...s.perCode.map(
      (p) =>
        `| ${esc(study.pathLabel(p.code))} | ${p.figures.matched} | ${p.figures.unmatched} | ${pct(p.figures.percent)} | ${num(p.figures.kappa)} |`,
    ),
    `| **${l10n.t('Overall')}** | ${s.overall.matched} | ${s.overall.unmatched} | **${pct(s.overall.percent)}** | **${num(s.overall.kappa)}** |`,
    '',
    `- ${segmentCaveat(s.threshold)}`,
    '',
  ];
}

/** Segment-based agreement as a workbook table. */
export function segmentTable(study: Study, s: SegmentAgreement): Table {
  const p1 = (v: number): number | string => (Number.isNaN(v) ? '–' : Math.round(v * 1000) / 10);
  const k3 = (v: number): number | string => (Number.isNaN(v) ? '–' : Math.round(v * 1000) / 1000);
  return {
    title: l10n.t('Segments'),
    caption: [l10n.t('Segment-based agreement (overlap ≥ {0})', pct(s.threshold))],
    header: [
      l10n.t('Code'),
      l10n.t('Matched segments'),
      l10n.t('Unmatched segments'),
      l10n.t('Agreement (%)'),
      l10n.t('κ (Brennan & Prediger)'),
    ],
    rows: [
      ...s.perCode.map((p) => [
        study.pathLabel(p.code),
        p.figures.matched,
        p.figures.unmatched,
        p1(p.figures.percent),
        k3(p.figures.kappa),
      ]),
      [l10n.t('Overall'), s.overall.matched, s.overall.unmatched, p1(s.overall.percent), k3(s.overall.kappa)],
    ],
    notes: [segmentCaveat(s.threshold)],
  };
}
