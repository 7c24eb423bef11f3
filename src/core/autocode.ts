/**
 * Auto-coding: find passages by words, a phrase, a regular expression or a speaker's turns, widen
 * each hit to the unit the researcher wants (the hit, its sentence, paragraph or speaker turn), and
 * code them all in one undoable step.
 */
import type { Study, Operation } from './study';
import { applyCodes } from './coding';
import { foldText } from './ids';
import { append } from './port';

export type QueryKind = 'words' | 'phrase' | 'regex' | 'speaker';
export type Scope = 'hit' | 'sentence' | 'paragraph' | 'turn';

export interface AutoCodeQuery {
  readonly kind: QueryKind;
  readonly value: string;
  /** Ignore case and diacritics (not for regular expressions, which say so themselves). */
  readonly loose?: boolean;
}

export interface Hit {
  readonly doc: string;
  readonly start: number;
  readonly end: number;
  /** The span that will be coded, after widening to the scope. */
  readonly codeStart: number;
  readonly codeEnd: number;
  readonly before: string;
  readonly match: string;
  readonly after: string;
}

/**
 * A speaker turn starts with a bold label, and in transcripts made from captions a time marker
 * (`**Respondent B:** [00:12:34] …`, src/core/transcripts): neither belongs to what is said.
 */
const MARKER = '(?:\\[\\d{1,2}:\\d{2}(?::\\d{2})?\\][ \\t]*)?';
const TURN = new RegExp(`^\\*\\*([^*\\n]{1,80}?):\\*\\*[ \\t]*${MARKER}`);

/** The speakers of the study's transcripts ("Interviewer", "Respondent A", …), most turns first. */
export function speakers(texts: ReadonlyMap<string, string>): string[] {
  const counts = new Map<string, number>();
  for (const text of texts.values()) {
    for (const m of text.matchAll(/^\*\*([^*\n]{1,80}?):\*\*/gm)) {
      counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => s);
}

/** A speaker turn: who speaks, and what is said (after the bold label and any time marker, to the paragraph's end). */
export interface SpeakerTurn {
  readonly speaker: string;
  readonly start: number;
  readonly end: number;
}

/** Every speaker turn of a text in order, as the speaker-based auto-code finds them. */
export function speakerTurns(text: string, bodyStart = 0): SpeakerTurn[] {
  const out: SpeakerTurn[] = [];
  for (const m of text.matchAll(new RegExp(TURN.source, 'gm'))) {
    const s = m.index! + m[0].length;
    if (m.index! < bodyStart) {
      continue;
    }
    let e = text.indexOf('\n\n', s);
    e = e < 0 ? text.length : e;
    while (e > s && /\s/.test(text[e - 1])) {
      e--;
    }
    out.push({ speaker: m[1], start: s, end: e });
  }
  return out;
}

function paragraphAt(text: string, bodyStart: number, offset: number): [number, number] {
  let s = text.lastIndexOf('\n\n', offset - 1);
  s = s < bodyStart ? bodyStart : s + 2;
  let e = text.indexOf('\n\n', offset);
  e = e < 0 ? text.length : e;
  return [s, e];
}

function sentenceAt(text: string, bodyStart: number, start: number, end: number): [number, number] {
  const [ps, pe] = paragraphAt(text, bodyStart, start);
  let s = start;
  while (s > ps && !/[.!?]\s/.test(text.slice(s - 2, s))) {
    s--;
  }
  const label = TURN.exec(text.slice(s, s + 90));
  if (label) {
    s += label[0].length;
  }
  let e = end;
  while (e < pe && !/[.!?]/.test(text[e - 1] ?? '')) {
    e++;
  }
  return [s, e];
}

/** The turn around an offset: the paragraph that starts with a speaker label, without the label. */
function turnAt(text: string, bodyStart: number, offset: number): [number, number] | undefined {
  const [s, e] = paragraphAt(text, bodyStart, offset);
  const label = TURN.exec(text.slice(s, s + 90));
  return label ? [s + label[0].length, e] : undefined;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches of the query in one text, as [start, end) pairs in the original text. */
function matches(text: string, bodyStart: number, q: AutoCodeQuery): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (q.kind === 'speaker') {
    const re = new RegExp(`^\\*\\*${escapeRegex(q.value)}:\\*\\*[ \\t]*${MARKER}`, 'gm');
    for (const m of text.matchAll(re)) {
      const s = m.index! + m[0].length;
      if (s < bodyStart) {
        continue;
      }
      const e = text.indexOf('\n\n', s);
      out.push([s, e < 0 ? text.length : e]);
    }
    return out;
  }
  let re: RegExp;
  if (q.kind === 'regex') {
    re = new RegExp(q.value, 'gmu');
  } else {
    // Fold case and diacritics by searching a folded copy; folding keeps lengths for Latin text
    // (NFD then dropping combining marks maps each precomposed letter to one letter).
    const words = q.kind === 'words' ? q.value.split(/\s+/).filter(Boolean) : [q.value.trim()];
    const pattern = words.map((w) => `(?<![\\p{L}\\p{N}])${escapeRegex(q.loose === false ? w : foldText(w))}(?![\\p{L}\\p{N}])`).join('|');
    re = new RegExp(pattern, 'gu');
  }
  const haystack = q.kind !== 'regex' && q.loose !== false ? foldKeepingLength(text) : text;
  for (const m of haystack.matchAll(re)) {
    if (m[0].length === 0) {
      continue;
    }
    if (m.index! >= bodyStart) {
      out.push([m.index!, m.index! + m[0].length]);
    }
  }
  return out;
}

/** Lower case without diacritics, character for character, so offsets stay valid. */
export function foldKeepingLength(text: string): string {
  let out = '';
  for (const ch of text) {
    const f = foldText(ch);
    out += f.length === ch.length ? f : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
  return out;
}

export function findHits(
  study: Study,
  texts: ReadonlyMap<string, string>,
  q: AutoCodeQuery,
  scope: Scope,
  docs?: readonly string[],
): Hit[] {
  const hits: Hit[] = [];
  for (const d of study.documents) {
    if (docs && !docs.includes(d.path)) {
      continue;
    }
    const text = texts.get(d.path);
    if (text === undefined) {
      continue;
    }
    const seen = new Set<string>();
    for (const [s, e] of matches(text, d.bodyStart, q)) {
      let span: [number, number] = [s, e];
      if (scope === 'sentence') {
        span = sentenceAt(text, d.bodyStart, s, e);
      } else if (scope === 'paragraph') {
        span = paragraphAt(text, d.bodyStart, s);
        const label = TURN.exec(text.slice(span[0], span[0] + 90));
        if (label) {
          span = [span[0] + label[0].length, span[1]];
        }
      } else if (scope === 'turn') {
        span = turnAt(text, d.bodyStart, s) ?? paragraphAt(text, d.bodyStart, s);
      }
      const key = `${span[0]}:${span[1]}`;
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      hits.push({
        doc: d.path,
        start: s,
        end: e,
        codeStart: span[0],
        codeEnd: span[1],
        before: text.slice(Math.max(d.bodyStart, s - 60), s),
        match: text.slice(s, e),
        after: text.slice(e, e + 60),
      });
    }
  }
  return hits;
}

/** The operations that code the chosen hits: one transaction, so one undo reverts the batch. */
export function autoCodeOps(
  study: Study,
  texts: ReadonlyMap<string, string>,
  hits: readonly Hit[],
  codes: readonly string[],
  coder: string,
): Operation[] {
  const byDoc = new Map<string, Hit[]>();
  for (const h of hits) {
    byDoc.set(h.doc, [...(byDoc.get(h.doc) ?? []), h]);
  }
  const ops: Operation[] = [];
  const now = new Date().toISOString();
  for (const [doc, list] of byDoc) {
    append(
      ops,
      applyCodes(
        study,
        doc,
        texts.get(doc)!,
        list.map((h) => ({ start: h.codeStart, end: h.codeEnd })),
        codes,
        coder,
        now,
      ),
    );
  }
  return ops;
}

/**
 * What the preview shows of a hit: the passage that will be coded (the sentence, paragraph or turn
 * around it) on one line, the hit between « », with … where it is cut short so that the hit stays
 * near the start; for "only the hit itself", the text around it.
 */
export function hitContext(text: string, h: Hit, before = 60, after = 160): string {
  const flat = (x: string): string => x.replace(/\s+/g, ' ');
  const widened = h.codeStart < h.start || h.codeEnd > h.end;
  const from = widened ? h.codeStart : h.start - h.before.length;
  const to = widened ? h.codeEnd : h.end + h.after.length;
  let head = flat(text.slice(from, h.start)).trimStart();
  let tail = flat(text.slice(h.end, to)).trimEnd();
  let cutHead = !widened;
  let cutTail = !widened;
  if (head.length > before) {
    const cut = head.slice(head.length - before);
    const space = cut.indexOf(' ');
    head = space >= 0 && space < 15 ? cut.slice(space + 1) : cut;
    cutHead = true;
  }
  if (tail.length > after) {
    const cut = tail.slice(0, after);
    const space = cut.lastIndexOf(' ');
    tail = space > after - 20 ? cut.slice(0, space) : cut;
    cutTail = true;
  }
  return `${cutHead ? '…' : ''}${head}«${flat(h.match)}»${tail}${cutTail ? '…' : ''}`;
}
