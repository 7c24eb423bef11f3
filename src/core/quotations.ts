/**
 * Quotations: the coded passages of a code, filtered by case or any transcript attribute, cited
 * with their source, and written out as a Markdown report. Also the grouping of transcripts by an
 * attribute that the transcripts view shows.
 */
import * as l10n from '@vscode/l10n';
import type { Coding, ProjectData, TranscriptDocument } from './model';
import type { Study } from './study';
import { codingsOfSubtrees } from './codebookOps';
import { foldText } from './ids';
import { isCounted } from './counting';

export interface QuotationQuery {
  /** Include the codings of the code's subcodes. */
  readonly subtree?: boolean;
  /** Only transcripts whose attribute `key` has this value (as text), for every entry. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Only the codings of this coder (a coder id). */
  readonly coder?: string;
}

/** Codings of a code (and optionally its subcodes) in transcripts matching the filter, by transcript path and position. */
export function quotationsOf(study: Study, code: string, query: QuotationQuery = {}): Coding[] {
  if (!study.code(code)) {
    return [];
  }
  const list = query.subtree ? codingsOfSubtrees(study, [code]) : study.codingsWithCode(code);
  const filter = Object.entries(query.attributes ?? {});
  return list
    .filter(
      (c) =>
        (query.coder === undefined || c.coder === query.coder) && filter.every(([key, value]) => study.attribute(c.doc, key) === value),
    )
    .sort((a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : a.start - b.start || a.end - b.end || (a.coder < b.coder ? -1 : 1)));
}

/** The passage as one line of text. */
export function flatQuote(quote: string): string {
  return quote.replace(/\s+/g, ' ').trim();
}

/** A quotation ready to paste: “…” (Respondent A, interview 1). */
export function citeQuotation(study: Study, coding: Coding): string {
  return `“${flatQuote(coding.quote)}” (${study.sourceLabel(coding.doc)})`;
}

/** Fills `{0}`, `{1}`, … in a message; what the report uses when no `t` is given. */
export function formatMessage(message: string, ...args: Array<string | number>): string {
  return message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

export interface ReportOptions extends QuotationQuery {
  /** ISO date-time printed in the report. */
  readonly generated?: string;
  /** Fills a template with `{0}` placeholders, given in the display language (default: {@link formatMessage}). */
  readonly t?: (message: string, ...args: Array<string | number>) => string;
}

/** Study text (names, quotes, memos) shown as text in Markdown: no markup, links or HTML of its own. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

function blockquote(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => (line.trim() ? `> ${escapeMarkdown(line)}` : '>'))
    .join('\n');
}

/**
 * A Markdown report of a code's quotations: definition, then the quotations grouped by case and
 * source, each with its transcript, coder, other codes and memo. Orphaned codings (./counting) are
 * left out, with a note: their text is not known.
 */
export function quotationsReport(study: Study, code: string, listed: readonly Coding[], options: ReportOptions = {}): string {
  const t = options.t ?? formatMessage;
  const quotations = listed.filter((q) => isCounted(study, q));
  const uncounted = listed.length - quotations.length;
  const c = study.code(code);
  const title = escapeMarkdown(study.pathLabel(code) || code);
  const docs = new Set(quotations.map((q) => q.doc));
  const lines: string[] = [`# ${t(l10n.t('Quotations: {0}'), title)}`, ''];
  const coderName =
    options.coder === undefined ? undefined : (study.project.coders.find((x) => x.id === options.coder)?.name ?? options.coder);
  const filter = [
    ...Object.entries(options.attributes ?? {}).map(([k, v]) => `${k} = ${v}`),
    ...(coderName !== undefined ? [`coder = ${escapeMarkdown(coderName)}`] : []),
  ].join(', ');
  const facts = [
    t(l10n.t('Study “{0}”'), escapeMarkdown(study.name)),
    `${quotations.length === 1 ? t(l10n.t('1 quotation')) : t(l10n.t('{0} quotations'), quotations.length)} ${docs.size === 1 ? t(l10n.t('from 1 transcript')) : t(l10n.t('from {0} transcripts'), docs.size)}`,
    options.subtree ? t(l10n.t('including subcodes')) : undefined,
    filter ? t(l10n.t('filter: {0}'), filter) : undefined,
    options.generated ? t(l10n.t('generated {0}'), options.generated.slice(0, 10)) : undefined,
  ].filter(Boolean);
  lines.push(`*${facts.join(' · ')}*`, '');
  if (uncounted > 0) {
    const note =
      uncounted === 1
        ? t(l10n.t('1 orphaned coding (text changed or transcript missing) is not counted.'))
        : t(l10n.t('{0} orphaned codings (text changed or transcript missing) are not counted.'), uncounted);
    lines.push(`*${note}*`, '');
  }
  if (c?.definition) {
    lines.push(`**${t(l10n.t('Definition'))}:** ${escapeMarkdown(c.definition)}`, '');
  }
  const meta = [
    c?.polarity ? t(l10n.t('polarity: {0}'), c.polarity) : undefined,
    c?.origin ? t(l10n.t('origin: {0}'), c.origin) : undefined,
  ].filter(Boolean);
  const factors = c ? study.factorsOf(code).map((f) => escapeMarkdown(study.factor(f)?.factor.name ?? f)) : [];
  if (factors.length) {
    meta.push(t(l10n.t('literature factors: {0}'), factors.join('; ')));
  }
  if (meta.length) {
    lines.push(meta.join(' · '), '');
  }
  // Group by case (in the study's case order), then by transcript.
  const caseOrder = study.cases();
  const byCase = new Map<string, Coding[]>();
  for (const q of quotations) {
    const k = study.caseOf(q.doc) ?? '';
    const list = byCase.get(k);
    if (list) {
      list.push(q);
    } else {
      byCase.set(k, [q]);
    }
  }
  const caseKeys = [...byCase.keys()].sort((a, b) => rank(caseOrder, a) - rank(caseOrder, b) || a.localeCompare(b));
  const caseInfo = new Map(study.project.cases.map((x) => [x.id, x]));
  for (const k of caseKeys) {
    const name = caseInfo.get(k)?.name;
    lines.push(`## ${k ? t(l10n.t('Case {0}'), escapeMarkdown(name && name !== k ? `${k} — ${name}` : k)) : t(l10n.t('No case'))}`, '');
    let lastDoc = '';
    for (const q of byCase.get(k)!) {
      if (q.doc !== lastDoc) {
        lastDoc = q.doc;
        lines.push(`### ${escapeMarkdown(study.sourceLabel(q.doc))}`, '', `\`${q.doc.replace(/`/g, "'")}\``, '');
      }
      lines.push(blockquote(q.quote), '');
      const others = q.codes.filter((x) => x !== code).map((x) => escapeMarkdown(study.code(x)?.name ?? x));
      const tail = [
        `— ${escapeMarkdown(study.sourceLabel(q.doc))}`,
        escapeMarkdown(q.coder),
        others.length ? t(l10n.t('also: {0}'), others.join(', ')) : undefined,
      ].filter(Boolean);
      lines.push(tail.join(' · '), '');
      if (q.memo) {
        lines.push(`*${t(l10n.t('Memo'))}:* ${escapeMarkdown(q.memo.replace(/\s*\n\s*/g, ' '))}`, '');
      }
    }
  }
  if (quotations.length === 0) {
    lines.push(`*${t(l10n.t('No quotations.'))}*`, '');
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}

function rank(order: readonly string[], value: string): number {
  const i = order.indexOf(value);
  return i < 0 ? order.length : i;
}

/** A file name for a report about `name`: letters, digits, dashes; accents dropped. */
export function reportFileName(name: string, prefix = 'quotations'): string {
  const slug = foldText(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${prefix}-${slug || 'code'}.md`;
}

/**
 * Where reports go inside the study: `reports/`, unless that folder is searched for transcripts
 * (a report there would become a transcript), then `.codeboom/reports/`.
 */
export function reportFolder(project: Pick<ProjectData, 'transcriptFolders'>): string {
  const covered = project.transcriptFolders.some((f) => {
    const folder = f.replace(/^\.\/?/, '').replace(/\/+$/, '');
    return folder === '' || folder === 'reports';
  });
  return covered ? '.codeboom/reports' : 'reports';
}

export interface DocumentGroup {
  /** The attribute's value; undefined for transcripts without it. */
  readonly value: string | undefined;
  readonly documents: TranscriptDocument[];
}

/** Transcripts grouped by an attribute's value (declared cases first for the case key, then natural order). */
export function groupDocuments(study: Study, key: string): DocumentGroup[] {
  const groups = new Map<string | undefined, TranscriptDocument[]>();
  for (const d of study.documents) {
    const v = study.attribute(d.path, key);
    const list = groups.get(v);
    if (list) {
      list.push(d);
    } else {
      groups.set(v, [d]);
    }
  }
  const order = key === study.project.attributeKeys.case ? study.cases() : [];
  const values = [...groups.keys()].sort((a, b) => {
    if (a === undefined || b === undefined) {
      return a === b ? 0 : a === undefined ? 1 : -1;
    }
    return rank(order, a) - rank(order, b) || a.localeCompare(b, undefined, { numeric: true });
  });
  return values.map((value) => ({ value, documents: groups.get(value)! }));
}

/** Values an attribute takes across the transcripts, in natural order. */
export function attributeValues(study: Study, key: string): string[] {
  return groupDocuments(study, key)
    .map((g) => g.value)
    .filter((v): v is string => v !== undefined);
}
