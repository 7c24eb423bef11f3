/**
 * GUIDs for REFI-QDA. Codeboom ids are UUIDs already and are used as they are; everything else
 * (transcripts, coders, variables, notes, ids that are not UUIDs) gets a GUID derived from a
 * stable key, so that a second export of the same study carries the same GUIDs.
 */

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

export function isGuid(value: string): boolean {
  return GUID.test(value.trim());
}

/** "{AB12…}" → "ab12…"; undefined for anything that is not a GUID. */
export function normalizeGuid(value: string | undefined): string | undefined {
  const m = value === undefined ? null : GUID.exec(value.trim());
  return m ? m[1].toLowerCase() : undefined;
}

/**
 * A GUID derived from a kind and a key (a 128-bit hash, formatted as an RFC 9562 version 8 UUID).
 * Same input, same GUID; different inputs practically never collide.
 */
export function derivedGuid(kind: string, key: string): string {
  const h = hash128(`${kind}\u0000${key}`);
  const hex = h.map((n) => (n >>> 0).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The GUID of an id: the id itself when it is a GUID, else one derived from it. */
export function guidOf(kind: string, id: string): string {
  return normalizeGuid(id) ?? derivedGuid(kind, id);
}

/** cyrb128: four 32-bit lanes of multiplicative mixing over UTF-16 code units. */
function hash128(text: string): number[] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1, h2, h3, h4];
}
