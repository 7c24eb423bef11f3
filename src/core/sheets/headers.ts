/**
 * Column headings of codebook and literature sheets, recognised in English and Dutch, whatever
 * their case, accents, spaces or punctuation ("Definitie", "Kleur", "1e-orde", "Geaggregeerde
 * dimensie"), and the cell values with a fixed vocabulary (polarity, origin, colour, lists).
 */
import type { Origin, Polarity } from '../model';

/** "Open (1e orde)" → "open1eorde": lower case, no accents, letters and digits only. */
export function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export type CodebookColumn =
  'path' | 'name' | 'definition' | 'memo' | 'colour' | 'polarity' | 'origin' | 'aliases' | 'first' | 'second' | 'dimension';

export type CatalogueColumn = 'catalogue' | 'source' | 'category' | 'factor' | 'authors' | 'description';

const CODEBOOK_WORDS: Record<string, CodebookColumn> = {
  path: 'path',
  pad: 'path',
  codepath: 'path',
  codepad: 'path',
  hierarchy: 'path',
  hierarchie: 'path',
  code: 'name',
  codes: 'name',
  name: 'name',
  naam: 'name',
  codenaam: 'name',
  codename: 'name',
  definition: 'definition',
  definitie: 'definition',
  description: 'definition',
  beschrijving: 'definition',
  omschrijving: 'definition',
  memo: 'memo',
  colour: 'colour',
  color: 'colour',
  kleur: 'colour',
  polarity: 'polarity',
  polariteit: 'polarity',
  origin: 'origin',
  herkomst: 'origin',
  afkomst: 'origin',
  aliases: 'aliases',
  alias: 'aliases',
  aliassen: 'aliases',
  synonyms: 'aliases',
  synoniemen: 'aliases',
  concept: 'first',
  concepts: 'first',
  concepten: 'first',
  theme: 'second',
  themes: 'second',
  thema: 'second',
  themas: 'second',
};

const CATALOGUE_WORDS: Record<string, CatalogueColumn> = {
  catalogue: 'catalogue',
  catalog: 'catalogue',
  catalogus: 'catalogue',
  sourcemodel: 'source',
  source: 'source',
  model: 'source',
  bronmodel: 'source',
  bron: 'source',
  category: 'category',
  categorie: 'category',
  soortfactor: 'category',
  factor: 'factor',
  factoruitliteratuur: 'factor',
  literatuurfactor: 'factor',
  literaturefactor: 'factor',
  authors: 'authors',
  author: 'authors',
  auteurs: 'authors',
  auteur: 'authors',
  description: 'description',
  beschrijving: 'description',
  omschrijving: 'description',
};

const FIRST = /(1e|1ste|eerste|1st|first)orde?r?/;
const SECOND = /(2e|2de|tweede|2nd|second)orde?r?/;

/** The meaning of a codebook sheet's heading, or the level of a "Level 2" / "Niveau 2" column. */
export function codebookColumn(text: string): CodebookColumn | { level: number } | undefined {
  const key = headerKey(text);
  const level = /^(level|niveau|laag)(\d{1,2})$/.exec(key);
  if (level) {
    return Number(level[2]) >= 1 ? { level: Number(level[2]) } : undefined;
  }
  if (FIRST.test(key)) {
    return 'first';
  }
  if (SECOND.test(key)) {
    return 'second';
  }
  if (/dimensi(e|on)/.test(key)) {
    return 'dimension';
  }
  return CODEBOOK_WORDS[key];
}

export function catalogueColumn(text: string): CatalogueColumn | undefined {
  return CATALOGUE_WORDS[headerKey(text)];
}

const POLARITY_WORDS: Record<string, Polarity> = {
  belemmerend: 'belemmerend',
  hindering: 'belemmerend',
  hinderend: 'belemmerend',
  negative: 'belemmerend',
  negatief: 'belemmerend',
  stimulerend: 'stimulerend',
  stimulating: 'stimulerend',
  enabling: 'stimulerend',
  positive: 'stimulerend',
  positief: 'stimulerend',
  neutral: 'neutral',
  neutraal: 'neutral',
};

const ORIGIN_WORDS: Record<string, Origin> = {
  literature: 'literature',
  literatuur: 'literature',
  empirical: 'empirical',
  empirisch: 'empirical',
  empirie: 'empirical',
  patroonuitempirie: 'empirical',
  invivo: 'in-vivo',
};

/** A polarity in English or Dutch; undefined for a word that is none. */
export function polarityOf(text: string): Polarity | undefined {
  return POLARITY_WORDS[headerKey(text)];
}

export function originOf(text: string): Origin | undefined {
  return ORIGIN_WORDS[headerKey(text)];
}

/** "#1F77B4", "1f77b4" or "#abc" as "#1f77b4"-style; undefined when it is no colour. */
export function colourOf(text: string): string | undefined {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(text.trim());
  if (!m) {
    return undefined;
  }
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return `#${hex}`;
}

/** The separator of lists in one cell (aliases, authors): a semicolon, as commas occur in "Yang & Maxwell, 2011". */
export const LIST_SEPARATOR = '; ';

export function listOf(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Whether a cell is a heading of a codebook sheet; of a catalogue sheet (to find the sheet in a workbook). */
export const isCodebookHeading = (cell: string): boolean => codebookColumn(cell) !== undefined;
export const isCatalogueHeading = (cell: string): boolean => catalogueColumn(cell) !== undefined;
