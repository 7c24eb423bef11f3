/**
 * The words exports print, translated where they are made ({@link exportLabels}); the English
 * {@link DEFAULT_LABELS} are what tests and the CLI's option words compare with.
 */
import * as l10n from '@vscode/l10n';
import type { Origin, Polarity } from '../model';
import type { ColumnKind, Measure } from '../matrix';
import { UNCOUNTED_NOTE, UNCOUNTED_NOTE_ONE } from '../counting';

export interface ExportLabels {
  readonly code: string;
  readonly total: string;
  readonly noValue: string;
  readonly measures: Readonly<Record<Measure, string>>;
  readonly columnKinds: Readonly<Record<ColumnKind, string>>;
  readonly polarities: Readonly<Record<Polarity, string>>;
  readonly origins: Readonly<Record<Origin, string>>;
  readonly matrix: string;
  readonly rows: string;
  readonly columns: string;
  readonly measure: string;
  readonly filters: string;
  // factor coverage
  readonly coverage: string;
  readonly literatureFactor: string;
  readonly category: string;
  readonly authors: string;
  readonly linkedCodes: string;
  readonly respondents: string;
  readonly noEvidence: string;
  readonly unlinkedCodes: string;
  // synthesis (thesis 000 §5.2)
  readonly synthesis: string;
  readonly empiricalFactor: string;
  readonly empiricalPattern: string;
  readonly factorOrigin: string;
  readonly analysis: string;
  readonly newPattern: string;
  readonly polarity: string;
  // respondent table (thesis 000 §3.3)
  readonly respondentTable: string;
  readonly respondent: string;
  readonly functionAndOrganisation: string;
  readonly functionType: string;
  readonly network: string;
  readonly interviews: string;
  // codebook report (thesis 000 Bijlage B, with its hierarchy)
  readonly codebook: string;
  readonly file: string;
  readonly editedBy: string;
  readonly dateTime: string;
  readonly definition: string;
  readonly origin: string;
  readonly aliases: string;
  readonly linkedFactors: string;
  readonly memo: string;
  readonly codings: string;
  readonly transcripts: string;
  readonly overview: string;
  // Gioia data structure (thesis 004 fig. 7)
  readonly gioia: string;
  readonly firstOrder: string;
  readonly secondOrder: string;
  readonly aggregateDimension: string;
  /** The note beside numbers that leave codings out (./counting); `{0}`: how many. */
  readonly uncounted: string;
  /** The same note for exactly one coding. */
  readonly uncountedOne: string;
}

export const DEFAULT_LABELS: ExportLabels = {
  code: 'Code',
  total: 'Total',
  noValue: '(no value)',
  measures: {
    codings: 'Codings',
    transcripts: 'Transcripts',
    respondents: 'Respondents',
    rowPercent: 'Row %',
    columnPercent: 'Column %',
  },
  columnKinds: {
    case: 'Cases',
    respondent: 'Respondents',
    transcript: 'Transcripts',
    attribute: 'Attribute',
    factor: 'Literature factors',
    code: 'Codes (co-occurrence)',
  },
  polarities: { belemmerend: 'hindering', stimulerend: 'stimulating', neutral: 'neutral' },
  origins: { literature: 'literature', empirical: 'empirical', 'in-vivo': 'in vivo' },
  matrix: 'Matrix',
  rows: 'Rows',
  columns: 'Columns',
  measure: 'Measure',
  filters: 'Filters',
  coverage: 'Factor coverage',
  literatureFactor: 'Literature factor',
  category: 'Category',
  authors: 'Authors',
  linkedCodes: 'Linked codes',
  respondents: 'Respondents',
  noEvidence: 'no evidence',
  unlinkedCodes: 'Codes linked to no literature factor',
  synthesis: 'Synthesis',
  empiricalFactor: 'Empirical factor',
  empiricalPattern: 'Empirical pattern',
  factorOrigin: 'Origin of the factor',
  analysis: 'Analysis',
  newPattern: 'new',
  polarity: 'Polarity',
  respondentTable: 'Respondents',
  respondent: 'Respondent',
  functionAndOrganisation: 'Function and organisation',
  functionType: 'Function type',
  network: 'Network',
  interviews: 'Number of interviews',
  codebook: 'Codebook',
  file: 'File',
  editedBy: 'Edited by',
  dateTime: 'Date/Time',
  definition: 'Definition',
  origin: 'Origin',
  aliases: 'Aliases',
  linkedFactors: 'Linked literature factors',
  memo: 'Memo',
  codings: 'Codings',
  transcripts: 'Transcripts',
  overview: 'Overview',
  gioia: 'Data structure',
  firstOrder: '1st-order concepts',
  secondOrder: '2nd-order themes',
  aggregateDimension: 'Aggregate dimensions',
  uncounted: UNCOUNTED_NOTE,
  uncountedOne: UNCOUNTED_NOTE_ONE,
};

/**
 * The labels in a language other than the one the core speaks now (a study's `language`): the
 * English labels looked up in that language's bundle (l10n/bundle.l10n.<lang>.json, whose keys are
 * the English strings that {@link exportLabels} translates); a word the bundle lacks stays English.
 */
export function labelsFromBundle(bundle: Readonly<Record<string, string | { message: string }>>): ExportLabels {
  const tr = (s: string): string => {
    const v = Object.prototype.hasOwnProperty.call(bundle, s) ? bundle[s] : undefined;
    return typeof v === 'string' ? v : (v?.message ?? s);
  };
  const map = (o: object): object =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? tr(v) : map(v as object)]));
  return map(DEFAULT_LABELS) as ExportLabels;
}

/**
 * The labels in the language the core speaks now (@vscode/l10n: VS Code's display language in the
 * extension, `--lang` in the CLI; English when nothing was configured).
 */
export function exportLabels(): ExportLabels {
  return {
    code: l10n.t('Code'),
    total: l10n.t('Total'),
    noValue: l10n.t('(no value)'),
    measures: {
      codings: l10n.t('Codings'),
      transcripts: l10n.t('Transcripts'),
      respondents: l10n.t('Respondents'),
      rowPercent: l10n.t('Row %'),
      columnPercent: l10n.t('Column %'),
    },
    columnKinds: {
      case: l10n.t('Cases'),
      respondent: l10n.t('Respondents'),
      transcript: l10n.t('Transcripts'),
      attribute: l10n.t('Attribute'),
      factor: l10n.t('Literature factors'),
      code: l10n.t('Codes (co-occurrence)'),
    },
    polarities: { belemmerend: l10n.t('hindering'), stimulerend: l10n.t('stimulating'), neutral: l10n.t('neutral') },
    origins: { literature: l10n.t('literature'), empirical: l10n.t('empirical'), 'in-vivo': l10n.t('in vivo') },
    matrix: l10n.t('Matrix'),
    rows: l10n.t('Rows'),
    columns: l10n.t('Columns'),
    measure: l10n.t('Measure'),
    filters: l10n.t('Filters'),
    coverage: l10n.t('Factor coverage'),
    literatureFactor: l10n.t('Literature factor'),
    category: l10n.t('Category'),
    authors: l10n.t('Authors'),
    linkedCodes: l10n.t('Linked codes'),
    respondents: l10n.t('Respondents'),
    noEvidence: l10n.t('no evidence'),
    unlinkedCodes: l10n.t('Codes linked to no literature factor'),
    synthesis: l10n.t('Synthesis'),
    empiricalFactor: l10n.t('Empirical factor'),
    empiricalPattern: l10n.t('Empirical pattern'),
    factorOrigin: l10n.t('Origin of the factor'),
    analysis: l10n.t('Analysis'),
    newPattern: l10n.t('new'),
    polarity: l10n.t('Polarity'),
    respondentTable: l10n.t('Respondents'),
    respondent: l10n.t('Respondent'),
    functionAndOrganisation: l10n.t('Function and organisation'),
    functionType: l10n.t('Function type'),
    network: l10n.t('Network'),
    interviews: l10n.t('Number of interviews'),
    codebook: l10n.t('Codebook'),
    file: l10n.t('File'),
    editedBy: l10n.t('Edited by'),
    dateTime: l10n.t('Date/Time'),
    definition: l10n.t('Definition'),
    origin: l10n.t('Origin'),
    aliases: l10n.t('Aliases'),
    linkedFactors: l10n.t('Linked literature factors'),
    memo: l10n.t('Memo'),
    codings: l10n.t('Codings'),
    transcripts: l10n.t('Transcripts'),
    overview: l10n.t('Overview'),
    gioia: l10n.t('Data structure'),
    firstOrder: l10n.t('1st-order concepts'),
    secondOrder: l10n.t('2nd-order themes'),
    aggregateDimension: l10n.t('Aggregate dimensions'),
    // A template, as `computed` below: the exports fill in the number.
    uncounted: l10n.t('{0} orphaned codings (text changed or transcript missing) are not counted.'),
    uncountedOne: l10n.t('1 orphaned coding (text changed or transcript missing) is not counted.'),
  };
}
