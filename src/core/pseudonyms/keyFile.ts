/**
 * The key file: the pseudonym list on disk (JSON), where it lives, and the `.gitignore` entry that
 * keeps it out of a study repository when the user puts it inside the study.
 *
 * Default place: beside the study folder, `../<study folder>.pseudonyms.json`. Outside the study,
 * so a study repository (or a zip of the folder) can be shared without the key; visible next to it,
 * so the researcher sees it, backs it up and deletes it at the end of the project (as ethics boards
 * ask); and found by the CLI with no option, which VS Code's hidden global storage would not be.
 * `pseudonymKey` in codeboom.json moves it (relative to the study folder, or absolute).
 */
import * as l10n from '@vscode/l10n';
import { normalizeStudyPath } from '../paths';
import { StudyFileError } from '../schema';
import type { CandidateKind } from './candidates';
import { PseudonymListSchema, type PseudonymEntry, type PseudonymList } from './list';

/** Where the key file is: a study path (then a `.gitignore` entry is due), or outside the study. */
export type KeyLocation =
  | { readonly inside: true; readonly path: string }
  /** Relative to the study folder (starting with `..`), or absolute. */
  | { readonly inside: false; readonly path: string };

/** Reads and writes the key file, wherever it is (the extension: VS Code's file system; the CLI: Node). */
export interface KeyFileAccess {
  /** Undefined: there is no key file. */
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
  /** The file as people know it (a path), for messages. */
  readonly label: string;
}

export function defaultKeyPath(studyFolderName: string): string {
  return `../${studyFolderName}.pseudonyms.json`;
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** The key file's place for the study's setting (undefined: the default). */
export function keyLocation(setting: string | undefined, studyFolderName: string): KeyLocation {
  const path = setting?.trim() || defaultKeyPath(studyFolderName);
  if (isAbsolute(path)) {
    return { inside: false, path };
  }
  const inside = normalizeStudyPath(path.replace(/\\/g, '/'));
  return inside.ok ? { inside: true, path: inside.path } : { inside: false, path: path.replace(/\\/g, '/') };
}

/** The list in a key file's text; a file that is not a list is a {@link StudyFileError} naming it. */
export function parseKeyFile(text: string, file: string): PseudonymList {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new StudyFileError([{ file, path: [], message: `is not valid JSON (${e instanceof Error ? e.message : String(e)})` }]);
  }
  const parsed = PseudonymListSchema.safeParse(json);
  if (!parsed.success) {
    throw new StudyFileError(
      parsed.error.issues.map((i) => ({ file, path: i.path.filter((p) => typeof p !== 'symbol'), message: i.message })),
    );
  }
  return parsed.data;
}

export function serializeKeyFile(list: PseudonymList): string {
  return `${JSON.stringify({ version: 1, entries: list.entries }, null, 2)}\n`;
}

/** The list in the key file, or undefined when there is none. */
export async function loadKeyFile(access: KeyFileAccess): Promise<PseudonymList | undefined> {
  const text = await access.read();
  return text === undefined ? undefined : parseKeyFile(text, access.label);
}

/**
 * `.gitignore` with a line for `path` (a study path), or undefined when a line already names it
 * (as `path` or `/path`).
 */
export function gitignoreWithEntry(existing: string | undefined, path: string): string | undefined {
  const lines = (existing ?? '').split(/\r?\n/u).map((l) => l.trim());
  if (lines.includes(path) || lines.includes(`/${path}`)) {
    return undefined;
  }
  const base = existing ?? '';
  const sep = base === '' || base.endsWith('\n') ? '' : '\n';
  return `${base}${sep}# Codeboom: real names (the pseudonym key, its backups) are never committed\n/${path}\n`;
}

/** What replaces an accepted candidate by default: the speaker label's own letter, else a bracketed kind. */
export function suggestedReplacement(kind: CandidateKind, list: PseudonymList): string {
  switch (kind) {
    case 'email':
      return l10n.t('[e-mail]');
    case 'phone':
      return l10n.t('[phone number]');
    case 'postcode':
      return l10n.t('[postcode]');
    default: {
      const used = new Set(list.entries.map((e) => e.replacement));
      const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
      for (const letter of letters) {
        const r = l10n.t('Person {0}', letter);
        if (!used.has(r)) {
          return r;
        }
      }
      return l10n.t('[name]');
    }
  }
}

/** The list with entries added; a term already listed (same text, any case) is replaced by the new entry. */
export function withEntries(list: PseudonymList, entries: readonly PseudonymEntry[]): PseudonymList {
  const added = new Set(entries.map((e) => e.term.toLowerCase()));
  return { version: 1, entries: [...list.entries.filter((e) => !added.has(e.term.toLowerCase())), ...entries] };
}

/**
 * The list that undoes a pseudonymisation: each replacement back to its term (re-identification).
 * Only replacements that stand for one term: "[e-mail]" for three addresses cannot be turned back.
 */
export function reversedList(list: PseudonymList): PseudonymList {
  const uses = new Map<string, number>();
  for (const e of list.entries) {
    uses.set(e.replacement, (uses.get(e.replacement) ?? 0) + 1);
  }
  return {
    version: 1,
    entries: list.entries
      .filter((e) => e.replacement.trim() !== '' && uses.get(e.replacement) === 1)
      .map((e) => ({ term: e.replacement, replacement: e.term, wholeWord: e.wholeWord, caseSensitive: true })),
  };
}
