/**
 * Counted nouns for people: "1 transcript", "2 transcripts" (Dutch "1 transcript", "2 transcripten"),
 * never "1 transcripts" or "transcript(s)". Each form is its own string, chosen by the number, so
 * every language translates both. A sentence with counts takes these as its arguments:
 * `l10n.t('Codeboom: {0} and {1}.', counted(n, 'transcript'), counted(m, 'code'))`.
 */
import * as l10n from '@vscode/l10n';

export type Noun =
  | 'transcript'
  | 'coding'
  | 'code'
  | 'case'
  | 'respondent'
  | 'coder'
  | 'quotation'
  | 'passage'
  | 'problem'
  | 'file'
  | 'subcode'
  | 'row'
  | 'turn'
  | 'factor';

export const NOUNS: readonly Noun[] = [
  'transcript',
  'coding',
  'code',
  'case',
  'respondent',
  'coder',
  'quotation',
  'passage',
  'problem',
  'file',
  'subcode',
  'row',
  'turn',
  'factor',
];

/** The number with its noun in the right form. */
export function counted(n: number, noun: Noun): string {
  const one = n === 1;
  switch (noun) {
    case 'transcript':
      return one ? l10n.t('1 transcript') : l10n.t('{0} transcripts', n);
    case 'coding':
      return one ? l10n.t('1 coding') : l10n.t('{0} codings', n);
    case 'code':
      return one ? l10n.t('1 code') : l10n.t('{0} codes', n);
    case 'case':
      return one ? l10n.t('1 case') : l10n.t('{0} cases', n);
    case 'respondent':
      return one ? l10n.t('1 respondent') : l10n.t('{0} respondents', n);
    case 'coder':
      return one ? l10n.t('1 coder') : l10n.t('{0} coders', n);
    case 'quotation':
      return one ? l10n.t('1 quotation') : l10n.t('{0} quotations', n);
    case 'passage':
      return one ? l10n.t('1 passage') : l10n.t('{0} passages', n);
    case 'problem':
      return one ? l10n.t('1 problem') : l10n.t('{0} problems', n);
    case 'file':
      return one ? l10n.t('1 file') : l10n.t('{0} files', n);
    case 'subcode':
      return one ? l10n.t('1 subcode') : l10n.t('{0} subcodes', n);
    case 'row':
      return one ? l10n.t('1 row') : l10n.t('{0} rows', n);
    case 'turn':
      return one ? l10n.t('1 turn') : l10n.t('{0} turns', n);
    case 'factor':
      return one ? l10n.t('1 factor') : l10n.t('{0} factors', n);
  }
}

/** The note under a table or list: how many orphaned codings are left out of the numbers. */
export function uncountedSentence(n: number): string {
  return n === 1
    ? l10n.t('1 orphaned coding (text changed or transcript missing) is not counted.')
    : l10n.t('{0} orphaned codings (text changed or transcript missing) are not counted.', n);
}

/** For the English-only texts (the CLI's lines, the REFI-QDA import and export warnings): "1 code shares", "2 codes share". */
export function en(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}
