/**
 * Intercoder agreement between two coders on the transcripts both coded, per code and overall.
 *
 * Units are characters of the transcript body (as MAXQDA's and ATLAS.ti's character-based checks
 * do), counted as VS Code counts them (UTF-16 code units): for a code, every character is 1 for a
 * coder when one of their counted codings with that code covers it, else 0. Codings are clipped to
 * the body, so the front matter is in neither the cross-tables nor the totals. The coefficients are
 * in ./intercoder/alpha.ts; a code nobody applied to counted text is undefined, listed with the
 * reason, and never counted in an overall figure. The overall figure pools the tables of the defined
 * codes (codes weigh by how much text they cover); the unweighted mean over codes is given beside it.
 * Every transcript is listed with whether it is included and why.
 */
import type { Coding } from './model';
import type { Study } from './study';
import { isCounted } from './counting';
import type { AgreementFigures, MeanFigures, Table2x2 } from './intercoder/alpha';
import { figures, isDefined, meanOf, pool } from './intercoder/alpha';
import { intersect, length, spansOf, subtract } from './intercoder/spans';
import type { FamilyReport } from './intercoder/family';
import { alphaFamily } from './intercoder/family';
import type { SegmentAgreement } from './intercoder/segments';
import { segmentAgreement } from './intercoder/segments';

export type { AgreementFigures, MeanFigures, Table2x2, UndefinedReason } from './intercoder/alpha';
export { alphaNominal, figures, isDefined } from './intercoder/alpha';
export { agreementMarkdown, methodsParagraph } from './intercoder/markdown';

export interface Disagreement {
  readonly doc: string;
  readonly code: string;
  readonly start: number;
  readonly end: number;
  /** Who coded this stretch with the code. */
  readonly coder: string;
  readonly text: string;
  /** The line (1-based) the passage starts on. */
  readonly line: number;
}

/** One included transcript: the pair's figures pooled over the codes defined overall, and how many passages differ. */
export interface TranscriptAgreement {
  readonly doc: string;
  readonly figures: AgreementFigures;
  /** Disagreeing passages listed (those with text). */
  readonly passages: number;
}

/** The line (1-based) of an offset in a text, found by binary search over the text's newlines (indexed once). */
export function lineIndex(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    breaks.push(i);
  }
  return (offset) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo + 1;
  };
}

/** The line (1-based) of an offset in a text. */
export function lineAt(text: string, offset: number): number {
  return lineIndex(text)(offset);
}

/** One coder in one transcript. */
export interface CoderInTranscript {
  readonly coder: string;
  /** Counted codings that reach into the body. */
  readonly codings: number;
  /** Codings left out: orphaned (their text was edited away). */
  readonly orphaned: number;
  /** Codings wholly in the front matter (left out: not part of the body). */
  readonly frontMatter: number;
  /** How far the coder got: the end of their last counted coding, as a share of the body (0–1). */
  readonly codedTo: number;
}

export type InclusionReason = 'coded-by-both' | 'not-coded-by-a' | 'not-coded-by-b' | 'coded-by-neither' | 'not-chosen';

export interface TranscriptInclusion {
  readonly doc: string;
  readonly included: boolean;
  readonly reason: InclusionReason;
  readonly coders: readonly CoderInTranscript[];
}

export interface AgreementReport {
  readonly coderA: string;
  readonly coderB: string;
  /** The transcripts included: coded by both (and chosen). */
  readonly docs: readonly string[];
  /** Every transcript of the study, included or not, with the reason. */
  readonly transcripts: readonly TranscriptInclusion[];
  /** Orphaned codings left out of the included transcripts, per coder. */
  readonly orphaned: ReadonlyArray<{ readonly coder: string; readonly count: number }>;
  readonly perCode: ReadonlyArray<{ readonly code: string; readonly figures: AgreementFigures }>;
  /** Pooled over the defined codes' code × character decisions. */
  readonly overall: AgreementFigures;
  /** The unweighted mean over the defined codes. */
  readonly mean: MeanFigures;
  readonly disagreements: readonly Disagreement[];
  /** Per included transcript, in the order of the study. */
  readonly perDoc: readonly TranscriptAgreement[];
  /** Whether a parent's row counts its subcodes' codings too. */
  readonly rollUp: boolean;
  /** The method reported first and in the methods paragraph. */
  readonly method: AgreementMethod;
  /** Krippendorff's family for the two coders: per domain, per transcript. */
  readonly family: FamilyReport;
  /** Segment-based agreement (MAXQDA-style), at the chosen overlap. */
  readonly segments: SegmentAgreement;
}

/** What is tested: the transcripts and codes chosen (default: all). */
export interface AgreementChoice {
  readonly docs?: readonly string[];
  readonly codes?: readonly string[];
  /** The semantic domains (codes whose subtree is a domain; default the top-level codes). */
  readonly domains?: readonly string[];
  /** A parent's row counts its subcodes' codings too (default: only its own). */
  readonly rollUp?: boolean;
  /** Segment-based agreement: the overlap a match needs, 0–1 (default 0.9). */
  readonly overlap?: number;
  /** The method reported first (and in the methods paragraph): character-based (default) or segment-based. */
  readonly method?: AgreementMethod;
}

export type AgreementMethod = 'characters' | 'segments';

/** One coder in one transcript: counted codings in the body, orphaned, front matter only, how far. */
export function coderInTranscript(study: Study, doc: string, coder: string): CoderInTranscript {
  const d = study.document(doc);
  const from = d?.bodyStart ?? 0;
  const to = d?.length ?? 0;
  let codings = 0;
  let orphaned = 0;
  let frontMatter = 0;
  let last = from;
  for (const c of study.codingsOf(doc)) {
    if (c.coder !== coder) {
      continue;
    }
    if (!isCounted(study, c)) {
      orphaned++;
    } else if (Math.min(c.end, to) <= from) {
      frontMatter++;
    } else {
      codings++;
      last = Math.max(last, Math.min(c.end, to));
    }
  }
  const body = to - from;
  return { coder, codings, orphaned, frontMatter, codedTo: body > 0 ? (last - from) / body : 0 };
}

/** Every transcript of the study for a pair of coders: included (coded by both, and chosen) or why not. */
export function transcriptInclusion(study: Study, coderA: string, coderB: string, chosen?: readonly string[]): TranscriptInclusion[] {
  const wanted = chosen ? new Set(chosen) : undefined;
  return study.documents.map((d) => {
    const coders = [coderInTranscript(study, d.path, coderA), coderInTranscript(study, d.path, coderB)];
    const [a, b] = coders.map((c) => c.codings > 0);
    const reason: InclusionReason =
      wanted && !wanted.has(d.path)
        ? 'not-chosen'
        : a && b
          ? 'coded-by-both'
          : a
            ? 'not-coded-by-b'
            : b
              ? 'not-coded-by-a'
              : 'coded-by-neither';
    return { doc: d.path, included: reason === 'coded-by-both', reason, coders };
  });
}

/** Transcripts coded by both coders (counted codings in the body). */
export function sharedDocuments(study: Study, coderA: string, coderB: string): string[] {
  return transcriptInclusion(study, coderA, coderB)
    .filter((t) => t.included)
    .map((t) => t.doc);
}

/** Pairs of coders that coded at least one transcript in common. */
export function coderPairs(study: Study): Array<[string, string]> {
  const coders = study.coders();
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < coders.length; i++) {
    for (let j = i + 1; j < coders.length; j++) {
      if (sharedDocuments(study, coders[i], coders[j]).length > 0) {
        pairs.push([coders[i], coders[j]]);
      }
    }
  }
  return pairs;
}

/** The codes to report: those any coding (counted or not) of the two coders in the included transcripts carries. */
function codesOf(study: Study, docs: readonly string[], coders: readonly string[], choice: AgreementChoice): string[] {
  const chosen = choice.codes;
  const codes = new Set<string>();
  for (const doc of docs) {
    for (const c of study.codingsOf(doc)) {
      if (coders.includes(c.coder)) {
        // rolled up, a parent has a row when any code below it was applied
        c.codes.forEach((id) => (choice.rollUp ? study.pathOf(id).forEach((p) => codes.add(p.id)) : codes.add(id)));
      }
    }
  }
  const wanted = chosen ? new Set(chosen) : undefined;
  return study.codes.map((c) => c.id).filter((id) => codes.has(id) && (!wanted || wanted.has(id)));
}

export function agreement(
  study: Study,
  coderA: string,
  coderB: string,
  text: (doc: string) => string | undefined,
  choice: AgreementChoice = {},
): AgreementReport {
  const transcripts = transcriptInclusion(study, coderA, coderB, choice.docs);
  const docs = transcripts.filter((t) => t.included).map((t) => t.doc);
  const orphaned = [coderA, coderB].map((coder, i) => ({
    coder,
    count: transcripts.filter((t) => t.included).reduce((s, t) => s + t.coders[i].orphaned, 0),
  }));
  const perCode: Array<{ code: string; figures: AgreementFigures }> = [];
  const disagreements: Disagreement[] = [];
  const counted = new Map<string, { a: Coding[]; b: Coding[] }>();
  for (const doc of docs) {
    const list = study.codingsOf(doc).filter((c) => isCounted(study, c));
    counted.set(doc, { a: list.filter((c) => c.coder === coderA), b: list.filter((c) => c.coder === coderB) });
  }
  const perDocTables = new Map<string, Map<string, Table2x2>>(docs.map((d) => [d, new Map()]));
  // each transcript's text and its line index, once
  const sources = new Map(
    docs.map((d) => {
      const source = text(d) ?? '';
      return [d, { source, lineOf: lineIndex(source) }];
    }),
  );
  for (const code of codesOf(study, docs, [coderA, coderB], choice)) {
    const t = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
    const which = choice.rollUp ? new Set(study.subtree(code)) : code;
    for (const doc of docs) {
      const d = study.document(doc)!;
      const { a: listA, b: listB } = counted.get(doc)!;
      const a = spansOf(listA, which, d.bodyStart, d.length);
      const b = spansOf(listB, which, d.bodyStart, d.length);
      const both = length(intersect(a, b));
      const onlyA = subtract(a, b);
      const onlyB = subtract(b, a);
      t.both += both;
      t.onlyA += length(onlyA);
      t.onlyB += length(onlyB);
      const neither = Math.max(0, d.length - d.bodyStart - both - length(onlyA) - length(onlyB));
      t.neither += neither;
      perDocTables.get(doc)!.set(code, { both, onlyA: length(onlyA), onlyB: length(onlyB), neither });
      const { source, lineOf } = sources.get(doc)!;
      for (const [s, e] of onlyA) {
        disagreements.push({ doc, code, start: s, end: e, coder: coderA, text: source.slice(s, e), line: lineOf(s) });
      }
      for (const [s, e] of onlyB) {
        disagreements.push({ doc, code, start: s, end: e, coder: coderB, text: source.slice(s, e), line: lineOf(s) });
      }
    }
    perCode.push({ code, figures: figures(t) });
  }
  disagreements.sort((x, y) => (x.doc < y.doc ? -1 : x.doc > y.doc ? 1 : x.start - y.start));
  const defined = perCode.map((p) => p.figures).filter(isDefined);
  const definedCodes = perCode.filter((p) => isDefined(p.figures)).map((p) => p.code);
  const perDoc = docs.map((doc) => {
    const tables = perDocTables.get(doc)!;
    return {
      doc,
      figures: figures(pool(definedCodes.map((c) => tables.get(c)!))),
      passages: disagreements.filter((x) => x.doc === doc && x.text.trim().length > 0).length,
    };
  });
  return {
    coderA,
    coderB,
    docs,
    transcripts,
    orphaned,
    perCode,
    overall: figures(pool(defined)),
    mean: meanOf(defined),
    disagreements,
    perDoc,
    rollUp: choice.rollUp === true,
    method: choice.method ?? 'characters',
    family: alphaFamily(study, { coders: [coderA, coderB], docs, codes: choice.codes, domains: choice.domains, rollUp: choice.rollUp }),
    segments: segmentAgreement(
      study,
      coderA,
      coderB,
      docs,
      perCode.map((p) => p.code),
      choice.overlap,
    ),
  };
}
