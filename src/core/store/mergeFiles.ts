/**
 * Three-way merges of whole study files as text, for git's merge driver (`codeboom merge-driver`):
 * the same record-by-record merge the store applies to changes on disk, from three texts to one
 * valid file. Transcripts are never merged here; they are not study records.
 */
import type { Coding, ProjectData } from '../model';
import type { FileProblem } from '../schema';
import { CODINGS_FOLDER, PROJECT_FILE, parseCodingFile, parseProjectFile } from '../schema';
import { serializeCodingFile, serializeProject } from '../serialize';
import type { CodeConflict } from './merge';
import { mergeCodings, mergeProjectReport } from './merge';

export type StudyFileMerge =
  | { readonly kind: 'project' | 'codings'; readonly text: string; readonly conflicts: readonly CodeConflict[] }
  /** Not a study file (a transcript, say): left to git's own merge. */
  | { readonly kind: 'other' }
  /** A side that is not a valid study file (conflict markers committed, a newer schema): nothing merged. */
  | { readonly kind: 'refused'; readonly problems: readonly FileProblem[] };

/** Which study file a repository path is: `codeboom.json` or a codings file of any study folder in the repository. */
export function mergeKind(path: string): 'project' | 'codings' | 'other' {
  const p = path.replace(/\\/g, '/');
  if (p === PROJECT_FILE || p.endsWith(`/${PROJECT_FILE}`)) {
    return 'project';
  }
  const inCodings = p.startsWith(`${CODINGS_FOLDER}/`) || p.includes(`/${CODINGS_FOLDER}/`);
  return inCodings && p.endsWith('.json') ? 'codings' : 'other';
}

/** An empty side (git's base of an add/add conflict, a file one side deleted). */
function isEmpty(text: string): boolean {
  return text.trim() === '';
}

const EMPTY_PROJECT = { codes: [], links: [], cases: [], respondents: [], coders: [], catalogues: [] } as unknown as ProjectData;

/**
 * Merges base, ours and theirs of the study file at `path`. `used(ids)` tells which of the codes the
 * merge would drop are still used by codings (of either side): they are kept.
 */
export function mergeStudyFile(
  path: string,
  base: string,
  ours: string,
  theirs: string,
  used: (dropped: readonly string[]) => ReadonlySet<string> = () => new Set(),
): StudyFileMerge {
  const kind = mergeKind(path);
  if (kind === 'other') {
    return { kind };
  }
  return kind === 'project' ? mergeProjectText(path, base, ours, theirs, used) : mergeCodingsText(path, base, ours, theirs);
}

function mergeProjectText(
  path: string,
  base: string,
  ours: string,
  theirs: string,
  used: (dropped: readonly string[]) => ReadonlySet<string>,
): StudyFileMerge {
  const [b, o, t] = [base, ours, theirs].map((text) => (isEmpty(text) ? undefined : parseProjectFile(path, text)));
  const problems = [b, o, t].flatMap((r) => (r && !r.ok ? r.problems : []));
  if (problems.length > 0 || (!o && !t)) {
    return { kind: 'refused', problems };
  }
  const baseP = b?.ok ? b.value : EMPTY_PROJECT;
  const oursP = o?.ok ? o.value : baseP;
  const theirsP = t?.ok ? t.value : baseP;
  let result = mergeProjectReport(baseP, oursP, theirsP);
  const kept = new Set(result.project.codes.map((c) => c.id));
  const dropped = [...new Set([...baseP.codes, ...oursP.codes, ...theirsP.codes].map((c) => c.id))].filter((id) => !kept.has(id));
  if (dropped.length > 0) {
    const stillUsed = used(dropped);
    if (stillUsed.size > 0) {
      result = mergeProjectReport(baseP, oursP, theirsP, stillUsed);
    }
  }
  const text = serializeProject(result.project);
  const check = parseProjectFile(path, text);
  return check.ok ? { kind: 'project', text, conflicts: result.conflicts } : { kind: 'refused', problems: check.problems };
}

function mergeCodingsText(path: string, base: string, ours: string, theirs: string): StudyFileMerge {
  const [b, o, t] = [base, ours, theirs].map((text) => (isEmpty(text) ? undefined : parseCodingFile(path, text)));
  const problems = [b, o, t].flatMap((r) => (r && !r.ok ? r.problems : []));
  // The transcript a file belongs to, three-way too: a side that renamed the transcript (git followed the rename) wins.
  const baseOwner = b?.ok ? b.value : undefined;
  const oursOwner = o?.ok ? o.value : undefined;
  const owner =
    oursOwner && t?.ok && baseOwner && oursOwner.document === baseOwner.document ? t.value : (oursOwner ?? (t?.ok ? t.value : undefined));
  if (problems.length > 0 || !owner) {
    return { kind: 'refused', problems };
  }
  const codings = (r: typeof b): Coding[] => (r?.ok ? r.value.codings : []);
  // A side that deleted the file deleted its records: the other side's new and changed ones stay.
  const merged = mergeCodings(codings(b), o ? codings(o) : codings(b), t ? codings(t) : codings(b));
  const text = serializeCodingFile(
    owner.document,
    owner.coder,
    merged.map((c) => ({ ...c, doc: owner.document, coder: owner.coder })),
  );
  const check = parseCodingFile(path, text);
  return check.ok ? { kind: 'codings', text, conflicts: [] } : { kind: 'refused', problems: check.problems };
}
