/**
 * The member-check document: one respondent's transcripts (or one transcript) as the respondent
 * reads them, with the researcher's codes beside the coded passages (as the coding margin shows
 * them), the codes' definitions and the researcher's questions (the transcript memo). Pure: the
 * .docx writer (src/platform/docxWriter.ts) and the HTML page (./html) render this model.
 *
 * The text is the transcript's body (front matter left out), one paragraph per block between blank
 * lines, a single line break kept inside a paragraph, `**bold**` (speaker labels) as bold runs.
 * Each coding becomes a comment: a range over its passage, the code names as its text. Pseudonymised
 * (text, codings, memos, definitions) when a pseudonym list is given.
 */
import { parseFrontMatter } from '../frontMatter';
import type { Code, Coding } from '../model';
import { compileList, planPseudonymisation, pseudonymiseString, type PseudonymList } from '../pseudonyms';
import type { CodingPatch } from '../study/operations';

export interface McRun {
  readonly text: string;
  readonly bold: boolean;
  /** Offset of the run's first character in the transcript file. */
  readonly source: number;
  /** Comments whose range begins just before this run, and ends just after it. */
  readonly opens: readonly number[];
  readonly closes: readonly number[];
  readonly lineBreakBefore?: boolean;
}

export interface McParagraph {
  readonly runs: readonly McRun[];
  readonly heading?: boolean;
}

export interface McComment {
  readonly id: number;
  /** The code names, in the codebook's order. */
  readonly codes: readonly string[];
  /** The coding's memo, if any. */
  readonly memo?: string;
}

export interface McCodeInfo {
  readonly name: string;
  readonly definition?: string;
}

export interface MemberCheckDocument {
  readonly title: string;
  readonly paragraphs: readonly McParagraph[];
  readonly comments: readonly McComment[];
  /** The codes used, with definitions, in the codebook's order. */
  readonly codes: readonly McCodeInfo[];
  /** The researcher's questions: each transcript's memo, headed by the transcript. */
  readonly memos: ReadonlyArray<{ readonly transcript: string; readonly text: string }>;
  readonly pseudonymised: boolean;
}

export interface MemberCheckTranscript {
  readonly path: string;
  /** The heading shown for it (the study's label of the transcript). */
  readonly label: string;
  readonly text: string;
  readonly codings: readonly Coding[];
  readonly memo?: string;
}

export interface MemberCheckInput {
  readonly title: string;
  readonly transcripts: readonly MemberCheckTranscript[];
  readonly codes: readonly Code[];
  /** Only codings with one of these codes (ids); all when undefined. */
  readonly onlyCodes?: ReadonlySet<string>;
  readonly list?: PseudonymList;
}

interface Piece {
  readonly start: number;
  readonly end: number;
  readonly bold: boolean;
}

/** Bold and plain pieces of a paragraph's source, the `**` markers left out; offsets in the file. */
function piecesOf(text: string, from: number, to: number): Piece[] {
  const pieces: Piece[] = [];
  let bold = false;
  let at = from;
  const source = text.slice(from, to);
  const marker = /\*\*/g;
  for (let m = marker.exec(source); m; m = marker.exec(source)) {
    const pos = from + m.index;
    if (pos > at) {
      pieces.push({ start: at, end: pos, bold });
    }
    bold = !bold;
    at = pos + 2;
  }
  if (to > at) {
    pieces.push({ start: at, end: to, bold: false });
  }
  // An unclosed `**` was literal text after all: nothing is bold then.
  return bold ? [{ start: from, end: to, bold: false }] : pieces;
}

/** The blocks of a body between blank lines: [start, end) in the file, lines inside kept. */
function blocksOf(text: string, bodyStart: number): Array<[number, number]> {
  const blocks: Array<[number, number]> = [];
  const blank = /\r?\n[ \t]*\r?\n(?:[ \t]*\r?\n)*/g;
  blank.lastIndex = bodyStart;
  let at = bodyStart;
  for (let m = blank.exec(text); m; m = blank.exec(text)) {
    blocks.push([at, m.index]);
    at = m.index + m[0].length;
  }
  blocks.push([at, text.length]);
  return blocks
    .map(([s, e]): [number, number] => {
      const lead = /^\s*/.exec(text.slice(s, e))![0].length;
      const trail = /\s*$/.exec(text.slice(s + lead, e))![0].length;
      return [s + lead, e - trail];
    })
    .filter(([s, e]) => e > s);
}

/** The runs of one block: split at line breaks, bold markers and coding boundaries (`cuts`). */
function runsOf(text: string, block: [number, number], cuts: readonly number[]): McRun[] {
  const runs: McRun[] = [];
  const lines: Array<[number, number]> = [];
  const nl = /\r?\n/g;
  nl.lastIndex = block[0];
  let at = block[0];
  for (let m = nl.exec(text); m && m.index < block[1]; m = nl.exec(text)) {
    lines.push([at, m.index]);
    at = m.index + m[0].length;
  }
  lines.push([at, block[1]]);
  lines.forEach(([ls, le], li) => {
    let first = true;
    for (const piece of piecesOf(text, ls, le)) {
      const edges = [piece.start, ...cuts.filter((c) => c > piece.start && c < piece.end), piece.end];
      for (let i = 0; i + 1 < edges.length; i++) {
        const run: McRun = { text: text.slice(edges[i], edges[i + 1]), bold: piece.bold, source: edges[i], opens: [], closes: [] };
        runs.push(first && li > 0 ? { ...run, lineBreakBefore: true } : run);
        first = false;
      }
    }
  });
  return runs;
}

/** Applies a pseudonymisation to one transcript: its text, codings and memo. */
function pseudonymised(t: MemberCheckTranscript, codes: readonly Code[], list: PseudonymList): MemberCheckTranscript {
  const plan = planPseudonymisation({ codes, codingsOf: () => t.codings }, [{ path: t.path, text: t.text }], list);
  const patches = new Map<string, CodingPatch>();
  for (const op of plan.operations) {
    if (op.kind === 'updateCoding') {
      patches.set(op.id, op.patch);
    }
  }
  const matchers = compileList(list);
  return {
    ...t,
    label: pseudonymiseString(t.label, matchers),
    text: plan.transcripts[0]?.text ?? t.text,
    codings: t.codings.map((c) => ({ ...c, ...patches.get(c.id) })),
    memo: t.memo === undefined ? undefined : pseudonymiseString(t.memo, matchers),
  };
}

export function buildMemberCheck(input: MemberCheckInput): MemberCheckDocument {
  const matchers = input.list ? compileList(input.list) : undefined;
  const codeOrder = new Map(input.codes.map((c, i) => [c.id, i]));
  const paragraphs: McParagraph[] = [];
  const comments: McComment[] = [];
  const used = new Set<string>();
  const memos: Array<{ transcript: string; text: string }> = [];
  for (const original of input.transcripts) {
    const t = input.list ? pseudonymised(original, input.codes, input.list) : original;
    paragraphs.push({ heading: true, runs: [{ text: t.label, bold: false, source: -1, opens: [], closes: [] }] });
    if (t.memo?.trim()) {
      memos.push({ transcript: t.label, text: t.memo.trim() });
    }
    const body = addTranscript(t, input, codeOrder, comments, used);
    for (const p of body) {
      paragraphs.push(p);
    }
  }
  const codes = input.codes
    .filter((c) => used.has(c.id))
    .map((c) => {
      const definition = c.definition && matchers ? pseudonymiseString(c.definition, matchers) : c.definition;
      return definition ? { name: c.name, definition } : { name: c.name };
    });
  return {
    title: matchers ? pseudonymiseString(input.title, matchers) : input.title,
    paragraphs,
    comments,
    codes,
    memos,
    pseudonymised: input.list !== undefined,
  };
}

function addTranscript(
  t: MemberCheckTranscript,
  input: MemberCheckInput,
  codeOrder: Map<string, number>,
  comments: McComment[],
  used: Set<string>,
): McParagraph[] {
  const matchers = input.list ? compileList(input.list) : undefined;
  const bodyStart = parseFrontMatter(t.text).bodyStart;
  const name = (id: string) => input.codes[codeOrder.get(id) ?? -1]?.name ?? id;
  const codings = t.codings
    .map((c) => ({ c, codes: c.codes.filter((id) => codeOrder.has(id) && (!input.onlyCodes || input.onlyCodes.has(id))) }))
    // Only what the respondent can see: a coding on its place in the body, not an orphan.
    .filter(({ c, codes }) => !c.orphaned && codes.length > 0 && c.end > c.start && c.start >= bodyStart && c.end <= t.text.length)
    .sort((a, b) => a.c.start - b.c.start || b.c.end - a.c.end);
  const cuts = [...new Set(codings.flatMap(({ c }) => [c.start, c.end]))].sort((a, b) => a - b);
  const paragraphs = blocksOf(t.text, bodyStart).map((block) => ({ runs: runsOf(t.text, block, cuts) }));
  const runs = paragraphs.flatMap((p) => p.runs);
  for (const { c, codes } of codings) {
    const inside = runs.filter((r) => r.source >= c.start && r.source < c.end);
    if (!inside.some((r) => /\S/u.test(r.text))) {
      // Only markup or white space: nothing the respondent would see.
      continue;
    }
    codes.sort((a, b) => (codeOrder.get(a) ?? 0) - (codeOrder.get(b) ?? 0));
    for (const id of codes) {
      used.add(id);
    }
    const id = comments.length;
    const memo = c.memo?.trim() ? (matchers ? pseudonymiseString(c.memo.trim(), matchers) : c.memo.trim()) : undefined;
    comments.push(memo ? { id, codes: codes.map(name), memo } : { id, codes: codes.map(name) });
    (inside[0].opens as number[]).push(id);
    (inside[inside.length - 1].closes as number[]).push(id);
  }
  return paragraphs;
}
