/** Coding operations on transcripts, as pure functions that return the study operations to apply. */
import type { Code, Coding } from './model';
import type { Operation, Study } from './study';
import { makeAnchor } from './anchor';
import { foldText, newId } from './ids';
import { nextColor } from './palette';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Applies codes to spans of a transcript. A span the same coder already coded exactly gets the
 * missing codes added to that coding instead of a duplicate.
 */
export function applyCodes(
  study: Study,
  doc: string,
  text: string,
  spans: readonly Span[],
  codeIds: readonly string[],
  coder: string,
  now = new Date().toISOString(),
): Operation[] {
  const ops: Operation[] = [];
  for (const span of spans) {
    const [s, e] = trimSpan(text, span.start, span.end);
    if (e <= s) {
      continue;
    }
    const same = study.codingsOf(doc).find((c) => c.coder === coder && c.start === s && c.end === e && !c.orphaned);
    if (same) {
      const missing = codeIds.filter((id) => !same.codes.includes(id));
      if (missing.length) {
        ops.push({ kind: 'updateCoding', id: same.id, patch: { codes: [...same.codes, ...missing], modified: now } });
      }
      continue;
    }
    ops.push({ kind: 'addCoding', coding: { id: newId(), doc, coder, codes: [...codeIds], ...makeAnchor(text, s, e), created: now } });
  }
  return ops;
}

/** Whitespace at the edges of a selection is not part of the passage. */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) {
    s++;
  }
  while (e > s && /\s/.test(text[e - 1])) {
    e--;
  }
  // A selection of a whole turn starts with the speaker's label: the passage is what was said.
  const label = /^\*\*[^*\n]{1,80}:\*\*[ \t]*/.exec(text.slice(s, Math.min(e, s + 100)));
  if (label && (s === 0 || text[s - 1] === '\n') && s + label[0].length < e) {
    s += label[0].length;
  }
  return [s, e];
}

/** A new code, coloured with the least used palette colour. */
export function newCode(study: Study, name: string, parent?: string, extra: Partial<Code> = {}): Code {
  return {
    id: newId(),
    name: name.trim(),
    ...(parent ? { parent } : {}),
    color: nextColor(
      study.codes.map((c) => c.color),
      study.palette?.length ? study.palette : undefined,
    ),
    ...extra,
  };
}

/** The most words an in-vivo name takes from the passage, and its longest length. */
export const IN_VIVO_WORDS = 5;
export const IN_VIVO_CHARS = 40;

/**
 * A code named after the selected words (in vivo): without surrounding quotes, the first few words
 * (at most IN_VIVO_WORDS, at most IN_VIVO_CHARS characters unless one word is longer), without
 * trailing punctuation, ending early where a clause ends. People can still edit it before the code is made.
 */
export function inVivoName(selected: string): string {
  const strip = (s: string) => s.replace(/^["'“”‘’„«»(]+|["'“”‘’„«».,;:!?)]+$/g, '');
  const words = strip(selected.replace(/\s+/g, ' ').trim()).split(' ').filter(Boolean);
  let name = '';
  for (const word of words.slice(0, IN_VIVO_WORDS)) {
    const next = name ? `${name} ${word}` : word;
    if (name && next.length > IN_VIVO_CHARS) {
      break;
    }
    name = next;
    if (/[,;:.!?]$/.test(word)) {
      break; // a clause ends here: a name of whole phrases reads better
    }
  }
  return strip(name.length > IN_VIVO_CHARS * 2 ? name.slice(0, IN_VIVO_CHARS * 2) : name).trim();
}

/** Removes one code from a coding, or the whole coding when it was the last code. */
export function removeCodeFromCoding(coding: Coding, codeId: string, now = new Date().toISOString()): Operation {
  if (coding.codes.length <= 1 || !coding.codes.includes(codeId)) {
    return { kind: 'removeCoding', id: coding.id };
  }
  return { kind: 'updateCoding', id: coding.id, patch: { codes: coding.codes.filter((c) => c !== codeId), modified: now } };
}

const STOPWORDS = new Set(
  (
    'de het een en van in op te dat die is was zijn er niet met voor aan om ook als bij of dan maar nog wel naar uit door over ' +
    'je we ze ik u hij zij wij jullie hun ons mijn dit deze wat wie hoe waar wordt worden kan kunnen moet moeten zou zouden heb hebben heeft ' +
    'dus nou ja nee eh zeg maar gewoon heel echt veel meer mee toen tot al the a an of to and is are for on with that this it'
  ).split(' '),
);

function words(text: string): string[] {
  return foldText(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2 && !STOPWORDS.has(w));
}

/**
 * Codes whose name, aliases or definition share words with the selection, best first. Words are
 * compared on their first five letters so that "middelen" in a definition matches "middel".
 */
export function suggestCodes(study: Study, selection: string, limit = 5): Code[] {
  const stem = (w: string): string => w.slice(0, 5);
  const selected = new Set(words(selection).map(stem));
  if (selected.size === 0) {
    return [];
  }
  const scored: Array<{ code: Code; score: number }> = [];
  for (const code of study.codes) {
    const nameWords = words([code.name, ...(code.aliases ?? [])].join(' ')).map(stem);
    const defWords = words(code.definition ?? '').map(stem);
    let score = 0;
    for (const w of new Set(nameWords)) {
      if (selected.has(w)) {
        score += 3;
      }
    }
    for (const w of new Set(defWords)) {
      if (selected.has(w)) {
        score += 1;
      }
    }
    if (score > 0) {
      scored.push({ code, score });
    }
  }
  return scored
    .sort((a, b) => b.score - a.score || a.code.name.localeCompare(b.code.name))
    .slice(0, limit)
    .map((s) => s.code);
}
