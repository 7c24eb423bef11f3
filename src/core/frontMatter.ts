/** YAML front matter of a Markdown transcript: attributes such as case, respondent and interview. */
import { parse as parseYaml } from 'yaml';
import type { AttributeValue } from './model';

export interface FrontMatter {
  readonly attributes: Record<string, AttributeValue>;
  /** Offset of the first character after the closing fence line. */
  readonly bodyStart: number;
  readonly error?: string;
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
    return { attributes: {}, bodyStart: 0, error: 'front matter has no closing ---' };
  }
  const yamlText = rest.slice(0, m.index);
  const bodyStart = open[0].length + m.index + m[0].length;
  try {
    const data: unknown = parseYaml(yamlText);
    const attributes: Record<string, AttributeValue> = {};
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
        const v = toAttribute(value);
        if (v !== undefined) {
          attributes[key] = v;
        }
      }
    }
    return { attributes, bodyStart };
  } catch (e) {
    return { attributes: {}, bodyStart, error: e instanceof Error ? e.message : String(e) };
  }
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
