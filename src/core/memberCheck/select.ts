/**
 * Which transcripts a member check holds (one respondent's, or one transcript) and its input, read
 * from a study: the same for the extension, the CLI and the tests.
 */
import * as l10n from '@vscode/l10n';
import type { Study } from '../study';
import type { PseudonymList } from '../pseudonyms';
import { StudyError } from '../study';
import type { MemberCheckInput } from './document';

export type MemberCheckTarget = { readonly respondent: string } | { readonly transcript: string };

export interface MemberCheckSource {
  readonly study: Study;
  /** The current text of a transcript. */
  text(doc: string): string | undefined;
  /** The memo of a transcript (`.codeboom/memos/<transcript>`), if any. */
  memo(doc: string): string | undefined;
}

/** The transcripts of the target, in the study's order; refuses an unknown respondent or transcript. */
export function memberCheckDocs(study: Study, target: MemberCheckTarget): string[] {
  if ('transcript' in target) {
    if (!study.document(target.transcript)) {
      throw new StudyError(l10n.t('There is no transcript {0} in this study.'), target.transcript);
    }
    return [target.transcript];
  }
  const docs = study.documents.map((d) => d.path).filter((p) => study.respondentOf(p) === target.respondent);
  if (docs.length === 0) {
    throw new StudyError(l10n.t('No transcript of this study has respondent {0}.'), target.respondent);
  }
  return docs;
}

export function memberCheckInput(
  source: MemberCheckSource,
  target: MemberCheckTarget,
  list: PseudonymList | undefined,
  onlyCodes?: ReadonlySet<string>,
): MemberCheckInput {
  const { study } = source;
  const docs = memberCheckDocs(study, target);
  const who = 'respondent' in target ? target.respondent : study.sourceLabel(target.transcript);
  return {
    title: l10n.t('Member check: {0}', who),
    codes: study.codes,
    onlyCodes,
    list,
    transcripts: docs.flatMap((doc) => {
      const text = source.text(doc);
      return text === undefined
        ? []
        : [{ path: doc, label: study.sourceLabel(doc), text, codings: study.codingsOf(doc), memo: source.memo(doc) }];
    }),
  };
}

/**
 * The codes a member check shows, from ids or names (each with the codes under it); undefined for
 * all. Refuses a code the study does not have.
 */
export function memberCheckCodes(study: Study, given: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (!given || given.length === 0) {
    return undefined;
  }
  const out = new Set<string>();
  for (const g of given) {
    const code = study.code(g) ?? study.codes.find((c) => c.name.toLowerCase() === g.toLowerCase());
    if (!code) {
      throw new StudyError(l10n.t('There is no code {0} in this study.'), g);
    }
    for (const id of study.subtree(code.id)) {
      out.add(id);
    }
  }
  return out;
}
