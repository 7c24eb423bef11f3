/**
 * Pseudonymisation as a plan: for every transcript the replacements and the new text, and the
 * study operations that keep every coding on the same words. Nothing is written here; the glue
 * writes the texts and applies the operations as one undoable step.
 *
 * Codings: a start or end after a replacement moves by the length difference of every replacement
 * before it; a replacement inside a coding changes its length. A replacement that straddles a
 * coding's boundary (part of the name inside, part outside) extends the coding over the whole
 * replacement: cutting a pseudonym in two would leave half a real name's place coded, and losing
 * the name from the coding would change what was coded. Quote, prefix and suffix are taken from the
 * new text. Orphaned codings keep their offsets; their quote and context are pseudonymised as text.
 * Coding memos and code definitions and memos are pseudonymised; code names are not (they are the
 * researcher's concepts, not respondents' words).
 */
import { makeAnchor } from '../anchor';
import { append } from '../port';
import type { Code, Coding } from '../model';
import type { CodePatch, CodingPatch, Operation } from '../study/operations';
import { applyMatches, compileList, findTerms, pseudonymiseString, type Matcher, type PseudonymList, type TermMatch } from './list';

export interface TranscriptText {
  /** Path of the transcript, as codings name it (`Coding.doc`). */
  readonly path: string;
  readonly text: string;
}

export interface Replacement {
  /** Offset in the old text (UTF-16 code units). */
  readonly offset: number;
  readonly length: number;
  readonly old: string;
  readonly new: string;
}

export interface TranscriptPlan {
  readonly path: string;
  /** In text order, without overlaps. */
  readonly replacements: readonly Replacement[];
  readonly text: string;
}

export interface PseudonymisationPlan {
  /** Only transcripts with at least one replacement. */
  readonly transcripts: readonly TranscriptPlan[];
  /** `updateCoding` for moved or rewritten codings, `updateCode` for codebook text. */
  readonly operations: readonly Operation[];
}

/** What the plan reads of a study (a `Study` fits). */
export interface PseudonymSource {
  readonly codes: readonly Code[];
  codingsOf(doc: string): readonly Coding[];
}

/** Where an old offset lands in the new text; `side` says which way a straddled replacement pulls it. */
export function mapOffset(pos: number, replacements: readonly Replacement[], side: 'start' | 'end'): number {
  let delta = 0;
  for (const r of replacements) {
    const rEnd = r.offset + r.length;
    if (rEnd <= pos) {
      delta += r.new.length - r.length;
    } else if (r.offset < pos && pos < rEnd) {
      return side === 'start' ? r.offset + delta : r.offset + delta + r.new.length;
    } else if (r.offset >= pos) {
      break;
    }
  }
  return pos + delta;
}

function planCoding(
  coding: Coding,
  newText: string,
  replacements: readonly Replacement[],
  matchers: readonly Matcher[],
): CodingPatch | undefined {
  const patch: { -readonly [K in keyof CodingPatch]: CodingPatch[K] } = {};
  if (coding.memo !== undefined) {
    const memo = pseudonymiseString(coding.memo, matchers);
    if (memo !== coding.memo) {
      patch.memo = memo;
    }
  }
  if (coding.orphaned) {
    for (const key of ['quote', 'prefix', 'suffix'] as const) {
      const value = pseudonymiseString(coding[key], matchers);
      if (value !== coding[key]) {
        patch[key] = value;
      }
    }
  } else if (replacements.length > 0) {
    const start = mapOffset(coding.start, replacements, 'start');
    const end = Math.max(start, mapOffset(coding.end, replacements, 'end'));
    const anchor = makeAnchor(newText, start, end);
    for (const key of ['start', 'end', 'quote', 'prefix', 'suffix'] as const) {
      if (anchor[key] !== coding[key]) {
        (patch as Record<string, unknown>)[key] = anchor[key];
      }
    }
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}

function planCodebook(codes: readonly Code[], matchers: readonly Matcher[]): Operation[] {
  const ops: Operation[] = [];
  for (const code of codes) {
    const patch: { definition?: string; memo?: string } = {};
    for (const key of ['definition', 'memo'] as const) {
      const value = code[key];
      if (value !== undefined) {
        const next = pseudonymiseString(value, matchers);
        if (next !== value) {
          patch[key] = next;
        }
      }
    }
    if (Object.keys(patch).length > 0) {
      ops.push({ kind: 'updateCode', id: code.id, patch: patch as CodePatch });
    }
  }
  return ops;
}

function toReplacements(matches: readonly TermMatch[]): Replacement[] {
  return matches.map((m) => ({ offset: m.start, length: m.end - m.start, old: m.old, new: m.replacement }));
}

/**
 * `keep`: which occurrences in transcripts to replace (the preview's unticked ones are not); all when
 * undefined. Quotes, memos and codebook text follow the transcripts' new text or are pseudonymised whole.
 */
export function planPseudonymisation(
  study: PseudonymSource,
  texts: readonly TranscriptText[],
  list: PseudonymList,
  keep?: (path: string, offset: number) => boolean,
): PseudonymisationPlan {
  const matchers = compileList(list);
  const transcripts: TranscriptPlan[] = [];
  const operations: Operation[] = [];
  for (const { path, text } of texts) {
    const matches = findTerms(text, matchers).filter((m) => !keep || keep(path, m.start));
    const replacements = toReplacements(matches);
    const newText = applyMatches(text, matches);
    if (replacements.length > 0) {
      transcripts.push({ path, replacements, text: newText });
    }
    for (const coding of study.codingsOf(path)) {
      const patch = planCoding(coding, newText, replacements, matchers);
      if (patch) {
        operations.push({ kind: 'updateCoding', id: coding.id, patch });
      }
    }
  }
  append(operations, planCodebook(study.codes, matchers));
  return { transcripts, operations };
}

export interface PseudonymLeft {
  /** The transcript path, or whatever name the caller gave the text (a memo, an export). */
  readonly path: string;
  readonly offset: number;
  readonly text: string;
  readonly term: string;
}

/** Every occurrence of a listed term (or a variant or possessive form) still in the texts. */
export function checkPseudonyms(list: PseudonymList, texts: readonly TranscriptText[]): PseudonymLeft[] {
  const matchers = compileList(list);
  const left: PseudonymLeft[] = [];
  for (const { path, text } of texts) {
    for (const m of findTerms(text, matchers)) {
      left.push({ path, offset: m.start, text: m.old, term: m.term });
    }
  }
  return left;
}
