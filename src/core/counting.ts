/**
 * The counting rule, in one place: a coding counts in the analysis numbers — the code tree's
 * counts, the matrix, factor coverage and synthesis, literature-factor evidence, the codebook and
 * quotation exports, agreement, saturation, the transcripts view and the status bar — only when its
 * text is known: it is not orphaned, and its transcript is in the study (not missing). The others
 * are kept and listed ("Show Orphaned Codings"), and shown beside the numbers, never in them:
 * "12 (+2 orphaned)".
 */
import type { Coding } from './model';
import type { Study } from './study';

/** Whether a coding counts in analysis numbers (see the module comment). */
export function isCounted(study: Pick<Study, 'document'>, c: Coding): boolean {
  return !c.orphaned && study.document(c.doc) !== undefined;
}

/** How many of the codings do not count: orphaned, or of a missing transcript. */
export function uncountedOf(study: Pick<Study, 'document'>, codings: Iterable<Coding>): number {
  let n = 0;
  for (const c of codings) {
    if (!isCounted(study, c)) {
      n++;
    }
  }
  return n;
}

/** The note printed where a number leaves codings out (exports, the matrix panel); `{0}`: how many (two or more, or none). */
export const UNCOUNTED_NOTE = '{0} orphaned codings (text changed or transcript missing) are not counted.';
/** The same note for exactly one coding. */
export const UNCOUNTED_NOTE_ONE = '1 orphaned coding (text changed or transcript missing) is not counted.';
