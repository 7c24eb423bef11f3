/**
 * Anchors: how a coding finds its text again. The shape follows the W3C Web Annotation model:
 * a position (start/end, UTF-16 code units) plus a quote selector (exact text, prefix, suffix).
 *
 * - While the user types, {@link transformRange} moves offsets through each edit (no search).
 * - After an edit outside VS Code, {@link reanchor} finds the quote again: at its old place,
 *   elsewhere exactly (nearest match with the best context), fuzzily (approximate string matching,
 *   for typo fixes and re-wrapped lines), or not at all (orphan).
 */
import approxSearch from 'approx-string-match';

export const CONTEXT_LENGTH = 32;

export interface Anchor {
  readonly start: number;
  readonly end: number;
  readonly quote: string;
  readonly prefix: string;
  readonly suffix: string;
}

export function makeAnchor(text: string, start: number, end: number): Anchor {
  return {
    start,
    end,
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
  };
}

/** One replacement in a document: the range [start, end) of the old text becomes `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newLength: number;
}

/**
 * Moves a range through one edit. Text typed at either boundary stays outside the range; text typed
 * inside it joins it; deleted text leaves it. Returns undefined when nothing of the range survives.
 */
export function transformRange(start: number, end: number, edit: TextEdit): { start: number; end: number } | undefined {
  const delta = edit.newLength - (edit.end - edit.start);
  let s: number;
  if (start < edit.start) {
    s = start;
  } else if (start >= edit.end) {
    s = start + delta;
  } else {
    s = edit.start + edit.newLength;
  }
  let e: number;
  if (end <= edit.start) {
    e = end;
  } else if (end >= edit.end) {
    e = end + delta;
  } else {
    e = edit.start;
  }
  if (e <= s && start < end) {
    return undefined;
  }
  return { start: s, end: Math.max(s, e) };
}

export type AnchorStatus = 'unchanged' | 'moved' | 'fuzzy' | 'orphaned';

export interface Resolution {
  readonly status: AnchorStatus;
  readonly start: number;
  readonly end: number;
}

export interface ReanchorOptions {
  /** Fraction of the quote's length allowed as edit distance for a fuzzy match. */
  readonly maxErrorRate?: number;
  /** Search this far around the expected place before searching the whole text. */
  readonly window?: number;
}

function contextScore(text: string, start: number, end: number, a: Anchor): number {
  let score = 0;
  const before = text.slice(Math.max(0, start - a.prefix.length), start);
  for (let i = 1; i <= Math.min(before.length, a.prefix.length); i++) {
    if (before[before.length - i] !== a.prefix[a.prefix.length - i]) {
      break;
    }
    score++;
  }
  const after = text.slice(end, end + a.suffix.length);
  for (let i = 0; i < Math.min(after.length, a.suffix.length); i++) {
    if (after[i] !== a.suffix[i]) {
      break;
    }
    score++;
  }
  return score;
}

function allOccurrences(text: string, quote: string, from: number, to: number): number[] {
  const out: number[] = [];
  let i = text.indexOf(quote, from);
  while (i >= 0 && i + quote.length <= to) {
    out.push(i);
    i = text.indexOf(quote, i + 1);
  }
  return out;
}

/** Finds one anchor in `text`. `expected` is where it is believed to start now (old start + known shift). */
export function reanchor(text: string, a: Anchor, expected = a.start, options: ReanchorOptions = {}): Resolution {
  const q = a.quote;
  if (q.length === 0) {
    return { status: 'orphaned', start: a.start, end: a.end };
  }
  if (text.startsWith(q, a.start)) {
    // An orphan keeps only the place where its text was (start = end): it gets its length back.
    return a.end - a.start === q.length
      ? { status: 'unchanged', start: a.start, end: a.end }
      : { status: 'moved', start: a.start, end: a.start + q.length };
  }
  if (expected !== a.start && text.startsWith(q, expected)) {
    return { status: 'moved', start: expected, end: expected + q.length };
  }
  const window = options.window ?? 4000;
  const pick = (candidates: number[]): number => {
    let best = candidates[0];
    let bestScore = -Infinity;
    for (const c of candidates) {
      const score = contextScore(text, c, c + q.length, a) * 1000 - Math.abs(c - expected) / 1000;
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return best;
  };
  // Exact elsewhere: near the expected place first, then anywhere.
  const lo = Math.max(0, expected - window);
  const hi = Math.min(text.length, expected + q.length + window);
  let hits = allOccurrences(text, q, lo, hi);
  if (hits.length === 0) {
    hits = allOccurrences(text, q, 0, text.length);
  }
  if (hits.length > 0) {
    const s = pick(hits);
    return { status: 'moved', start: s, end: s + q.length };
  }
  // Fuzzy: approximate matching, again near the expected place first.
  // Short quotes match too much by chance: they get a smaller budget and no proximity bonus.
  const short = q.length < 40;
  const rate = options.maxErrorRate ?? (short ? 0.1 : 0.25);
  const maxErrors = Math.max(1, Math.floor(q.length * rate));
  if (q.length < 16) {
    // A word or two: "quantum" must not drift to "Quantum" three paragraphs away.
    return { status: 'orphaned', start: a.start, end: a.end };
  }
  // Near the expected place a match may differ more than far away from it: proximity is evidence too.
  const fuzzy = (from: number, to: number, budget: number): Resolution | undefined => {
    const matches = approxSearch(text.slice(from, to), q, budget);
    if (matches.length === 0) {
      return undefined;
    }
    let best = matches[0];
    let bestScore = -Infinity;
    for (const m of matches) {
      const s = m.start + from;
      // A matching context outweighs a few extra errors: near-duplicate sentences are common in interviews.
      const score = -m.errors * 10 + contextScore(text, s, m.end + from, a) * 5 - Math.abs(s - expected) / 1000;
      if (score > bestScore) {
        bestScore = score;
        best = m;
      }
    }
    return { status: 'fuzzy', start: best.start + from, end: best.end + from };
  };
  // Search tiers: just where it should be, then nearby, then (with stricter rules) anywhere. The
  // matcher reports only the matches with the fewest errors, so a near-duplicate sentence next
  // door would win over the true, edited passage if the tight window were skipped.
  const nearBudget = short ? maxErrors : Math.floor(maxErrors * 1.6);
  const tight = fuzzy(
    Math.max(0, expected - (q.length >> 1)),
    Math.min(text.length, expected + q.length + nearBudget + (q.length >> 1)),
    nearBudget,
  );
  if (tight) {
    return tight;
  }
  const near = fuzzy(lo, hi, nearBudget);
  if (near) {
    return near;
  }
  if (lo > 0 || hi < text.length) {
    // Far from where it was, a similar passage is only the same passage if its context agrees too.
    const anywhere = fuzzy(0, text.length, maxErrors);
    if (anywhere && contextScore(text, anywhere.start, anywhere.end, a) * 2 >= a.prefix.length + a.suffix.length) {
      return anywhere;
    }
  }
  return { status: 'orphaned', start: a.start, end: a.end };
}

export interface ReanchorReport<T> {
  readonly results: ReadonlyArray<{ readonly item: T; readonly resolution: Resolution }>;
  readonly unchanged: number;
  readonly moved: number;
  readonly fuzzy: number;
  readonly orphaned: number;
}

/**
 * Re-anchors many anchors of one document. Anchors are visited in document order and the shift
 * seen on the previous one predicts the next, so a single insertion costs one comparison per anchor.
 */
export function reanchorAll<T extends Anchor>(text: string, anchors: readonly T[], options?: ReanchorOptions): ReanchorReport<T> {
  const sorted = [...anchors].sort((x, y) => x.start - y.start);
  let shift = 0;
  const results: Array<{ item: T; resolution: Resolution }> = [];
  const counts = { unchanged: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  for (const a of sorted) {
    const r = reanchor(text, a, Math.max(0, a.start + shift), options);
    counts[r.status]++;
    if (r.status !== 'orphaned') {
      shift = r.start - a.start;
    }
    results.push({ item: a, resolution: r });
  }
  return { results, ...counts };
}
