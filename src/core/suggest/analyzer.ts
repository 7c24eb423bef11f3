/**
 * Passage text as index terms: Unicode words, lower case with diacritics folded ("hiërarchie" and
 * "hierarchie" are one word), the language's stop words left out (the `stopword` package's lists,
 * with a few spoken fillers) and each word reduced to its Snowball stem ("mandaten" → "mandat").
 */
import { eng, nld } from 'stopword';
import type * as SnowballStemmers from 'snowball-stemmers';
import { foldText } from '../ids';

type Stemmers = typeof SnowballStemmers;
let stemmers: Stemmers | undefined;
let loading: Promise<Stemmers> | undefined;

/**
 * Loads the Snowball stemmers (all their languages are one file, ~340 KB minified: the extension and
 * the CLI keep it in dist/snowball.js, read on the first suggestion, never at activation).
 */
export async function loadStemmers(): Promise<void> {
  loading ??= import('snowball-stemmers');
  // Node's import() of the CommonJS file (the bundles) gives its exports as `default`.
  const m: Partial<Stemmers> & { default?: Stemmers } = await loading;
  stemmers = typeof m.newStemmer === 'function' ? (m as Stemmers) : m.default;
}

export type SuggestLanguage = 'nl' | 'en';

export interface Analyzer {
  readonly language: SuggestLanguage;
  /** The passage's terms in order, repeats kept (term frequency counts them). */
  terms(text: string): string[];
}

/** Words of transcribed speech that carry no topic, in either language. */
const FILLERS = ['eh', 'ehm', 'uh', 'uhm', 'hm', 'nou', 'ja', 'nee', 'zeg', 'gewoon', 'eigenlijk', 'heel', 'echt', 'yeah', 'okay', 'ok'];

const STOP: Record<SuggestLanguage, ReadonlySet<string>> = {
  nl: new Set([...nld, ...FILLERS].map(foldText)),
  en: new Set([...eng, ...FILLERS].map(foldText)),
};

const WORD = /[^\p{L}\p{N}]+/u;
const DIGITS = /^\p{N}+$/u;

/** The folded words of a text, stop words and one-letter words left out. */
export function words(text: string, language: SuggestLanguage): string[] {
  const stop = STOP[language];
  return foldText(text)
    .split(WORD)
    .filter((w) => w.length > 1 && !stop.has(w) && !DIGITS.test(w));
}

const analyzers = new Map<string, Analyzer>();

/**
 * The analyzer of a language; `stemming: false` keeps whole words (the plain baseline of the
 * evaluation). A stemming one needs {@link loadStemmers} to have finished.
 */
export function analyzer(language: SuggestLanguage, stemming = true): Analyzer {
  const key = `${language}:${stemming}`;
  let a = analyzers.get(key);
  if (!a) {
    a = stemming ? stemmingAnalyzer(language) : { language, terms: (text) => words(text, language) };
    analyzers.set(key, a);
  }
  return a;
}

function stemmingAnalyzer(language: SuggestLanguage): Analyzer {
  if (!stemmers) {
    throw new Error('loadStemmers() first');
  }
  const stemmer = stemmers.newStemmer(language === 'nl' ? 'dutch' : 'english');
  // A vocabulary is small next to the text: each word is stemmed once.
  const stems = new Map<string, string>();
  const stem = (w: string): string => {
    let s = stems.get(w);
    if (s === undefined) {
      s = stemmer.stem(w);
      stems.set(w, s);
    }
    return s;
  };
  return { language, terms: (text) => words(text, language).map(stem) };
}

/**
 * The study's language for suggestions: its `language` setting when that is Dutch or English,
 * else the language whose stop words the passages use most (Dutch on a tie: Codeboom's users).
 */
export function suggestLanguage(setting: string | undefined, samples: Iterable<string>): SuggestLanguage {
  const lang = setting?.toLowerCase().slice(0, 2);
  if (lang === 'nl' || lang === 'en') {
    return lang;
  }
  let nlHits = 0;
  let enHits = 0;
  let seen = 0;
  for (const text of samples) {
    for (const w of foldText(text).split(WORD)) {
      nlHits += STOP.nl.has(w) ? 1 : 0;
      enHits += STOP.en.has(w) ? 1 : 0;
    }
    if (++seen >= 200) {
      break;
    }
  }
  return enHits > nlHits ? 'en' : 'nl';
}
