/** YAML front matter of a Markdown transcript: attributes such as case, respondent and interview. */
import { parseDocument } from 'yaml';
import type { AttributeValue } from './model';

export interface FrontMatter {
  readonly attributes: Record<string, AttributeValue>;
  /** Offset of the first character after the closing fence line. */
  readonly bodyStart: number;
  /** Why the front matter could not be read (its attributes are then empty), and where: 1-based line and column in the whole file. */
  readonly error?: string;
  readonly errorLine?: number;
  readonly errorColumn?: number;
}

const OPEN = /^\uFEFF?---[ \t]*\r?\n/;

export function parseFrontMatter(text: string): FrontMatter {
  const open = OPEN.exec(text);
  if (!open) {
    return { attributes: {}, bodyStart: 0 };
  }
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;
  const rest = text.slice(open[0].length);
  const m = close.exec(rest);
  if (!m) {
    return { attributes: {}, bodyStart: 0, error: 'the front matter has no closing --- line', errorLine: 1, errorColumn: 1 };
  }
  const yamlText = rest.slice(0, m.index);
  const bodyStart = open[0].length + m.index + m[0].length;
  // Where a YAML offset is in the file: the opening fence is one line.
  const at = (offset: number): { errorLine: number; errorColumn: number } => {
    const before = yamlText.slice(0, offset);
    return { errorLine: 2 + (before.match(/\n/g)?.length ?? 0), errorColumn: offset - before.lastIndexOf('\n') };
  };
  const fast = plainFrontMatter(yamlText);
  if (fast) {
    return { attributes: fast, bodyStart };
  }
  let data: unknown;
  try {
    // Every error counts (a duplicate key, a tab as indentation, an unclosed quote): a partial reading
    // would quietly give the transcript another case or respondent.
    const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
    const first = doc.errors[0];
    if (first) {
      return { attributes: {}, bodyStart, error: inWords(first.message), ...at(first.pos[0]) };
    }
    data = doc.toJS();
  } catch (e) {
    return { attributes: {}, bodyStart, error: inWords(e instanceof Error ? e.message : String(e)), errorLine: 2, errorColumn: 1 };
  }
  if (data === null || data === undefined) {
    return { attributes: {}, bodyStart };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { attributes: {}, bodyStart, error: 'the front matter is not a list of "key: value" lines', errorLine: 2, errorColumn: 1 };
  }
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const v = toAttribute(value);
    if (v !== undefined) {
      attributes[key] = v;
    }
  }
  return { attributes, bodyStart };
}

const PLAIN_LINE = /^([A-Za-z][A-Za-z0-9_]*): +(\S(?:.*\S)?)$/;
const PLAIN_TEXT = /^[A-Za-z0-9][A-Za-z0-9 _.,/-]*$/;
const DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;
/** What YAML's core schema reads as null, a boolean or a number rather than as text: left to the parser. */
const NOT_TEXT = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|0o[0-7]+|0x[0-9a-fA-F]+|[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)$/;

/**
 * The front matter most transcripts have — `key: value` lines of plain words and whole numbers,
 * each key once — read without the YAML parser (the dearest part of opening a study: 30 ms for 200
 * transcripts). Anything else (quotes, comments, lists, a possible null, boolean or other number, a
 * tab, CR, a key twice) answers undefined, and the parser decides. A property test
 * (test/unit/frontMatterFast.test.ts) checks it gives what the parser gives.
 */
export function plainFrontMatter(yamlText: string): Record<string, AttributeValue> | undefined {
  const attributes: Record<string, AttributeValue> = {};
  const seen = new Set<string>();
  let start = 0;
  while (start < yamlText.length) {
    let end = yamlText.indexOf('\n', start);
    if (end < 0) {
      end = yamlText.length;
    }
    const m = PLAIN_LINE.exec(yamlText.slice(start, end));
    if (!m || seen.has(m[1]) || NOT_TEXT.test(m[1])) {
      return undefined;
    }
    const value = m[2];
    if (DECIMAL.test(value)) {
      attributes[m[1]] = Number(value);
    } else if (PLAIN_TEXT.test(value) && !NOT_TEXT.test(value)) {
      attributes[m[1]] = value;
    } else {
      return undefined;
    }
    seen.add(m[1]);
    start = end + 1;
  }
  return seen.size > 0 ? attributes : undefined;
}

/** The parser's first line; a stack overflow (the YAML parser recurses, a hostile nesting overflows it) in words. */
function inWords(message: string): string {
  return /call stack/i.test(message) ? 'the front matter is nested too deeply to read' : message.split('\n')[0];
}

function toAttribute(value: unknown): AttributeValue | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  if (Array.isArray(value)) {
    return value.map((v) => String(v)).join(', ');
  }
  return value === null || value === undefined ? undefined : JSON.stringify(value);
}

/** First Markdown heading of the body, else the file name. */
export function titleOf(text: string, bodyStart: number, fallback: string, attributes: Record<string, AttributeValue>): string {
  if (typeof attributes['title'] === 'string') {
    return attributes['title'];
  }
  const m = /^#{1,6}\s+(.+)$/m.exec(text.slice(bodyStart, bodyStart + 2000));
  return m ? m[1].trim() : fallback;
}
