/**
 * A confidential study's export made without a passing pseudonym check: the override, with its
 * reason, is written into the export's header (a text format), or into a note beside it (a binary
 * file: .xlsx, .qdpx), so whoever receives the file sees it was not checked.
 */
import * as l10n from '@vscode/l10n';
import { decodeText, encodeText } from '../port';
import type { PseudonymLeft } from './plan';
import type { PseudonymList } from './list';

export function overrideSentence(reason: string): string {
  return l10n.t('Confidential study exported without a passing pseudonym check (override: {0}).', reason.replace(/[\r\n]+/g, ' '));
}

/**
 * The export with the override in its header; `sidecar` is the note to write beside a binary file
 * (same name + `.override.txt`).
 */
export function withOverrideHeader(bytes: Uint8Array, extension: string, reason: string): { bytes: Uint8Array; sidecar?: Uint8Array } {
  const note = overrideSentence(reason);
  const ext = extension.toLowerCase().replace(/^\./, '');
  if (!['md', 'html', 'csv', 'svg', 'qdc', 'xml', 'txt'].includes(ext)) {
    return { bytes, sidecar: encodeText(`${note}\n`) };
  }
  const text = decodeText(bytes);
  const xml = note.replace(/--/g, '—').replace(/&/g, '&amp;').replace(/</g, '&lt;');
  switch (ext) {
    case 'md':
    case 'txt':
      return { bytes: encodeText(`> **${note}**\n\n${text}`) };
    case 'csv':
      return { bytes: encodeText(`# ${note}\n${text}`) };
    case 'html': {
      const body = /<body[^>]*>/i.exec(text);
      const p = `<p style="border:2px solid #b00;color:#b00;padding:.5rem">${xml}</p>`;
      return {
        bytes: encodeText(body ? text.slice(0, body.index + body[0].length) + p + text.slice(body.index + body[0].length) : p + text),
      };
    }
    default: {
      const decl = /^<\?xml[^>]*\?>\s*/.exec(text);
      const at = decl ? decl[0].length : 0;
      return { bytes: encodeText(`${text.slice(0, at)}<!-- ${xml} -->\n${text.slice(at)}`) };
    }
  }
}

/**
 * A remaining occurrence for people, without the real name (the message may end up in a CI log or
 * a screenshot): where it is, and which pseudonym the name is listed for.
 */
export function describeLeft(left: PseudonymLeft, list: PseudonymList, text?: string): string {
  const entry = list.entries.find((e) => e.term === left.term);
  const where = text !== undefined ? lineColumn(text, left.offset) : `${left.offset}`;
  return l10n.t('{0}:{1}: a name listed for “{2}” is still there', left.path, where, entry?.replacement ?? '?');
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `${line}:${offset - start + 1}`;
}
