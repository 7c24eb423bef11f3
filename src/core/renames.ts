/**
 * A transcript (or a folder of them) renamed or moved: its codings follow it. The move is one
 * study transaction (undoable): each coding leaves the old transcript's partition and joins the new
 * one's with the same id, offsets and anchors (the text did not change, only its path).
 */
import type { Operation, Study } from './study';

/** Where `path` goes when `from` (a file, or a folder of files) becomes `to`; undefined when it is not under `from`. */
export function renamedPath(path: string, from: string, to: string): string | undefined {
  if (path === from) {
    return to;
  }
  return path.startsWith(`${from}/`) ? `${to}${path.slice(from.length)}` : undefined;
}

/** The partitions (transcript and coder) whose codings leave, and the operations that move them. */
export function moveCodingsOps(
  study: Study,
  renames: ReadonlyArray<{ readonly from: string; readonly to: string }>,
): { ops: Operation[]; left: Array<{ doc: string; coder: string }>; moved: number } {
  const removes: Operation[] = [];
  const adds: Operation[] = [];
  const left = new Map<string, { doc: string; coder: string }>();
  for (const c of study.allCodings()) {
    for (const { from, to } of renames) {
      const doc = renamedPath(c.doc, from, to);
      if (doc !== undefined && doc !== c.doc) {
        removes.push({ kind: 'removeCoding', id: c.id });
        adds.push({ kind: 'addCoding', coding: { ...c, doc } });
        left.set(`${c.doc}\u0000${c.coder}`, { doc: c.doc, coder: c.coder });
        break;
      }
    }
  }
  return { ops: [...removes, ...adds], left: [...left.values()], moved: adds.length };
}

/**
 * Transcripts renamed outside Codeboom (`git mv`, a pull, the file manager): for each transcript that
 * codings name but the study lacks, the one transcript of the study whose text holds every quote of
 * those codings. Undefined where none or several do (nothing is guessed).
 */
export function renameCandidates(study: Study, text: (doc: string) => string | undefined): Map<string, string> {
  const quotes = new Map<string, string[]>();
  for (const c of study.allCodings()) {
    if (!study.document(c.doc) && !c.orphaned && c.quote !== '') {
      (quotes.get(c.doc) ?? quotes.set(c.doc, []).get(c.doc)!).push(c.quote);
    }
  }
  const found = new Map<string, string>();
  for (const [missing, qs] of quotes) {
    const fits = study.documents.filter((d) => {
      const t = text(d.path);
      return t !== undefined && qs.every((q) => t.includes(q));
    });
    if (fits.length === 1) {
      found.set(missing, fits[0].path);
    }
  }
  return found;
}
