/**
 * The agreement report as Markdown: how to report it (a paragraph for a methods section, numbers
 * filled in), overall and per code, every transcript with whether it is included and why, the rules
 * the numbers follow, and the disagreeing passages side by side. The sentences are said with
 * @vscode/l10n where they are made; the glue chooses the language (the study's).
 */
import * as l10n from '@vscode/l10n';
import type { Study } from '../study';
import type { AgreementReport, InclusionReason, TranscriptInclusion } from '../agreement';
import type { UndefinedReason } from './alpha';
import type { FamilyReport } from './family';
import { counted } from '../plural';
import { familySection, segmentSection } from './familyMarkdown';
import type { ReportLinks } from './breakdown';
import { breakdownRows, breakdownSection, pairDisagreements } from './breakdown';

export const pct = (v: number): string => (Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)} %`);
export const num = (v: number): string => (Number.isNaN(v) ? '–' : v.toFixed(3));

/** Why a figure is undefined, for people. */
export function undefinedText(reason: UndefinedReason | undefined): string {
  switch (reason) {
    case 'never-applied':
      return l10n.t(
        'undefined (0/0): never applied to counted text by either coder (orphaned or front-matter codings only); not in the overall figures',
      );
    case 'no-variation':
      return l10n.t('undefined (0/0): only one value occurs (no variation); not in the overall figures');
    case 'no-units':
      return l10n.t('undefined (0/0): no units');
    default:
      return '';
  }
}

/** Why a transcript is included or not, for people. */
export function inclusionText(r: Pick<AgreementReport, 'coderA' | 'coderB'>, reason: InclusionReason): string {
  switch (reason) {
    case 'coded-by-both':
      return l10n.t('included: coded by both');
    case 'not-coded-by-a':
      return l10n.t('left out: not coded by {0}', r.coderA);
    case 'not-coded-by-b':
      return l10n.t('left out: not coded by {0}', r.coderB);
    case 'coded-by-neither':
      return l10n.t('left out: coded by neither');
    case 'not-chosen':
      return l10n.t('left out: not chosen');
  }
}

/** One coder's work in a transcript: "12 codings, up to 85 % of the text (+2 orphaned, 1 in the front matter)". */
export function coderWork(t: Pick<TranscriptInclusion, 'coders'>, i: number): string {
  const c = t.coders[i];
  const extras = [
    ...(c.orphaned ? [l10n.t('{0} orphaned', c.orphaned)] : []),
    ...(c.frontMatter ? [l10n.t('{0} in the front matter', c.frontMatter)] : []),
  ];
  const main = c.codings > 0 ? l10n.t('{0}, up to {1} of the text', counted(c.codings, 'coding'), pct(c.codedTo)) : l10n.t('no codings');
  return extras.length ? `${main} (${l10n.t('left out: {0}', extras.join(', '))})` : main;
}

/** The unit of every figure. */
export function unitRule(): string {
  return l10n.t(
    'Unit: one character of a transcript’s body (the text after the front matter), counted as VS Code counts characters (UTF-16 code units). For each code, each character is coded or not coded by each coder.',
  );
}

/** What no figure counts. */
export function leftOutRule(): string {
  return l10n.t(
    'Left out: orphaned codings (their text was edited away), codings of missing transcripts, and the parts of codings in the front matter.',
  );
}

/** What a parent code's row counts. */
export function parentRule(rollUp: boolean): string {
  return rollUp
    ? l10n.t('Rolled up: a parent code’s row counts the codings with that code or any of its subcodes.')
    : l10n.t('A parent code’s row counts only the codings with that code itself, not those of its subcodes.');
}

/** The rules the numbers follow, one sentence each. */
export function rulesOf(rollUp = false): string[] {
  return [
    unitRule(),
    l10n.t(
      'Included: the transcripts both coders coded (at least one counted coding in the body each); every transcript is listed above with the reason. A transcript one coder coded only partly is included whole (see “up to … of the text”).',
    ),
    leftOutRule(),
    l10n.t(
      'Overall: pooled over all code × character decisions, so codes weigh by how much text they cover; the unweighted mean over codes is given beside it. Codes whose figures are undefined (0/0) are in neither.',
    ),
    parentRule(rollUp),
    l10n.t(
      'Percent agreement is dominated by uncoded text: two coders who never coded the same text with a code still agree on nearly every character (e.g. 98.8 %). Report κ or α.',
    ),
    l10n.t(
      'Cohen’s κ = (p_o − p_e) / (1 − p_e); Krippendorff’s α (nominal) = 1 − (n − 1) · D / (n_0 · n_1) for two coders without missing values (Krippendorff 2011).',
    ),
  ];
}

/** The range of a list of defined α values ("0.612–0.934"), or undefined when there is none. */
function range(values: readonly number[]): string | undefined {
  const v = values.filter((x) => !Number.isNaN(x));
  if (v.length === 0) {
    return undefined;
  }
  const lo = v.reduce((a, b) => Math.min(a, b));
  const hi = v.reduce((a, b) => Math.max(a, b));
  return lo === hi ? num(lo) : `${num(lo)}–${num(hi)}`;
}

/** The domain figures in one sentence for the methods paragraph (none without a defined one). */
export function domainSentence(f: FamilyReport): string[] {
  const binary = range(f.domains.map((d) => d.binary.alpha));
  if (binary === undefined) {
    return [];
  }
  return [
    l10n.t(
      'Per semantic domain ({0}), Krippendorff’s α-binary was {1} and cu-α {2}; Cu-α over the domains was {3}.',
      f.domains.length === 1 ? l10n.t('1 domain') : l10n.t('{0} domains', f.domains.length),
      binary,
      range(f.domains.map((d) => d.cu.alpha)) ?? '–',
      num(f.across.alpha),
    ),
  ];
}

/** The segment-based figures in one sentence for the methods paragraph. */
function segmentSentence(r: AgreementReport): string {
  const s = r.segments.overall;
  return l10n.t(
    'In the segment-based check (a coded segment matched when the other coder applied the same code to a segment overlapping it by at least {0}), {1} of {2} segments matched ({3}); Brennan and Prediger’s κ_n = {4}.',
    pct(r.segments.threshold),
    s.matched,
    s.matched + s.unmatched,
    pct(s.percent),
    num(s.kappa),
  );
}

/** A paragraph for a methods section, with the numbers filled in. */
export function methodsParagraph(study: Study, r: AgreementReport): string {
  const defined = r.perCode.filter((p) => p.figures.undefinedReason === undefined).length;
  const left = r.perCode.length - defined;
  return [
    l10n.t(
      'Intercoder agreement was assessed for two coders ({0} and {1}) on {2} both coded ({3}).',
      r.coderA,
      r.coderB,
      counted(r.docs.length, 'transcript'),
      r.docs.map((d) => study.sourceLabel(d)).join('; ') || '–',
    ),
    l10n.t(
      'The unit of analysis was the character of the transcript body; for each of {0}, every character was coded or not coded by each coder.',
      counted(defined, 'code'),
    ),
    l10n.t(
      'Pooled over all code × character decisions, percent agreement was {0}, Cohen’s κ = {1} and Krippendorff’s α (nominal) = {2}; the unweighted mean over codes was κ = {3} and α = {4}.',
      pct(r.overall.percent),
      num(r.overall.kappa),
      num(r.overall.alpha),
      num(r.mean.kappa),
      num(r.mean.alpha),
    ),
    ...(left === 1 ? [l10n.t('1 code applied to no counted text was left out (agreement undefined).')] : []),
    ...(left > 1 ? [l10n.t('{0} codes applied to no counted text were left out (agreement undefined).', left)] : []),
    ...domainSentence(r.family),
    ...(r.method === 'segments' ? [segmentSentence(r)] : []),
    l10n.t('Agreement was computed with Codeboom.'),
  ].join(' ');
}

/** The agreement report as Markdown (`links.base`: from the report's folder to the study folder, for links to the transcripts). */
export function agreementMarkdown(study: Study, r: AgreementReport, links: ReportLinks = {}): string {
  const lines = [
    `# ${l10n.t('Intercoder agreement: {0} × {1}', r.coderA, r.coderB)}`,
    '',
    l10n.t('Transcripts coded by both: {0}. Units: characters of the transcripts’ bodies.', r.docs.join(', ') || '–'),
    '',
    `## ${l10n.t('How to report this')}`,
    '',
    `> ${methodsParagraph(study, r)}`,
    '',
    ...(r.method === 'segments' ? segmentSection(study, r.segments) : []),
    `## ${l10n.t('Per code')}`,
    '',
    `| ${l10n.t('Code')} | ${l10n.t('Agreement')} | ${l10n.t('Cohen’s κ')} | ${l10n.t('Krippendorff’s α')} | ${l10n.t('both')} | ${l10n.t('only {0}', esc(r.coderA))} | ${l10n.t('only {0}', esc(r.coderB))} | ${l10n.t('Note')} |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...r.perCode.map(
      ({ code, figures: x }) =>
        `| ${esc(study.pathLabel(code))} | ${pct(x.percent)} | ${num(x.kappa)} | ${num(x.alpha)} | ${x.both} | ${x.onlyA} | ${x.onlyB} | ${undefinedText(x.undefinedReason)} |`,
    ),
    `| **${l10n.t('Overall')}** | **${pct(r.overall.percent)}** | **${num(r.overall.kappa)}** | **${num(r.overall.alpha)}** | ${r.overall.both} | ${r.overall.onlyA} | ${r.overall.onlyB} | ${l10n.t('pooled over all code × character decisions')} |`,
    `| ${l10n.t('Mean over codes')} | ${pct(r.mean.percent)} | ${num(r.mean.kappa)} | ${num(r.mean.alpha)} | | | | ${l10n.t('unweighted, {0}', counted(r.mean.codes, 'code'))} |`,
    '',
    ...familySection(study, r.family, false, breakdownSection(study, breakdownRows(r.family, r), true)),
    ...(r.method === 'segments' ? [] : segmentSection(study, r.segments)),
    `## ${l10n.t('Transcripts')}`,
    '',
    `| ${l10n.t('Transcript')} | ${l10n.t('Included?')} | ${esc(r.coderA)} | ${esc(r.coderB)} |`,
    '| --- | --- | --- | --- |',
    ...r.transcripts.map(
      (t) => `| ${esc(study.sourceLabel(t.doc))} | ${inclusionText(r, t.reason)} | ${coderWork(t, 0)} | ${coderWork(t, 1)} |`,
    ),
    '',
    l10n.t('Orphaned codings left out of the included transcripts: {0}.', r.orphaned.map((o) => `${o.coder}: ${o.count}`).join(', ')),
    '',
    `## ${l10n.t('Rules')}`,
    '',
    ...rulesOf(r.rollUp).map((s) => `- ${s}`),
    '',
    ...pairDisagreements(study, r, links),
  ];
  return lines.join('\n');
}

export function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
