/**
 * What a file is, from its name and first bytes: the format to read it as, or why not. A Word file
 * with a password is not a zip but an OLE compound file holding an "EncryptedPackage" stream; an old
 * binary .doc is an OLE file too. The date a file tells comes from its name or a Word document's
 * properties (docProps/core.xml), never from the file's modification time.
 */
import { ZipReader, looksLikeZip } from '../refi/zip';
import type { Refused, TranscriptFormat } from './types';

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function formatOf(name: string): TranscriptFormat | Refused {
  const ext = extensionOf(name);
  switch (ext) {
    case 'docx':
    case 'txt':
    case 'md':
    case 'vtt':
    case 'srt':
      return ext;
    case 'markdown':
    case 'text':
      return ext === 'markdown' ? 'md' : 'txt';
    default:
      // .odt has no maintained reader we use; .doc, .rtf and .pdf are not read either: save as .docx.
      return { kind: 'refused', reason: 'unsupported', detail: ext ? `.${ext}` : name };
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** True when `bytes` contain `text` as UTF-16 LE (the names in an OLE directory). */
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = 0; i + text.length * 2 <= bytes.length; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) {
      continue;
    }
    for (let j = 1; j < text.length; j++) {
      if (bytes[i + 2 * j] !== text.charCodeAt(j) || bytes[i + 2 * j + 1] !== 0) {
        continue outer;
      }
    }
    return true;
  }
  return false;
}

/** Why a .docx cannot be read (undefined: it looks like a Word document), and its creation date. */
export function inspectDocx(bytes: Uint8Array, maxBytes: number): { refused?: Refused; date?: string } {
  if (startsWith(bytes, OLE)) {
    return containsUtf16(bytes, 'EncryptedPackage')
      ? { refused: { kind: 'refused', reason: 'encrypted' } }
      : { refused: { kind: 'refused', reason: 'unsupported', detail: '.doc' } };
  }
  if (!looksLikeZip(bytes)) {
    return { refused: { kind: 'refused', reason: 'damaged' } };
  }
  let zip: ZipReader;
  try {
    zip = new ZipReader(bytes, { maxTotalBytes: maxBytes * 8, maxEntryBytes: maxBytes * 8, maxEntries: 10_000 });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { refused: { kind: 'refused', reason: /encrypted/i.test(message) ? 'encrypted' : 'damaged', detail: message } };
  }
  if (!zip.find('word/document.xml')) {
    return { refused: { kind: 'refused', reason: 'damaged', detail: 'word/document.xml' } };
  }
  // Declared sizes can lie, but an honest archive that inflates past the limit is refused before mammoth reads it.
  const declared = zip.files.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > maxBytes * 8) {
    return { refused: { kind: 'refused', reason: 'tooLarge', detail: String(declared) } };
  }
  const core = zip.find('docProps/core.xml');
  if (!core || core.declaredSize > 1024 * 1024) {
    return {};
  }
  try {
    const xml = new TextDecoder().decode(zip.read(core));
    const m = /<dcterms:created[^>]*>\s*(\d{4}-\d{2}-\d{2})/.exec(xml);
    return m && validDate(m[1]) ? { date: m[1] } : {};
  } catch {
    return {};
  }
}

function validDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso && d.getUTCFullYear() > 1980;
}

/** A date in a file name: 2024-03-12, 20240312 (Zoom's GMT20240312-…), 12-03-2024. */
export function dateFromName(name: string): string | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const ymd = /(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)/.exec(base);
  if (ymd && validDate(`${ymd[1]}-${ymd[2]}-${ymd[3]}`)) {
    return `${ymd[1]}-${ymd[2]}-${ymd[3]}`;
  }
  const dmy = /(?<!\d)(0[1-9]|[12]\d|3[01])[-_.](0[1-9]|1[0-2])[-_.]((?:19|20)\d{2})(?!\d)/.exec(base);
  if (dmy && validDate(`${dmy[3]}-${dmy[2]}-${dmy[1]}`)) {
    return `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
  }
  return undefined;
}
