/**
 * The report of a team of three or more coders: Krippendorff's family only (κ is for two), with what
 * the pair report gives a methods section too (issue 22 §1, §2): the paragraph with the numbers filled
 * in, every transcript with whether it is included and why and how far each coder got, the orphaned
 * codings left out per coder, the rules; then where the coders diverge and the passages.
 */
import * as l10n from '@vscode/l10n';
import type { Study } from '../study';
import type { CoderInTranscript } from '../agreement';
import { coderInTranscript } from '../agreement';
import type { Table } from '../exports/tables';
import { counted } from '../plural';
import type { FamilyReport } from './family';
import { familySection, familyTables } from './familyMarkdown';
import type { ReportLinks } from './breakdown';
import { breakdownRows, breakdownSection, breakdownTable, shownPassages, teamDisagreementTable, teamDisagreements } from './breakdown';
import { coderWork, domainSentence, esc, leftOutRule, parentRule, unitRule } from './markdown';

export type TeamInclusionReason = 'coded-by-two-or-more' | 'coded-by-fewer' | 'not-chosen';

export interface TeamInclusion {
  readonly doc: string;
  readonly included: boolean;
  readonly reason: TeamInclusionReason;
  /** Each coder of the team in this transcript, in the team's order. */
  readonly coders: readonly CoderInTranscript[];
}

/** Every transcript of the study for the team: included (at least two coded it, and chosen) or why not. */
export function teamInclusion(study: Study, f: FamilyReport): TeamInclusion[] {
  const included = new Set(f.docs.map((d) => d.doc));
  const chosen = f.chosenDocs ? new Set(f.chosenDocs) : undefined;
  return study.documents.map((d) => {
    const reason: TeamInclusionReason = included.has(d.path)
      ? 'coded-by-two-or-more'
      : chosen && !chosen.has(d.path)
        ? 'not-chosen'
        : 'coded-by-fewer';
    return { doc: d.path, included: included.has(d.path), reason, coders: f.coders.map((c) => coderInTranscript(study, d.path, c)) };
  });
}

/** Why a transcript is in a team report or not, for people. */
export function teamInclusionText(t: TeamInclusion): string {
  switch (t.reason) {
    case 'coded-by-two-or-more':
      return l10n.t('included: coded by {0} of the {1} coders', t.coders.filter((c) => c.codings > 0).length, t.coders.length);
    case 'coded-by-fewer':
      return l10n.t('left out: coded by fewer than two of the coders');
    case 'not-chosen':
      return l10n.t('left out: not chosen');
  }
}

/** The orphaned codings left out of the included transcripts, per coder ("eva: 0, sam: 2"). */
function orphanLine(list: readonly TeamInclusion[], coders: readonly string[]): string {
  const included = list.filter((t) => t.included);
  return l10n.t(
    'Orphaned codings left out of the included transcripts: {0}.',
    coders.map((c, i) => `${c}: ${included.reduce((s, t) => s + t.coders[i].orphaned, 0)}`).join(', '),
  );
}

/** A paragraph for a methods section, with the numbers filled in. */
export function teamMethodsParagraph(study: Study, f: FamilyReport): string {
  return [
    l10n.t(
      'Intercoder agreement was assessed for {0} coders ({1}) on {2} at least two of them coded ({3}); a coder who did not code a transcript counted as missing there, not as not applying the codes.',
      f.coders.length,
      f.coders.join(', '),
      counted(f.docs.length, 'transcript'),
      f.docs.map((d) => study.sourceLabel(d.doc)).join('; ') || '–',
    ),
    l10n.t(
      'The unit of analysis was the character of the transcript body; Krippendorff’s α (nominal, with missing values) was computed per code and per semantic domain.',
    ),
    ...domainSentence(f),
    l10n.t('Agreement was computed with Codeboom.'),
  ].join(' ');
}

/** The rules of a team report, one sentence each (the family's own are beside its table). */
function teamRules(f: FamilyReport): string[] {
  return [unitRule(), leftOutRule(), parentRule(f.rollUp)];
}

/** The report of a team of any size as Markdown (`links.base`: from the report's folder to the study folder). */
export function teamMarkdown(study: Study, f: FamilyReport, text?: (doc: string) => string | undefined, links: ReportLinks = {}): string {
  const shown = shownPassages(f, text);
  const inclusion = teamInclusion(study, f);
  return [
    `# ${l10n.t('Intercoder agreement: {0}', f.coders.join(' × '))}`,
    '',
    `## ${l10n.t('How to report this')}`,
    '',
    `> ${teamMethodsParagraph(study, f)}`,
    '',
    ...familySection(study, f, true, breakdownSection(study, breakdownRows(f, undefined, shown), false)),
    `## ${l10n.t('Transcripts')}`,
    '',
    `| ${l10n.t('Transcript')} | ${l10n.t('Included?')} | ${f.coders.map(esc).join(' | ')} |`,
    `| --- | --- | ${f.coders.map(() => '---').join(' | ')} |`,
    ...inclusion.map(
      (t) => `| ${esc(study.sourceLabel(t.doc))} | ${teamInclusionText(t)} | ${f.coders.map((_, i) => coderWork(t, i)).join(' | ')} |`,
    ),
    '',
    orphanLine(inclusion, f.coders),
    '',
    `## ${l10n.t('Rules')}`,
    '',
    ...teamRules(f).map((s) => `- ${s}`),
    '',
    ...teamDisagreements(study, f, shown, links),
  ].join('\n');
}

/** A team report's workbook: domains, per transcript, per code, transcripts, rules, the disagreements. */
export function teamTables(study: Study, f: FamilyReport, text?: (doc: string) => string | undefined): Table[] {
  const shown = shownPassages(f, text);
  const inclusion = teamInclusion(study, f);
  const [domains, perCode] = familyTables(study, f);
  const transcripts: Table = {
    title: l10n.t('Transcripts'),
    header: [l10n.t('Transcript'), l10n.t('Included?'), ...f.coders],
    rows: inclusion.map((t) => [study.sourceLabel(t.doc), teamInclusionText(t), ...f.coders.map((_, i) => coderWork(t, i))]),
    notes: [orphanLine(inclusion, f.coders)],
  };
  const rules: Table = {
    title: l10n.t('Rules'),
    header: [l10n.t('Rules')],
    rows: [[l10n.t('How to report this')], [teamMethodsParagraph(study, f)], [''], ...teamRules(f).map((s) => [s])],
  };
  return [
    { ...domains, caption: [l10n.t('Intercoder agreement: {0}', f.coders.join(' × ')), ...(domains.caption ?? [])] },
    breakdownTable(study, breakdownRows(f, undefined, shown), false),
    perCode,
    transcripts,
    rules,
    teamDisagreementTable(study, f, shown),
  ];
}
