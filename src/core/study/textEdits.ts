/** Helpers of Study kept apart (the class stays under the file size rule): a coding moved through text edits made in the editor, the cases and respondents. */
import type { TextEdit } from '../anchor';
import { transformRange } from '../anchor';
import type { Coding } from '../model';

/**
 * The coding after `edits` (in the order VS Code reports them, each relative to the text after the
 * previous one): moved, or an orphan when its text was deleted; undefined when it stays where it is.
 */
export function throughEdits(c: Coding, edits: readonly TextEdit[]): Coding | undefined {
  let start = c.start;
  let end = c.end;
  for (const edit of edits) {
    const r = transformRange(start, end, edit);
    if (!r) {
      start = end = Math.min(edit.start, start);
      return { ...c, start, end, orphaned: true };
    }
    start = r.start;
    end = r.end;
  }
  return start !== c.start || end !== c.end ? { ...c, start, end } : undefined;
}

/** The values declared, then the others found, each once, in the order found. */
export function declaredThenFound(declared: string[], found: ReadonlyArray<string | undefined>): string[] {
  const seen = new Set(declared);
  for (const v of found) {
    if (v !== undefined && !seen.has(v)) {
      seen.add(v);
      declared.push(v);
    }
  }
  return declared;
}
