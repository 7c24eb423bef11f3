/** The two text packages ship no types: only what the suggestion engine uses of them. */
declare module 'stopword' {
  /** Dutch stop words (lower case). */
  export const nld: readonly string[];
  /** English stop words (lower case). */
  export const eng: readonly string[];
}

declare module 'snowball-stemmers' {
  export function newStemmer(language: string): { stem(word: string): string };
}
