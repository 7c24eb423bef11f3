/**
 * Importing a REFI-QDA project (.qdpx) as a new Codeboom study. Plain-text sources become Markdown
 * transcripts (front matter from the case and its variables), codes the codebook, selections and
 * their codings Codeboom codings (code points converted to UTF-16 offsets into the whole file,
 * front matter included), users coders, notes memos (on codes and codings; a source's notes its
 * transcript memo; the others memo files in `.codeboom/memos/`), cases and variables attributes.
 * What cannot be imported is reported by name.
 */
import type { DocxTextReader } from '../port';
import type { SkippedSource } from './importSources';
export type { SkippedSource } from './importSources';
import type { CoderInfo, Coding, ProjectData } from '../model';
import { emptyProject } from '../model';
import type { FileSystemPort } from '../port';
import { append, decodeText, encodeText } from '../port';
import { PROJECT_FILE } from '../schema';
import { studyPath } from '../paths';
import { codingFilePath, serializeCodingFile, serializeProject } from '../serialize';
import { RefiError } from './errors';
import { codebookDepth, countCodes, parseCodes } from './codebook';
import { checkProjectGuids } from './guidCheck';
import type { XmlElement } from './xml';
import { attr, child, childText, children, parseXml } from './xml';
import { DEFAULT_ZIP_LIMITS, ZipReader } from './zip';
import type { ZipLimits } from './zip';
import { findProjectEntry, SourceIndex } from './archive';
import type { CasesAndVariables, Coders, ImportedCodebook, NoteInfo } from './importReferences';
import { importCodebook, readCasesAndVariables, readNotes, readUsers, takeExtras } from './importReferences';
import type { StudyExtras } from './studyExtras';
import type { ImportState } from './importSources';
import { importTextSources, newImportState, skipMediaSources } from './importSources';
import { MEMO_FOLDER, safeFileName, TRANSCRIPT_FOLDER, uniquePath } from './importHelpers';
import { en } from '../plural';

export { MEMO_FOLDER, TRANSCRIPT_FOLDER, transcriptMemoPath, yieldToEventLoop } from './importHelpers';

export interface ImportReport {
  readonly studyName: string;
  readonly origin?: string;
  readonly codes: number;
  readonly codebookDepth: number;
  readonly transcripts: readonly string[];
  /** Selections that became codings (a selection coded by two users becomes two codings). */
  readonly selections: number;
  /** Codeboom codings written. */
  readonly codings: number;
  /** Code applications (REFI Coding elements) imported. */
  readonly codeApplications: number;
  readonly coders: readonly CoderInfo[];
  readonly cases: number;
  readonly variables: number;
  readonly memoFiles: readonly string[];
  readonly skippedSources: readonly SkippedSource[];
  /** Human-readable notes on what was adjusted or left out. */
  readonly warnings: readonly string[];
  /** What the archive holds that did not come into the study (the warnings say more). */
  readonly notImported: NotImported;
  /** True when anything of the archive was not imported: any count of `notImported` above 0. */
  readonly lost: boolean;
}

/** Counts of what an import left behind. */
export interface NotImported {
  /** Sources not imported: media, rich text only, text missing or empty. */
  readonly sources: number;
  /** Selections on imported sources left out (positions outside their text). */
  readonly selections: number;
  /** Code applications (REFI Coding elements) not imported: on skipped sources, left-out selections, missing codes. */
  readonly codings: number;
  /** Sets that Codeboom does not read (groups of codes or documents). */
  readonly sets: number;
  readonly graphs: number;
  readonly links: number;
  /** Memberships of a source in a second or later case (Codeboom keeps one case per transcript). */
  readonly caseMemberships: number;
}

export interface ImportOptions {
  readonly limits?: ZipLimits;
  /** Called as the import advances: fraction done (0…1) and what is happening. */
  readonly onProgress?: (fraction: number, message: string) => void;
  /** Timestamp for codings that carry none. */
  readonly now?: string;
  /**
   * Reads a Word document's text (mammoth outside the core). With it, a source whose text is only in
   * its .docx (NVivo's usual export) is imported from that text; without it, it is reported as not imported.
   */
  readonly readDocx?: DocxTextReader;
}

export interface PlannedStudy {
  /** Study-relative path → file content. */
  readonly files: ReadonlyMap<string, string>;
  readonly report: ImportReport;
}

/** Reads a .qdpx and plans the files of the new study (nothing is written). */
export async function planProjectImport(bytes: Uint8Array, options: ImportOptions = {}): Promise<PlannedStudy> {
  const progress = options.onProgress ?? (() => undefined);
  const now = options.now ?? new Date().toISOString();
  progress(0, 'Reading the archive');
  const { root, readEntryText, readEntryBytes } = readArchive(bytes, options.limits ?? DEFAULT_ZIP_LIMITS);
  const guidWarnings = checkProjectGuids(root, parseCodes(child(child(root, 'CodeBook'), 'Codes')));
  progress(0.1, 'Reading users, codes and notes');
  const coders = readUsers(root);
  const notes = readNotes(root, readEntryText);
  const state = newImportState();
  append(state.warnings, guidWarnings);
  const extras = takeExtras(notes.notes, state.warnings);
  const codebook = importCodebook(root, notes.notes, extras);
  const cases = readCasesAndVariables(root);
  const caseKey = extras?.attributeKeys.case ?? 'case';
  const ctx = {
    now,
    readEntryText,
    readEntryBytes,
    ...(options.readDocx ? { readDocx: options.readDocx } : {}),
    coders,
    notes,
    codeIdOfGuid: codebook.codeIdOfGuid,
    cases,
    extras,
    caseKey,
  };
  await importTextSources(root, ctx, state, progress);
  skipMediaSources(root, state);
  addUnreferencedNotes(notes.notes, state);
  const notImported = addWarnings(root, codebook, state);
  return assemblePlan(root, { codebook, coders, cases, extras }, state, notImported, progress);
}

/** The archive's project.qde (its root element) and a reader for the other entries it names. */
function readArchive(
  bytes: Uint8Array,
  limits: ZipLimits,
): {
  root: XmlElement;
  readEntryText: (path: string | undefined) => string | undefined;
  readEntryBytes: (path: string | undefined) => Uint8Array | undefined;
} {
  const zip = new ZipReader(bytes, limits);
  const qde = findProjectEntry(zip);
  const { name: rootName, root } = parseXml(decodeText(zip.read(qde)), qde.name);
  if (rootName !== 'Project') {
    throw new RefiError(`${qde.name} is not a REFI-QDA project (its root element is <${rootName}>).`);
  }
  const index = new SourceIndex(zip, qde);
  // The byte order mark is kept: a tool may have counted it in the positions (choosePositionMapping).
  const readEntryText = (path: string | undefined): string | undefined => {
    const e = index.resolve(path);
    if (!e) {
      return undefined;
    }
    const bytes = zip.read(e);
    const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return (bom ? '\uFEFF' : '') + decodeText(bytes, e.name);
  };
  const readEntryBytes = (path: string | undefined): Uint8Array | undefined => {
    const e = index.resolve(path);
    return e ? zip.read(e) : undefined;
  };
  return { root, readEntryText, readEntryBytes };
}

/** Notes of the project as a whole (its NoteRefs) and notes nothing refers to become memo files. */
function addUnreferencedNotes(notes: ReadonlyMap<string, NoteInfo>, state: ImportState): void {
  for (const note of notes.values()) {
    if (!note.used && note.text) {
      const path = uniquePath(`${MEMO_FOLDER}/${safeFileName(note.name.replace(/\.md$/i, ''), 'memo')}`, '.md', state.usedPaths);
      state.files.set(path, note.text.endsWith('\n') ? note.text : note.text + '\n');
      state.memoFiles.push(path);
    }
  }
}

/** What was adjusted or left out, for the report; the counts of what was not imported. */
function addWarnings(root: XmlElement, codebook: ImportedCodebook, state: ImportState): NotImported {
  const { warnings, badPositions, unknownCodes, uncoded, multiCase } = state;
  const { sameNameSiblings, unreadSets } = codebook;
  if (sameNameSiblings.length) {
    warnings.push(
      `${en(sameNameSiblings.length, 'code shares', 'codes share')} a name with a sibling (case ignored) and are kept apart by their GUID: ${sameNameSiblings.join(', ')}.`,
    );
  }
  if (badPositions) {
    warnings.push(
      `${en(badPositions, 'selection had positions outside its text and was', 'selections had positions outside their text and were')} left out.`,
    );
  }
  if (unknownCodes) {
    warnings.push(
      `${en(unknownCodes, 'coding referred to codes missing from the codebook and was', 'codings referred to codes missing from the codebook and were')} left out.`,
    );
  }
  if (uncoded) {
    warnings.push(
      `${en(uncoded, 'selection without codes was kept as a quote in the memo of its transcript', 'selections without codes were kept as quotes in the memos of their transcripts')}.`,
    );
  }
  if (multiCase) {
    warnings.push(
      `${en(multiCase, 'source belongs to several cases; Codeboom keeps the first as its case', 'sources belong to several cases; Codeboom keeps the first as their case')}.`,
    );
  }
  if (codebook.createdFactors.length) {
    warnings.push(
      `${en(codebook.createdFactors.length, '"factor: …" set', '"factor: …" sets')} named no known literature factor; their factors are made in the catalogue "Imported from REFI-QDA": ${codebook.createdFactors.join(', ')}.`,
    );
  }
  if (unreadSets.length) {
    warnings.push(
      `${en(unreadSets.length, 'set (a group of codes or documents) is', 'sets (groups of codes or documents) are')} not imported: ${unreadSets.join(', ')}.`,
    );
  }
  const graphs = children(child(root, 'Graphs'), 'Graph').length;
  if (graphs) {
    warnings.push('Graphs (networks) are not imported.');
  }
  const links = children(child(root, 'Links'), 'Link').length;
  if (links) {
    warnings.push('Links between codes, quotes and memos are not imported.');
  }
  return {
    sources: state.skippedSources.length,
    selections: badPositions,
    codings: unknownCodes + state.lostCodings + state.skippedSources.reduce((n, s) => n + s.codings, 0),
    sets: unreadSets.length,
    graphs,
    links,
    caseMemberships: state.extraCaseMemberships,
  };
}

/** The project file and the coding files (one per transcript and coder) join the planned files; the report. */
function assemblePlan(
  root: XmlElement,
  read: { codebook: ImportedCodebook; coders: Coders; cases: CasesAndVariables; extras: StudyExtras | undefined },
  state: ImportState,
  notImported: NotImported,
  progress: (fraction: number, message: string) => void,
): PlannedStudy {
  const { files, codings } = state;
  const { codebook, coders, extras } = read;
  const { cases, variables } = read.cases;
  const { projectName, refiCodes } = codebook;
  // The cases as the export recorded them (names, descriptions), then any the archive adds. A case
  // the export did not record has no description there (the transcripts' front matter names it).
  const recorded = extras?.cases ?? [];
  const added = cases.filter((c) => !recorded.some((r) => r.id === c.id) && (!extras || c.description !== undefined));
  const allCases = [...recorded, ...added];
  const projectDescription = childText(root, 'Description');
  const project: ProjectData = {
    ...emptyProject(projectName),
    ...(projectDescription ? { description: projectDescription } : {}),
    transcriptFolders: [TRANSCRIPT_FOLDER],
    ...(extras ? { attributeKeys: extras.attributeKeys, respondents: extras.respondents } : {}),
    cases: allCases,
    coders: coders.coders,
    codes: codebook.codes,
    catalogues: codebook.catalogues,
    links: codebook.links,
  };
  files.set(PROJECT_FILE, serializeProject(project));
  const partitions = new Map<string, Coding[]>();
  for (const c of codings) {
    const key = codingFilePath(c.doc, c.coder);
    const list = partitions.get(key);
    if (list) {
      list.push(c);
    } else {
      partitions.set(key, [c]);
    }
  }
  for (const [path, list] of partitions) {
    files.set(path, serializeCodingFile(list[0].doc, list[0].coder, list));
  }
  const origin = attr(root, 'origin');
  progress(0.9, 'Writing the study');
  return {
    files,
    report: {
      studyName: projectName,
      ...(origin ? { origin } : {}),
      codes: countCodes(refiCodes),
      codebookDepth: codebookDepth(refiCodes),
      transcripts: state.transcripts,
      selections: state.selections,
      codings: codings.length,
      codeApplications: state.codeApplications,
      coders: coders.coders,
      cases: allCases.length,
      variables: variables.size,
      memoFiles: state.memoFiles,
      skippedSources: state.skippedSources,
      warnings: state.warnings,
      notImported,
      lost: Object.values(notImported).some((n) => n > 0),
    },
  };
}

/** Imports a .qdpx as a new study into an empty folder. */
export async function importProject(bytes: Uint8Array, target: FileSystemPort, options: ImportOptions = {}): Promise<ImportReport> {
  const entries = (await target.readDirectory('')).filter(([name]) => !IGNORABLE.has(name));
  if (entries.length > 0) {
    throw new RefiError(
      `The target folder is not empty (it holds ${entries
        .map(([n]) => n)
        .slice(0, 5)
        .join(', ')}${entries.length > 5 ? ', …' : ''}); choose an empty folder for the imported study.`,
    );
  }
  const planned = await planProjectImport(bytes, options);
  // Every planned path passes the study path rule before anything is written.
  const paths = [...planned.files].filter(([p]) => p !== PROJECT_FILE).map(([p, text]) => [studyPath(p), text] as const);
  let done = 0;
  for (const [path, text] of paths) {
    await target.writeFileAtomic(path, encodeText(text));
    done++;
    if (done % 20 === 0) {
      options.onProgress?.(0.9 + (0.1 * done) / paths.length, 'Writing the study');
    }
  }
  // The project file last: a folder with a codeboom.json is a complete study.
  await target.writeFileAtomic(PROJECT_FILE, encodeText(planned.files.get(PROJECT_FILE)!));
  options.onProgress?.(1, 'Done');
  return planned.report;
}

const IGNORABLE = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.git']);
