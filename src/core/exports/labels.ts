/**
 * The words exports print. The core has no translation service: the extension passes its own
 * (localised) labels, a CLI or a test uses these English defaults.
 */
import type { Origin, Polarity } from '../model';
import type { ColumnKind, Measure } from '../matrix';
import { UNCOUNTED_NOTE } from '../counting';

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
};
