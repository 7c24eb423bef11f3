/**
 * The pseudonym list: real names or terms and what replaces them, and the matcher that finds them in
 * a text. A term matches together with its listed variants and the possessive forms of each (Dutch
 * and English: "Jans", "Jan's", "Jan’s", "Vries'"); case-insensitively and on whole words unless
 * the entry says otherwise. Word characters are Unicode letters, marks and digits.
 */
import { z } from 'zod';

export const PseudonymEntrySchema = z.object({
  term: z.string().min(1),
  replacement: z.string(),
  variants: z.array(z.string().min(1)).optional(),
  wholeWord: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
});

export const PseudonymListSchema = z.object({
  version: z.literal(1).optional(),
  entries: z.array(PseudonymEntrySchema),
});

export type PseudonymEntry = z.infer<typeof PseudonymEntrySchema>;
export type PseudonymList = z.infer<typeof PseudonymListSchema>;

/** A found occurrence of a listed term (a form of it) in a text. */
export interface TermMatch {
  readonly start: number;
  readonly end: number;
  /** The text as it stands. */
  readonly old: string;
  /** What replaces it: the entry's replacement plus the possessive ending, if the form had one. */
  readonly replacement: string;
  /** The entry's term. */
  readonly term: string;
}

const WORD = '[\\p{L}\\p{M}\\p{N}]';

/** Escapes the syntax characters only: with the u flag, escaping anything else (a hyphen) is an error. */
function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The first word of a multi-word name ("Jan de Vries" → "Jan"), as a variant the user may add;
 * undefined for a single word. Not added automatically: "Gemeente Utrecht" → "Gemeente" would be wrong.
 */
export function firstNameVariant(term: string): string | undefined {
  const words = term.trim().split(/\s+/u);
  return words.length > 1 ? words[0] : undefined;
}

interface Form {
  readonly text: string;
  /** Possessive ending: written after the replacement. */
  readonly ending: string;
}

/**
 * Every form an entry matches: the term and its variants, each also with the possessive endings
 * "s", "'s" and "’s" (and a bare apostrophe after s, x or z). A bare "s" becomes "'s" after the
 * replacement ("Jans" → "Respondent A's"), since the replacement is usually not a Dutch first name.
 * Only for whole-word entries.
 */
export function expandForms(entry: PseudonymEntry): readonly Form[] {
  const bases = [entry.term, ...(entry.variants ?? [])].filter((b) => b.length > 0);
  const forms: Form[] = [];
  for (const base of bases) {
    forms.push({ text: base, ending: '' });
    // Without whole words a term already matches inside "Jans"; an ending would only add a wrong "'s".
    if (entry.wholeWord === false || !/[\p{L}\p{N}]$/u.test(base)) {
      continue;
    }
    forms.push({ text: `${base}s`, ending: "'s" }, { text: `${base}'s`, ending: "'s" }, { text: `${base}’s`, ending: '’s' });
    if (/[sxz]$/iu.test(base)) {
      forms.push({ text: `${base}'`, ending: "'" }, { text: `${base}’`, ending: '’' });
    }
  }
  return forms;
}

/** One entry's forms as one pattern: group i + 1 is form i. Build once per list. */
export interface Matcher {
  readonly entry: PseudonymEntry;
  readonly forms: readonly Form[];
  readonly pattern: RegExp;
}

const compiled = new WeakMap<PseudonymList, readonly Matcher[]>();

/** The matchers of a list; compiled once per list object (do not mutate a list after use). */
export function compileList(list: PseudonymList): readonly Matcher[] {
  const known = compiled.get(list);
  if (known) {
    return known;
  }
  const matchers: Matcher[] = [];
  for (const entry of list.entries) {
    const whole = entry.wholeWord ?? true;
    // Longest first, so that at one place "Jan's" wins over "Jan".
    const forms = [...expandForms(entry)].sort((a, b) => b.text.length - a.text.length);
    const body = forms.map((f) => `(${escapeRegExp(f.text)})`).join('|');
    const source = whole ? `(?<!${WORD})(?:${body})(?!${WORD})` : body;
    matchers.push({ entry, forms, pattern: new RegExp(source, entry.caseSensitive ? 'gu' : 'giu') });
  }
  compiled.set(list, matchers);
  return matchers;
}

/**
 * Every occurrence of a listed form in `text`, without overlaps: leftmost first, the longest at
 * one place ("Jan de Vries" before "Jan", "Jan's" before "Jan"), in text order.
 */
export function findTerms(text: string, matchers: readonly Matcher[]): TermMatch[] {
  const all: TermMatch[] = [];
  for (const { entry, forms, pattern } of matchers) {
    // Every candidate, overlapping ones too (the search goes on one code point after each match): a
    // form that loses to an overlapping match must not hide a shorter one that starts later ("ba" in
    // "bba" next to "bb" would hide "a").
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const form = forms[m.findIndex((g, i) => i > 0 && g !== undefined) - 1];
      if (m[0].length > 0 && form) {
        all.push({ start: m.index, end: m.index + m[0].length, old: m[0], replacement: entry.replacement + form.ending, term: entry.term });
      }
      // One code point on (a /u pattern set inside a surrogate pair starts again at the pair: no progress).
      pattern.lastIndex = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const chosen: TermMatch[] = [];
  let reached = 0;
  for (const match of all) {
    if (match.start >= reached) {
      chosen.push(match);
      reached = match.end;
    }
  }
  return chosen;
}

/** Applies non-overlapping matches in text order. */
export function applyMatches(text: string, matches: readonly TermMatch[]): string {
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + m.replacement;
    at = m.end;
  }
  return out + text.slice(at);
}

/** `text` with every listed term replaced. */
export function pseudonymiseString(text: string, matchers: readonly Matcher[]): string {
  return applyMatches(text, findTerms(text, matchers));
}

/**
 * Entries whose replacement itself contains a listed term (or form): the check could never pass
 * after applying them ("Jan" → "Jan X"). Returns the terms of such entries.
 */
export function selfMatchingEntries(list: PseudonymList): string[] {
  const matchers = compileList(list);
  return list.entries.filter((e) => findTerms(e.replacement, matchers).length > 0).map((e) => e.term);
}
