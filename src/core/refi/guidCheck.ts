/**
 * Duplicated GUIDs. Elements are told apart by GUID, and other elements refer to them by it: when
 * two users, codes, sources, notes or variables share one, every reference to it is ambiguous (one
 * coder's codings would land with another, two codes would become one). Codeboom does not guess:
 * such an archive is refused, with the GUID and the elements named. Selections are referred to by
 * nothing Codeboom imports, so two selections sharing a GUID are imported apart and reported.
 */
import { RefiError } from './errors';
import type { RefiCode } from './codebook';
import { normalizeGuid } from './guid';
import type { XmlElement } from './xml';
import { attr, child, children } from './xml';

const SOURCE_TAGS = ['TextSource', 'PDFSource', 'PictureSource', 'AudioSource', 'VideoSource'];

interface Named {
  readonly guid: string | undefined;
  readonly name: string;
}

function refuseDuplicates(kind: string, refers: string, items: readonly Named[]): void {
  const first = new Map<string, string>();
  for (const { guid, name } of items) {
    if (guid === undefined) {
      continue;
    }
    const other = first.get(guid);
    if (other !== undefined) {
      throw new RefiError(
        `The archive is refused: the GUID ${guid} belongs to two ${kind}s, "${other}" and "${name}", so ${refers} cannot be told apart. Export the project again, or give one of them a new GUID.`,
      );
    }
    first.set(guid, name);
  }
}

function named(el: XmlElement, fallback: string): Named {
  return { guid: normalizeGuid(attr(el, 'guid')), name: attr(el, 'name')?.trim() || fallback };
}

/** Every code of a codebook, depth first. */
function flatten(codes: readonly RefiCode[]): RefiCode[] {
  const out: RefiCode[] = [];
  const stack = [...codes].reverse();
  while (stack.length) {
    const c = stack.pop()!;
    out.push(c);
    for (let i = c.children.length - 1; i >= 0; i--) {
      stack.push(c.children[i]);
    }
  }
  return out;
}

/** Refuses a codebook in which two codes share a GUID. */
export function checkCodeGuids(codes: readonly RefiCode[]): void {
  refuseDuplicates('code', 'the codings and sets that refer to it', flatten(codes));
}

/**
 * Refuses a project whose users, codes, sources, notes or variables share GUIDs; returns warnings
 * for selections that share one (imported apart).
 */
export function checkProjectGuids(root: XmlElement, codes: readonly RefiCode[]): string[] {
  refuseDuplicates(
    'user',
    'whose codings are whose',
    children(child(root, 'Users'), 'User').map((u) => named(u, 'unnamed user')),
  );
  checkCodeGuids(codes);
  const sources = SOURCE_TAGS.flatMap((tag) => children(child(root, 'Sources'), tag));
  refuseDuplicates(
    'source',
    'the cases and sets that refer to it',
    sources.map((s) => named(s, attr(s, 'plainTextPath') ?? attr(s, 'path') ?? 'unnamed source')),
  );
  refuseDuplicates(
    'note',
    'the memos that refer to it',
    children(child(root, 'Notes'), 'Note').map((n) => named(n, 'unnamed note')),
  );
  refuseDuplicates(
    'variable',
    'the values that refer to it',
    children(child(root, 'Variables'), 'Variable').map((v) => named(v, 'unnamed variable')),
  );
  const selections = new Map<string, number>();
  for (const s of children(child(root, 'Sources'), 'TextSource')) {
    for (const sel of children(s, 'PlainTextSelection')) {
      const g = normalizeGuid(attr(sel, 'guid'));
      if (g) {
        selections.set(g, (selections.get(g) ?? 0) + 1);
      }
    }
  }
  return [...selections]
    .filter(([, n]) => n > 1)
    .map(([g, n]) => `${n} selections share the GUID ${g}; each became a coding of its own (the later ones under new ids).`);
}
