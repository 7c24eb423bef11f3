/**
 * Helpers of the project import: where imported files go and how they are named, how a tool
 * counted positions, front matter, variable values, dates and element counts.
 */
import { stringify as stringifyYaml } from 'yaml';
import type { AttributeValue } from '../model';
import { studyPath } from '../paths';
import type { XmlElement } from './xml';
import { attr, child } from './xml';
import { PositionMap } from './positions';

export const TRANSCRIPT_FOLDER = 'transcripts';
/** Where memos live (as the method feature keeps them): a transcript's at `.codeboom/memos/<transcript path>`. */
export const MEMO_FOLDER = '.codeboom/memos';

export function transcriptMemoPath(doc: string): string {
  return `${MEMO_FOLDER}/${studyPath(doc)}`;
}

/** Lets the host show progress (and stay responsive) during a long import or export. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface PositionMapping {
  toUtf16(codePoint: number): number | undefined;
  readonly note?: string;
}

/**
 * How the exporting tool counted. The standard says code points of the text; some tools counted
 * with line breaks as one character although the file has CRLF, or counted a BOM. Where selection
 * names quote their text (ATLAS.ti does), the counting that makes most of them match is taken;
 * without such evidence, the standard's.
 */
export function choosePositionMapping(body: string, hadBom: boolean, selections: readonly XmlElement[]): PositionMapping {
  const raw = new PositionMap(body);
  const standard: PositionMapping = { toUtf16: (cp) => raw.toUtf16(cp) };
  const candidates: Array<{ mapping: PositionMapping }> = [];
  if (body.includes('\r\n')) {
    candidates.push({
      mapping: collapsedMapping(body, /\r\n/g, 'positions were counted with one character per line break (the text has CRLF); adjusted.'),
    });
  }
  if (body.includes('\n\n')) {
    // A Word document's paragraphs come out with a blank line between them; a tool may count one break.
    candidates.push({
      mapping: collapsedMapping(body, /\n\n/g, 'positions were counted with one character between paragraphs; adjusted.'),
    });
  }
  if (hadBom) {
    candidates.push({ mapping: { toUtf16: (cp) => raw.toUtf16(cp - 1), note: 'positions counted the byte order mark; adjusted.' } });
  }
  if (candidates.length === 0) {
    return standard;
  }
  const quoted = quotedSelections(selections);
  if (quoted.length === 0) {
    return standard;
  }
  const score = (m: PositionMapping): number => quoted.filter((q) => quoteMatches(body, m, q)).length;
  let best = standard;
  let bestScore = score(standard);
  for (const c of candidates) {
    const s = score(c.mapping);
    if (s > bestScore) {
      best = c.mapping;
      bestScore = s;
    }
  }
  return best;
}

interface QuotedSelection {
  readonly name: string;
  readonly s: number;
  readonly e: number;
}

/** Selections whose names quote their text (ATLAS.ti, Codeboom): the evidence for how positions were counted. */
function quotedSelections(selections: readonly XmlElement[]): QuotedSelection[] {
  const out: QuotedSelection[] = [];
  for (const sel of selections) {
    const name = normalizeSpace(attr(sel, 'name') ?? '')
      .replace(/(…|\.\.\.)$/, '')
      .trim();
    const s = toInt(attr(sel, 'startPosition'));
    const e = toInt(attr(sel, 'endPosition'));
    if (name.length >= 8 && s !== undefined && e !== undefined) {
      out.push({ name, s, e });
    }
  }
  return out;
}

function quoteMatches(body: string, m: PositionMapping, q: QuotedSelection): boolean {
  const a = m.toUtf16(q.s);
  const b = m.toUtf16(q.e);
  // Names are trimmed quotes: a selection that starts or ends on white space (a line break) still matches.
  return a !== undefined && b !== undefined && normalizeSpace(body.slice(a, b)).trim().startsWith(q.name);
}

/** The names of the selections that quote a text their positions do not point at (with the chosen mapping). */
export function quotesNotFound(body: string, mapping: PositionMapping, selections: readonly XmlElement[]): string[] {
  return quotedSelections(selections)
    .filter((q) => !quoteMatches(body, mapping, q))
    .map((q) => `“${q.name.length > 40 ? `${q.name.slice(0, 40)}…` : q.name}”`);
}

/**
 * Positions of a tool that counted each match of `collapse` (a CRLF, a blank line between paragraphs)
 * as one character, mapped onto `body`: the one character stands for the last of the sequence.
 */
function collapsedMapping(body: string, collapse: RegExp, note: string): PositionMapping {
  let collapsed = '';
  const toRaw: number[] = [];
  let last = 0;
  const keep = (from: number, to: number): void => {
    for (let j = from; j < to; j++) {
      toRaw.push(j);
    }
    collapsed += body.slice(from, to);
  };
  for (const m of body.matchAll(collapse)) {
    keep(last, m.index);
    toRaw.push(m.index + m[0].length - 1);
    collapsed += '\n';
    last = m.index + m[0].length;
  }
  keep(last, body.length);
  toRaw.push(body.length);
  const map = new PositionMap(collapsed);
  return {
    toUtf16: (cp) => {
      const u = map.toUtf16(cp);
      return u === undefined ? undefined : toRaw[u];
    },
    note,
  };
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ');
}

export function makeFrontMatter(attributes: Record<string, AttributeValue>, eol: string, body: string): string {
  const keys = Object.keys(attributes);
  if (keys.length === 0) {
    // Text that starts like front matter would be read as front matter: fence it off with an empty one.
    return /^\uFEFF?---[ \t]*\r?\n/.test(body) ? `---${eol}---${eol}` : '';
  }
  const yaml = stringifyYaml(attributes, { lineWidth: 0 }).replace(/\n/g, eol);
  return `---${eol}${yaml}---${eol}`;
}

export function variableValue(vv: XmlElement): AttributeValue | undefined {
  const text = (name: string): string | undefined => {
    const c = child(vv, name);
    if (!c) {
      return undefined;
    }
    const t = c['#text'];
    return typeof t === 'string' ? t.trim() : '';
  };
  const t = text('TextValue');
  if (t !== undefined) {
    return t;
  }
  const b = text('BooleanValue');
  if (b !== undefined) {
    return b === 'true' || b === '1';
  }
  for (const name of ['IntegerValue', 'FloatValue']) {
    const n = text(name);
    if (n !== undefined) {
      const num = Number(n);
      return n !== '' && Number.isFinite(num) ? num : n;
    }
  }
  return text('DateValue') ?? text('DateTimeValue');
}

export function isoDate(value: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export function toInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*-?\d+\s*$/.test(value)) {
    return undefined;
  }
  return parseInt(value, 10);
}

export function baseName(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.slice(p.lastIndexOf('/') + 1);
}

export function countElements(el: XmlElement, name: string): number {
  let n = 0;
  for (const [key, value] of Object.entries(el)) {
    if (key.startsWith('@_') || key === '#text') {
      continue;
    }
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) {
      if (key === name) {
        n++;
      }
      if (typeof item === 'object' && item !== null) {
        n += countElements(item as XmlElement, name);
      }
    }
  }
  return n;
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A file name that is safe on every platform and never leaves its folder. */
export function safeFileName(name: string, fallback: string): string {
  let n = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+|[.\s]+$/g, '');
  if (n.length > 100) {
    n = n.slice(0, 100).trim();
  }
  if (!n || RESERVED.test(n)) {
    n = n ? `${n}-${fallback}` : fallback;
  }
  return n;
}

export function uniquePath(stem: string, ext: string, used: Set<string>): string {
  let path = stem + ext;
  for (let n = 2; used.has(path.toLowerCase()); n++) {
    path = `${stem} (${n})${ext}`;
  }
  used.add(path.toLowerCase());
  return path;
}
