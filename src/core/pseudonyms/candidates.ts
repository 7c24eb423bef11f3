/**
 * Candidates for the pseudonym list, for the researcher to accept or skip: capitalised word
 * sequences (names of people, places, organisations), e-mail addresses, Dutch phone numbers and
 * postcodes, and every speaker label. Each with its count and a few places with context.
 *
 * Capitalised sequences: words starting with an upper-case letter, joined by spaces, with Dutch or
 * German name particles after the first word only ("Jan de Vries", "Ruud van der Berg"). A single capitalised word right at
 * the start of a sentence or line is skipped: it is most often an ordinary word ("Dat", "Ja"); a
 * name there is still found wherever it also occurs mid-sentence. Words inside a speaker label
 * are only reported as the label.
 */
import type { TranscriptText } from './plan';

export type CandidateKind = 'name' | 'email' | 'phone' | 'postcode' | 'speaker';

export interface CandidatePlace {
  readonly path: string;
  readonly offset: number;
  /** The line around the occurrence, shortened. */
  readonly context: string;
}

export interface Candidate {
  readonly kind: CandidateKind;
  readonly text: string;
  readonly count: number;
  /** The first few places (at most {@link MAX_PLACES}). */
  readonly places: readonly CandidatePlace[];
}

export const MAX_PLACES = 3;
const CONTEXT = 40;

const SPEAKER = /\*\*([^*\n]+?):\*\*/gu;
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// 10 digits from a leading 0 (06-12345678, 020-1234567) or +31 and 9 digits (+31 6 1234 5678),
// with spaces or hyphens between digits.
const PHONE = /(?<![\d+])(?:\+31[ -]?(?:\(0\)[ -]?)?\d(?:[ -]?\d){8}|0\d(?:[ -]?\d){8})(?![\d])/gu;
const POSTCODE = /(?<![\p{L}\p{N}])[1-9]\d{3} ?[A-Z]{2}(?![\p{L}\p{N}])/gu;
const PARTICLES = "(?:van|de|der|den|het|ter|ten|te|in|'t|von|di|da|le|la|du)";
const CAP_WORD = "\\p{Lu}[\\p{L}\\p{M}'’-]*";
// Particles only once, after the first word ("Jan de Vries", not "Jan de Vries van de Gemeente").
const NAME = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}])${CAP_WORD}(?:[ \\t]+(?:${PARTICLES}[ \\t]+){1,3}${CAP_WORD})?(?:[ \\t]+${CAP_WORD})*`,
  'gu',
);

function contextAt(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  const from = Math.max(lineStart, start - CONTEXT);
  const to = Math.min(lineEnd, end + CONTEXT);
  return `${from > lineStart ? '…' : ''}${text.slice(from, to).replace(/\r/g, '')}${to < lineEnd ? '…' : ''}`;
}

/** True when the text before `start` ends a sentence or line (markdown markers and spaces skipped). */
function sentenceInitial(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && /[ \t*_>#"“‘(-]/u.test(text[i])) {
    i--;
  }
  return i < 0 || /[.!?:\n\r…]/u.test(text[i]);
}

class Tally {
  private readonly found = new Map<string, { kind: CandidateKind; text: string; count: number; places: CandidatePlace[] }>();

  add(kind: CandidateKind, value: string, path: string, text: string, start: number): void {
    const key = `${kind}\u0000${value}`;
    let entry = this.found.get(key);
    if (!entry) {
      entry = { kind, text: value, count: 0, places: [] };
      this.found.set(key, entry);
    }
    entry.count++;
    if (entry.places.length < MAX_PLACES) {
      entry.places.push({ path, offset: start, context: contextAt(text, start, start + value.length) });
    }
  }

  result(): Candidate[] {
    return [...this.found.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.text.localeCompare(b.text));
  }
}

function scanText(tally: Tally, path: string, text: string): void {
  const labels: Array<[number, number]> = [];
  for (const m of text.matchAll(SPEAKER)) {
    const label = m[1].trim();
    tally.add('speaker', label, path, text, m.index + 2);
    labels.push([m.index, m.index + m[0].length]);
  }
  const taken: Array<[number, number]> = [];
  for (const [kind, pattern] of [
    ['email', EMAIL],
    ['phone', PHONE],
    ['postcode', POSTCODE],
  ] as const) {
    for (const m of text.matchAll(pattern)) {
      tally.add(kind, m[0], path, text, m.index);
      taken.push([m.index, m.index + m[0].length]);
    }
  }
  const inside = (spans: Array<[number, number]>, s: number, e: number) => spans.some(([a, b]) => s < b && a < e);
  for (const m of text.matchAll(NAME)) {
    const start = m.index;
    const end = start + m[0].length;
    if (inside(labels, start, end) || inside(taken, start, end)) {
      continue;
    }
    const single = !/[ \t]/u.test(m[0]);
    if (single && sentenceInitial(text, start)) {
      continue;
    }
    tally.add('name', m[0], path, text, start);
  }
}

/** Candidates in all texts, the most frequent first. */
export function findCandidates(texts: readonly TranscriptText[]): Candidate[] {
  const tally = new Tally();
  for (const { path, text } of texts) {
    scanText(tally, path, text);
  }
  return tally.result();
}
