/**
 * What a git merge of codeboom.json could not decide (the same code renamed differently on both
 * branches, or its parent, definition or memo changed differently): the merge driver keeps ours in
 * the file and records the other side in `.codeboom/merge-conflicts.json`; opening the study shows
 * each one that is still open as a warning in the study's problems, at the code. A conflict is open
 * while the code keeps the value the merge chose (for a name: while the other name is still an
 * alias); renaming the code, or removing the alias, settles it.
 */
import * as l10n from '@vscode/l10n';
import type { ProjectData } from '../model';
import type { FileSystemPort } from '../port';
import { decodeText } from '../port';
import type { FileProblem } from '../schema';
import { PROJECT_FILE } from '../schema';
import type { CodeConflict } from './merge';

export const MERGE_CONFLICTS_FILE = '.codeboom/merge-conflicts.json';

/** The recorded conflicts of a merge-conflicts file's text (nothing for a text that is not one). */
export function parseMergeConflicts(text: string | undefined): CodeConflict[] {
  if (text === undefined) {
    return [];
  }
  try {
    const data = JSON.parse(text) as { conflicts?: unknown };
    const fields = ['name', 'parent', 'definition', 'memo'];
    return (Array.isArray(data.conflicts) ? data.conflicts : []).filter(
      (c): c is CodeConflict =>
        !!c && typeof c === 'object' && typeof (c as CodeConflict).code === 'string' && fields.includes((c as CodeConflict).field),
    );
  } catch {
    return [];
  }
}

/** The file's text with `added` recorded too (a conflict recorded already is not repeated). */
export function recordMergeConflicts(existing: string | undefined, added: readonly CodeConflict[]): string {
  const all = parseMergeConflicts(existing);
  const key = (c: CodeConflict): string => JSON.stringify([c.code, c.field, c.ours ?? null, c.theirs ?? null]);
  const seen = new Set(all.map(key));
  for (const c of added) {
    if (!seen.has(key(c))) {
      seen.add(key(c));
      all.push(c);
    }
  }
  return JSON.stringify({ conflicts: all }, null, 2) + '\n';
}

/** The recorded conflicts still open in `project`, as warnings at the code in codeboom.json. */
export function mergeConflictProblems(project: ProjectData, conflicts: readonly CodeConflict[]): FileProblem[] {
  const out: FileProblem[] = [];
  for (const c of conflicts) {
    const index = project.codes.findIndex((k) => k.id === c.code);
    const code = project.codes[index];
    if (!code || (code[c.field] ?? undefined) !== (c.ours ?? undefined)) {
      continue; // gone, or changed since: settled
    }
    if (c.field === 'name' && !(c.theirs !== undefined && (code.aliases ?? []).includes(c.theirs))) {
      continue; // the other name is no longer an alias: settled
    }
    const theirs = c.field === 'parent' ? (project.codes.find((k) => k.id === c.theirs)?.name ?? c.theirs) : c.theirs;
    out.push({
      file: PROJECT_FILE,
      path: ['codes', index, c.field],
      severity: 'warning',
      message:
        c.field === 'name'
          ? l10n.t(
              'a merge kept the name “{0}”, but the other branch renamed this code “{1}” (now an alias): rename the code to “{1}”, or remove the alias “{1}” to keep “{0}”',
              code.name,
              c.theirs ?? '',
            )
          : l10n.t(
              'a merge kept this code’s {0} of one branch; the other branch changed it to “{1}”: edit the {0} to settle it (or delete {2} when settled)',
              c.field,
              theirs ?? '',
              MERGE_CONFLICTS_FILE,
            ),
    });
  }
  return out;
}

/** The open conflicts recorded in the study's merge-conflicts file (none when it is missing or unreadable). */
export async function readMergeConflictProblems(fs: FileSystemPort, project: ProjectData): Promise<FileProblem[]> {
  let text: string | undefined;
  try {
    text = (await fs.stat(MERGE_CONFLICTS_FILE)) ? decodeText(await fs.readFile(MERGE_CONFLICTS_FILE), MERGE_CONFLICTS_FILE) : undefined;
  } catch {
    text = undefined;
  }
  return mergeConflictProblems(project, parseMergeConflicts(text));
}
