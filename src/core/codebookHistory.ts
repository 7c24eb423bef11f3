/**
 * The codebook's history from git (issue 20): who created, renamed and merged each code, and when,
 * read from `git log -p` of codeboom.json with the whole file as context ({@link CODEBOOK_LOG_ARGS}),
 * so every commit's file before and after is known and compared code by code (by id). Pure: the
 * glue runs git through the local machine port and hands the text in.
 */
import * as l10n from '@vscode/l10n';

/** The arguments of `git log` whose output {@link codebookHistory} reads (oldest commit first). */
export const CODEBOOK_LOG_ARGS: readonly string[] = [
  '-p',
  '--reverse',
  '--no-color',
  '--no-ext-diff',
  '--no-renames',
  '--unified=100000000',
  '--format=%x1eCOMMIT%x1f%H%x1f%an%x1f%aI',
  '--',
  'codeboom.json',
];

export interface CodeEvent {
  readonly kind: 'created' | 'renamed' | 'merged' | 'deleted';
  /** The code the event belongs to (for 'merged': the code that took the other in). */
  readonly code: string;
  readonly who: string;
  /** ISO date of the commit. */
  readonly when: string;
  readonly commit: string;
  /** The code's name after the event (for 'merged' and 'deleted': the name of the code that went). */
  readonly name: string;
  /** 'renamed': the name before. */
  readonly from?: string;
}

interface FileVersions {
  readonly commit: string;
  readonly who: string;
  readonly when: string;
  readonly before?: string;
  readonly after?: string;
}

/** Each commit of the log with the file's text before and after it (undefined: the file did not exist, or no diff). */
export function commitsOfLog(log: string): FileVersions[] {
  const out: FileVersions[] = [];
  for (const chunk of log.split('\x1e')) {
    const lines = chunk.split('\n').map((l) => l.replace(/\r$/, ''));
    const head = lines[0].split('\x1f');
    if (head[0] !== 'COMMIT' || head.length < 4) {
      continue;
    }
    const [, commit, who, when] = head;
    const hunk = lines.findIndex((l) => l.startsWith('@@'));
    if (hunk < 0) {
      continue; // a merge commit (no diff of its own), or a binary file
    }
    const header = lines.slice(1, hunk);
    const before: string[] = [];
    const after: string[] = [];
    for (const l of lines.slice(hunk + 1)) {
      if (l.startsWith(' ')) {
        before.push(l.slice(1));
        after.push(l.slice(1));
      } else if (l.startsWith('-')) {
        before.push(l.slice(1));
      } else if (l.startsWith('+')) {
        after.push(l.slice(1));
      }
    }
    out.push({
      commit,
      who,
      when,
      ...(header.includes('--- /dev/null') ? {} : { before: before.join('\n') }),
      ...(header.includes('+++ /dev/null') ? {} : { after: after.join('\n') }),
    });
  }
  return out;
}

interface CodeLike {
  readonly id: string;
  readonly name: string;
  readonly aliases?: readonly string[];
}

/** The codes of a codeboom.json text; undefined when it is not a study file (conflict markers, not JSON). */
function codesOf(text: string | undefined): Map<string, CodeLike> | undefined {
  if (text === undefined) {
    return new Map();
  }
  try {
    const data = JSON.parse(text) as { codes?: unknown };
    const codes = Array.isArray(data.codes) ? data.codes : [];
    return new Map(
      codes
        .filter((c): c is CodeLike => !!c && typeof c === 'object' && typeof c.id === 'string' && typeof c.name === 'string')
        .map((c) => [c.id, c]),
    );
  } catch {
    return undefined;
  }
}

/** The events of one commit: codes created, renamed, merged into another (its name became an alias there), deleted. */
function eventsOf(v: FileVersions): CodeEvent[] {
  const before = codesOf(v.before);
  const after = codesOf(v.after);
  if (!before || !after) {
    return [];
  }
  const at = { who: v.who, when: v.when, commit: v.commit };
  const events: CodeEvent[] = [];
  for (const [id, c] of after) {
    const old = before.get(id);
    if (!old) {
      events.push({ kind: 'created', code: id, name: c.name, ...at });
    } else if (old.name !== c.name) {
      events.push({ kind: 'renamed', code: id, name: c.name, from: old.name, ...at });
    }
  }
  for (const [id, c] of before) {
    if (after.has(id)) {
      continue;
    }
    const into = [...after.values()].find((t) => (t.aliases ?? []).includes(c.name) && !(before.get(t.id)?.aliases ?? []).includes(c.name));
    events.push(into ? { kind: 'merged', code: into.id, name: c.name, ...at } : { kind: 'deleted', code: id, name: c.name, ...at });
  }
  return events;
}

/** Every code's events, oldest first, from the output of `git log` with {@link CODEBOOK_LOG_ARGS}. */
export function codebookHistory(log: string): Map<string, CodeEvent[]> {
  const byCode = new Map<string, CodeEvent[]>();
  for (const v of commitsOfLog(log)) {
    for (const e of eventsOf(v)) {
      (byCode.get(e.code) ?? byCode.set(e.code, []).get(e.code)!).push(e);
    }
  }
  return byCode;
}

/** One event as a sentence for a code's tooltip ("renamed from “x” by Ann, 2026-11-30"). */
export function eventSentence(e: CodeEvent): string {
  const day = e.when.slice(0, 10);
  switch (e.kind) {
    case 'created':
      return l10n.t('created as “{0}” by {1}, {2}', e.name, e.who, day);
    case 'renamed':
      return l10n.t('renamed from “{0}” to “{1}” by {2}, {3}', e.from ?? '', e.name, e.who, day);
    case 'merged':
      return l10n.t('“{0}” merged into it by {1}, {2}', e.name, e.who, day);
    case 'deleted':
      return l10n.t('deleted by {0}, {1}', e.who, day);
  }
}
