/** Ids: RFC 4122 v4 UUIDs (REFI-QDA wants GUIDs, and they never collide between coders). */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

/** A coder id from a display name: "Eva de Vries" → "eva-de-vries". */
export function coderSlug(name: string): string {
  const slug = stripDiacritics(name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'coder';
}

export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** For matching: no diacritics, lower case. */
export function foldText(text: string): string {
  return stripDiacritics(text).toLowerCase();
}
