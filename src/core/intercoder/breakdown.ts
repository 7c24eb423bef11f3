/**
 * Where the coders diverge: one row per transcript, least agreement first, each with a link to that
 * transcript's disagreeing passages; and the passages grouped per transcript, each linked to its line
 * in the transcript. Markdown links are relative: `links.base` is the path from the report's folder to
 * the study folder ('..' for reports/, '' for a report at the study root).
 */
import * as l10n from '@vscode/l10n';
import type { Study } from '../study';
import type { AgreementFigures, AgreementReport } from '../agreement';
import { lineIndex } from '../agreement';
import type { Table } from '../exports/tables';
import { counted } from '../plural';
import type { AlphaResult } from './alpha';
import type { FamilyPassage, FamilyReport } from './family';
import { alphaCell } from './familyMarkdown';
import { esc, num, pct } from './markdown';

export interface ReportLinks {
  /** The path from the report's folder to the study folder (default '': the report is at the study root). */
  readonly base?: string;
}

/** One transcript in the breakdown. */
export interface BreakdownRow {
  readonly doc: string;
  /** Krippendorff's α-binary pooled over the codes. */
  readonly alpha: AlphaResult;
  /** Two coders: percent, κ and α pooled over the codes defined overall. */
  readonly pair?: AgreementFigures;
  readonly missing: readonly string[];
  /** Disagreeing passages listed in the report. */
  readonly passages: number;
}

/** A disagreeing passage of a team report, with its text and line. */
export interface ShownPassage extends FamilyPassage {
  readonly text: string;
  readonly line: number;
}

/** The anchor of a transcript's passages in the report. */
export function anchorOf(doc: string): string {
  return `passages-${doc
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')}`;
}

/** A relative link to a line of a transcript (VS Code's preview and GitHub follow `#L12`). */
export function transcriptLink(doc: string, line: number, links: ReportLinks = {}): string {
  const base = (links.base ?? '').replace(/\/+$/, '');
  const path = base ? `${base}/${doc}` : doc;
  return `${path.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}

/** The team report's passages with their text (blank ones left out: whitespace is no disagreement). */
export function shownPassages(f: FamilyReport, text: (doc: string) => string | undefined = () => undefined): ShownPassage[] {
  const out: ShownPassage[] = [];
  const lines = new Map<string, (offset: number) => number>();
  for (const p of f.passages) {
    const source = text(p.doc);
    const quote = source?.slice(p.start, p.end) ?? '';
    if (source === undefined || quote.trim().length > 0) {
      let lineOf = lines.get(p.doc);
      if (source !== undefined && !lineOf) {
        lineOf = lineIndex(source);
        lines.set(p.doc, lineOf);
      }
      out.push({ ...p, text: quote, line: lineOf ? lineOf(p.start) : 1 });
    }
  }
  return out;
}

const alphaOrder = (a: AlphaResult, b: AlphaResult): number =>
  Number.isNaN(a.alpha) ? (Number.isNaN(b.alpha) ? 0 : 1) : Number.isNaN(b.alpha) ? -1 : a.alpha - b.alpha;

/** The transcripts, least agreement first (undefined last). */
export function breakdownRows(f: FamilyReport, pair?: AgreementReport, passages: readonly FamilyPassage[] = f.passages): BreakdownRow[] {
  const missing = new Map(f.docs.map((d) => [d.doc, d.missing]));
  const pairOf = new Map((pair?.perDoc ?? []).map((p) => [p.doc, p]));
  const counts = new Map<string, number>();
  for (const p of passages) {
    counts.set(p.doc, (counts.get(p.doc) ?? 0) + 1);
  }
  return f.perDoc
    .map((p) => ({
      doc: p.doc,
      alpha: p.alpha,
      pair: pairOf.get(p.doc)?.figures,
      missing: missing.get(p.doc) ?? [],
      passages: pair ? (pairOf.get(p.doc)?.passages ?? 0) : (counts.get(p.doc) ?? 0),
    }))
    .sort((a, b) => alphaOrder(a.alpha, b.alpha));
}

/** The per-transcript table as Markdown lines. */
export function breakdownSection(study: Study, rows: readonly BreakdownRow[], pair: boolean): string[] {
  const link = (r: BreakdownRow): string => (r.passages > 0 ? `[${counted(r.passages, 'passage')}](#${anchorOf(r.doc)})` : '–');
  return [
    `### ${l10n.t('Per transcript, least agreement first')}`,
    '',
    pair
      ? `| ${l10n.t('Transcript')} | ${l10n.t('α-binary over the codes')} | ${l10n.t('Agreement')} | ${l10n.t('Cohen’s κ')} | ${l10n.t('Disagreeing passages')} |`
      : `| ${l10n.t('Transcript')} | ${l10n.t('α-binary over the codes')} | ${l10n.t('Missing coders')} | ${l10n.t('Disagreeing passages')} |`,
    pair ? '| --- | ---: | ---: | ---: | --- |' : '| --- | ---: | --- | --- |',
    ...rows.map((r) =>
      pair
        ? `| ${esc(study.sourceLabel(r.doc))} | ${alphaCell(r.alpha)} | ${r.pair ? pct(r.pair.percent) : '–'} | ${r.pair ? num(r.pair.kappa) : '–'} | ${link(r)} |`
        : `| ${esc(study.sourceLabel(r.doc))} | ${alphaCell(r.alpha)} | ${r.missing.join(', ') || '–'} | ${link(r)} |`,
    ),
    '',
  ];
}

/** The per-transcript table for a workbook. */
export function breakdownTable(study: Study, rows: readonly BreakdownRow[], pair: boolean): Table {
  const three = (v: number | undefined): number | string => (v === undefined || Number.isNaN(v) ? '–' : Math.round(v * 1000) / 1000);
  return {
    title: l10n.t('Per transcript'),
    caption: [l10n.t('Per transcript, least agreement first')],
    header: [
      l10n.t('Transcript'),
      l10n.t('α-binary over the codes'),
      ...(pair ? [l10n.t('Agreement (%)'), l10n.t('Cohen’s kappa')] : [l10n.t('Missing coders')]),
      l10n.t('Disagreeing passages'),
    ],
    rows: rows.map((r) => [
      study.sourceLabel(r.doc),
      three(r.alpha.undefinedReason ? NaN : r.alpha.alpha),
      ...(pair
        ? [r.pair && !Number.isNaN(r.pair.percent) ? Math.round(r.pair.percent * 1000) / 10 : '–', three(r.pair?.kappa)]
        : [r.missing.join(', ')]),
      r.passages,
    ]),
    notes: [l10n.t('The passages are on the sheet “{0}”, with their lines.', l10n.t('Disagreements'))],
  };
}

/** Groups items per transcript, in the order the transcripts first occur. */
function perTranscript<T extends { readonly doc: string }>(items: readonly T[]): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const x of items) {
    const g = groups.get(x.doc);
    if (g) {
      g.push(x);
    } else {
      groups.set(x.doc, [x]);
    }
  }
  return [...groups];
}

/** The heading of one transcript's passages, with the anchor the breakdown links to. */
function groupHeading(study: Study, doc: string): string[] {
  return [`<a id="${anchorOf(doc)}"></a>`, '', `### ${study.sourceLabel(doc)}`, ''];
}

const quoteOf = (s: string): string => esc(s.replace(/\s+/g, ' ').trim());

/** The pair report's disagreements, per transcript, each linked to its line. */
export function pairDisagreements(study: Study, r: AgreementReport, links: ReportLinks): string[] {
  const shown = r.disagreements.filter((d) => d.text.trim().length > 0);
  return [
    `## ${l10n.t('Disagreements')}`,
    '',
    ...perTranscript(shown).flatMap(([doc, list]) => [
      ...groupHeading(study, doc),
      `| ${l10n.t('Line')} | ${l10n.t('Code')} | ${esc(r.coderA)} | ${esc(r.coderB)} |`,
      '| ---: | --- | --- | --- |',
      ...list.map((d) => {
        const q = quoteOf(d.text);
        return `| [${d.line}](${transcriptLink(doc, d.line, links)}) | ${esc(study.code(d.code)?.name ?? d.code)} | ${d.coder === r.coderA ? q : ''} | ${d.coder === r.coderB ? q : ''} |`;
      }),
      '',
    ]),
  ];
}

/** A team report's disagreements, per transcript: who applied the code, who did not, the passage. */
export function teamDisagreements(study: Study, f: FamilyReport, shown: readonly ShownPassage[], links: ReportLinks): string[] {
  const present = new Map(f.docs.map((d) => [d.doc, f.coders.filter((c) => !d.missing.includes(c))]));
  return [
    `## ${l10n.t('Disagreements')}`,
    '',
    ...perTranscript(shown).flatMap(([doc, list]) => [
      ...groupHeading(study, doc),
      `| ${l10n.t('Line')} | ${l10n.t('Code')} | ${l10n.t('Applied by')} | ${l10n.t('Not by')} | ${l10n.t('Passage')} |`,
      '| ---: | --- | --- | --- | --- |',
      ...list.map(
        (p) =>
          `| [${p.line}](${transcriptLink(doc, p.line, links)}) | ${esc(study.code(p.code)?.name ?? p.code)} | ${esc(p.applied.join(', '))} | ${esc(
            (present.get(doc) ?? []).filter((c) => !p.applied.includes(c)).join(', '),
          )} | ${quoteOf(p.text)} |`,
      ),
      '',
    ]),
  ];
}

/** A team report's disagreements as a workbook table. */
export function teamDisagreementTable(study: Study, f: FamilyReport, shown: readonly ShownPassage[]): Table {
  const present = new Map(f.docs.map((d) => [d.doc, f.coders.filter((c) => !d.missing.includes(c))]));
  return {
    title: l10n.t('Disagreements'),
    header: [l10n.t('Transcript'), l10n.t('Line'), l10n.t('Code'), l10n.t('Applied by'), l10n.t('Not by'), l10n.t('Passage')],
    rows: shown.map((p) => [
      study.sourceLabel(p.doc),
      p.line,
      study.code(p.code)?.name ?? p.code,
      p.applied.join(', '),
      (present.get(p.doc) ?? []).filter((c) => !p.applied.includes(c)).join(', '),
      p.text.replace(/\s+/g, ' ').trim(),
    ]),
  };
}
