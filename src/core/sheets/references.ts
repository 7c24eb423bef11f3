/**
 * References for the literature factors' authors: a BibTeX file or CSL-JSON (what Zotero, Mendeley
 * and JabRef export) read into citations as a thesis writes them in its tables: "Yang & Maxwell,
 * 2011", "Rashman et al., 2009" (three or more authors), "Kim, 1998". A factor sheet may then name
 * its sources by citation key (`yang2011; kim1998`); the import writes the citations instead.
 */
import * as l10n from '@vscode/l10n';
import { StudyError } from '../study';

/** Citation key → the citation ("Yang & Maxwell, 2011"). */
export type Citations = ReadonlyMap<string, string>;

interface Reference {
  readonly families: readonly string[];
  readonly year?: string;
}

/** "Yang & Maxwell, 2011"; one author "Kim, 1998"; three or more "Rashman et al., 2009"; no year: the names only. */
export function citationOf(ref: Reference): string {
  const f = ref.families;
  const names = f.length === 0 ? '' : f.length === 1 ? f[0] : f.length === 2 ? `${f[0]} & ${f[1]}` : `${f[0]} et al.`;
  return [names, ref.year].filter((x) => x !== undefined && x !== '').join(', ');
}

/** The family name of one BibTeX author: "Maxwell, Terrence A." or "Terrence A. Maxwell" or "{World Bank}". */
function familyName(author: string): string {
  const a = author.trim();
  if (/^\{.*\}$/.test(a)) {
    return a.slice(1, -1).trim();
  }
  if (a.includes(',')) {
    return a.slice(0, a.indexOf(',')).trim();
  }
  const words = a.split(/\s+/);
  // "Ludwig van Beethoven": the particle belongs to the family name.
  const particle = words.findIndex((w, i) => i > 0 && i < words.length - 1 && /^(van|von|de|der|den|la|le|du|di|da)$/i.test(w));
  return particle >= 0 ? words.slice(particle).join(' ') : words[words.length - 1];
}

/** LaTeX accents and braces out of a BibTeX value ("G{\"o}ttingen" → "Göttingen"). */
function plainText(value: string): string {
  const accents: Record<string, string> = { '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', c: '\u0327' };
  return value
    .replace(/\{?\\(["'`^~c])\s*\{?([A-Za-z])\}?\}?/g, (_m, accent: string, letter: string) => (letter + accents[accent]).normalize('NFC'))
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The value of one field in a BibTeX entry's body: braces (nested), quotes, or a bare number. */
function bibField(body: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|[,\\s])${name}\\s*=\\s*`, 'i').exec(body);
  if (!m) {
    return undefined;
  }
  let i = m.index + m[0].length;
  if (body[i] === '{') {
    let depth = 0;
    const start = i + 1;
    for (; i < body.length; i++) {
      depth += body[i] === '{' ? 1 : body[i] === '}' ? -1 : 0;
      if (depth === 0) {
        return body.slice(start, i);
      }
    }
    return undefined;
  }
  if (body[i] === '"') {
    const end = body.indexOf('"', i + 1);
    return end < 0 ? undefined : body.slice(i + 1, end);
  }
  return /^[\w.-]+/.exec(body.slice(i))?.[0];
}

/** Citations of every entry of a BibTeX file (comments, @string and @preamble are skipped). */
export function parseBibtex(text: string, file = 'references.bib'): Map<string, string> {
  const out = new Map<string, string>();
  const entry = /@(\w+)\s*[{(]\s*([^,\s]+)\s*,/g;
  const starts = [...text.matchAll(entry)];
  starts.forEach((m, i) => {
    if (/^(string|preamble|comment)$/i.test(m[1])) {
      return;
    }
    const body = text.slice(m.index! + m[0].length, i + 1 < starts.length ? starts[i + 1].index : text.length);
    const authors = bibField(body, 'author') ?? bibField(body, 'editor');
    const families = authors === undefined ? [] : authors.split(/\s+and\s+/i).map((a) => plainText(familyName(a)));
    const year = bibField(body, 'year') ?? /^\d{4}/.exec(bibField(body, 'date') ?? '')?.[0];
    out.set(m[2], citationOf({ families, ...(year ? { year: plainText(year) } : {}) }));
  });
  if (out.size === 0 && text.trim() !== '') {
    throw new StudyError(l10n.t('{0} has no BibTeX entries (such as @article{key, …}).'), file);
  }
  return out;
}

/** Citations of a CSL-JSON file: an array of items with `id`, `author` [{family, given} | {literal}] and `issued`. */
export function parseCslJson(text: string, file = 'references.json'): Map<string, string> {
  let items: unknown;
  try {
    items = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new StudyError(l10n.t('{0} is not valid JSON, so its references cannot be read.'), file);
  }
  if (!Array.isArray(items)) {
    throw new StudyError(l10n.t('{0} is not CSL-JSON: a list of references was expected.'), file);
  }
  const out = new Map<string, string>();
  for (const item of items as Array<Record<string, unknown>>) {
    const id = item && typeof item === 'object' ? item['id'] : undefined;
    if (typeof id !== 'string' && typeof id !== 'number') {
      continue;
    }
    const people = Array.isArray(item['author']) ? item['author'] : Array.isArray(item['editor']) ? item['editor'] : [];
    const families = (people as Array<Record<string, unknown>>).flatMap((p) => {
      const family = typeof p?.['family'] === 'string' ? p['family'] : typeof p?.['literal'] === 'string' ? p['literal'] : '';
      const particle = typeof p?.['non-dropping-particle'] === 'string' ? `${p['non-dropping-particle']} ` : '';
      return family.trim() ? [`${particle}${family.trim()}`] : [];
    });
    const issued = item['issued'] as { 'date-parts'?: unknown[][] } | undefined;
    const year = issued?.['date-parts']?.[0]?.[0];
    out.set(String(id), citationOf({ families, ...(year !== undefined ? { year: String(year) } : {}) }));
  }
  return out;
}

/** Citations from a .bib or CSL-JSON (.json) file. */
export function parseReferences(text: string, file: string): Map<string, string> {
  return /\.json$/i.test(file) ? parseCslJson(text, file) : parseBibtex(text, file);
}

/** An authors cell's entries with citation keys replaced by their citations (other entries as written). */
export function resolveCitations(authors: readonly string[], citations: Citations | undefined): string[] {
  return citations ? authors.map((a) => citations.get(a.trim()) ?? a) : [...authors];
}
