/**
 * Bytes to text for the text formats: UTF-8 (a BOM dropped), or UTF-16 when a BOM says so. Anything
 * else is refused with what it looks like (Windows-1252, …), never decoded with replacement
 * characters: a garbled "Ã©" would end up in quotations.
 */
import { guessEncoding } from '../port';
import type { Refused } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeSource(bytes: Uint8Array): string | Refused {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: false }).decode(bytes);
    }
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      return new TextDecoder('utf-16be', { fatal: true, ignoreBOM: false }).decode(bytes);
    }
    return utf8.decode(bytes);
  } catch {
    return { kind: 'refused', reason: 'notUtf8', detail: guessEncoding(bytes) };
  }
}

/** LF line ends, no trailing blanks, no NUL or other control characters but tab and newline. */
export function normalizeText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/[ \t\u00a0]+$/gm, '')
  );
}
