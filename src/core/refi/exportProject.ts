/**
 * Exporting a study as a REFI-QDA project (.qdpx, valid against Project.xsd). Transcripts become
 * plain-text sources (their body, UTF-8, front matter left out) with selections counted in code
 * points; their front matter becomes cases (the case key) and variables (every other key). Codes
 * keep their ids as GUIDs, so a code has the same GUID in every export; selection GUIDs are the
 * coding ids. Coders become users, memos notes (on codes, selections, sources, or the project);
 * polarity, origin and literature-factor links become code sets; what REFI-QDA has no place for
 * (catalogues, aliases, settings, front matter as written) one note that Codeboom reads back (./studyExtras). Orphaned codings have no text to point at and are left out (and counted).
 */
import type { AttributeValue, Coding, TranscriptDocument } from '../model';
import type { FileSystemPort } from '../port';
import { decodeText, encodeText, joinPath } from '../port';
import type { Study } from '../study';
import { derivedGuid, guidOf } from './guid';
import { codeElements, codeGuid, codeSets, NS_PROJECT } from './codebook';
import { attrs, buildXml, textNode } from './xml';
import { writeZip } from './zip';
import { PositionMap } from './positions';
import { MEMO_FOLDER, yieldToEventLoop } from './importHelpers';
import { EXTRAS_NOTE_GUID, EXTRAS_NOTE_NAME, extrasNoteText } from './studyExtras';
import type { VariableType } from './exportValues';
import { selectionName, sourceName, validDate, variableType, variableValueEl } from './exportValues';
import { en } from '../plural';

export interface MemoFile {
  /** Path inside the memo folder: a transcript's path for its memo, else e.g. `journal.md`. */
  readonly path: string;
  readonly text: string;
}

export interface ExportInput {
  readonly study: Study;
  /** The current text of a transcript (the editor's when it is open). */
  readonly text: (doc: string) => string | undefined;
  /** The memo files (`.codeboom/memos/**`): a transcript's memo becomes a note on its source, the others notes of the project. */
  readonly memos?: readonly MemoFile[];
  readonly origin?: string;
  /** Export time (creationDateTime of the project). */
  readonly now?: string;
  readonly onProgress?: (fraction: number, message: string) => void;
}

export interface ExportReport {
  readonly sources: number;
  readonly selections: number;
  readonly codeApplications: number;
  readonly codes: number;
  readonly users: number;
  readonly notes: number;
  readonly cases: number;
  readonly variables: number;
  /** Orphaned codings (their text is gone) that were left out. */
  readonly skippedOrphans: number;
  /** Transcripts whose text could not be read, left out with their codings. */
  readonly skippedDocuments: readonly string[];
  readonly warnings: readonly string[];
}

export interface ExportResult {
  readonly bytes: Uint8Array;
  /** The project.qde (for inspection and tests). */
  readonly xml: string;
  readonly sourceFiles: ReadonlyMap<string, string>;
  readonly report: ExportReport;
}

export function userGuid(coder: string): string {
  return guidOf('user', coder);
}

export function sourceGuid(doc: string): string {
  return derivedGuid('source', doc);
}

export function selectionGuid(coding: Coding): string {
  return guidOf('coding', coding.id);
}

export async function exportProject(input: ExportInput): Promise<ExportResult> {
  const { study } = input;
  const progress = input.onProgress ?? (() => undefined);
  const now = input.now ?? new Date().toISOString();
  const caseKey = study.project.attributeKeys.case;
  const notes = newNotes();

  const users = exportUsers(study);
  // Codes (memos as notes attached to them).
  const codes = codeElements(study, undefined, {
    noteRefOf: (code) => (code.memo ? notes.add(derivedGuid('note', `code\u0000${code.id}`), `Memo: ${code.name}`, code.memo) : undefined),
  });
  const { docs, skippedDocuments } = readableDocuments(input);
  const variables = exportVariables(docs, caseKey);
  const caseEls = exportCases(study, docs, caseKey);
  const { memoOf, looseMemos } = sortMemos(study, input.memos ?? []);
  const sources = await exportSources(study, docs, variables, memoOf, notes, progress);
  // Free-standing memos: notes of the project as a whole.
  const projectNotes = looseMemos.map((m) =>
    notes.add(derivedGuid('note', `memo\u0000${m.path}`), m.path.replace(/\.(md|markdown|txt)$/i, ''), m.text),
  );
  // What REFI-QDA has no place for (factors, aliases, settings, front matter), read back on import.
  const texts = new Map(
    docs.map(({ doc, text }) => [doc.path, { guid: sourceGuid(doc.path), text, bodyStart: Math.min(doc.bodyStart, text.length) }]),
  );
  projectNotes.push(notes.add(EXTRAS_NOTE_GUID, EXTRAS_NOTE_NAME, extrasNoteText(study, texts)));

  const root = projectElement(input, now, {
    users,
    codes,
    variables,
    caseEls,
    sourceEls: sources.sourceEls,
    noteEls: notes.els,
    projectNotes,
  });
  progress(0.85, 'Writing project.qde');
  const xml = buildXml('Project', root);
  const entries: Array<[string, Uint8Array]> = [['project.qde', encodeText(xml)]];
  for (const [path, body] of sources.sourceFiles) {
    entries.push([path, encodeText(body)]);
  }
  progress(0.9, 'Compressing');
  const bytes = writeZip(entries);

  const warnings = exportWarnings(study, sources, skippedDocuments);
  progress(1, 'Done');
  return {
    bytes,
    xml,
    sourceFiles: sources.sourceFiles,
    report: {
      sources: sources.sourceEls.length,
      selections: sources.selections,
      codeApplications: sources.codeApplications,
      codes: study.codes.length,
      users: users.length,
      notes: notes.els.length,
      cases: caseEls.length,
      variables: variables.length,
      skippedOrphans: sources.skippedOrphans,
      skippedDocuments,
      warnings,
    },
  };
}

/** The project's notes, in the order they are added; `add` returns the note's GUID for a NoteRef. */
interface NoteCollector {
  readonly els: Record<string, unknown>[];
  add(guid: string, name: string, text: string, created?: string): string;
}

function newNotes(): NoteCollector {
  const els: Record<string, unknown>[] = [];
  return {
    els,
    add: (guid, name, text, created) => {
      els.push({ ...attrs({ guid, name, creationDateTime: created }), PlainTextContent: textNode(text) });
      return guid;
    },
  };
}

/** Users: the study's coders. */
function exportUsers(study: Study): Record<string, unknown>[] {
  const coderNames = new Map(study.project.coders.map((c) => [c.id, c.name ?? c.id]));
  const coders = study.coders();
  return coders.map((id) => attrs({ guid: userGuid(id), name: coderNames.get(id) ?? id, id }));
}

interface DocumentText {
  readonly doc: TranscriptDocument;
  readonly text: string;
}

/** Documents with text; those whose text cannot be read are left out (and named). */
function readableDocuments(input: ExportInput): { docs: DocumentText[]; skippedDocuments: string[] } {
  const docs: DocumentText[] = [];
  const skippedDocuments: string[] = [];
  for (const doc of input.study.documents) {
    const text = input.text(doc.path);
    if (text === undefined) {
      skippedDocuments.push(doc.path);
    } else {
      docs.push({ doc, text });
    }
  }
  return { docs, skippedDocuments };
}

interface ExportVariable {
  readonly name: string;
  readonly guid: string;
  readonly type: VariableType;
}

/** Variables: every front-matter key but the case key, typed when all values agree. */
function exportVariables(docs: readonly DocumentText[], caseKey: string): ExportVariable[] {
  const keys = new Set<string>();
  for (const { doc } of docs) {
    for (const k of Object.keys(doc.attributes)) {
      if (k !== caseKey) {
        keys.add(k);
      }
    }
  }
  return [...keys].sort().map((name) => {
    const values = docs.map(({ doc }) => doc.attributes[name]).filter((v): v is AttributeValue => v !== undefined);
    return { name, guid: derivedGuid('variable', name), type: variableType(values) };
  });
}

/** Cases: values of the case key, with the study's description of them. */
function exportCases(study: Study, docs: readonly DocumentText[], caseKey: string): Record<string, unknown>[] {
  const caseInfo = new Map(study.project.cases.map((c) => [c.id, c]));
  const caseDocs = new Map<string, string[]>();
  for (const { doc } of docs) {
    const v = doc.attributes[caseKey];
    if (v !== undefined && String(v).trim() !== '') {
      const id = String(v);
      caseDocs.set(id, [...(caseDocs.get(id) ?? []), doc.path]);
    }
  }
  return [...caseDocs.entries()].map(([id, paths]) => {
    const info = caseInfo.get(id);
    const description = [info?.name, info?.description].filter((t): t is string => !!t).join('\n\n');
    return {
      ...attrs({ guid: derivedGuid('case', id), name: id }),
      ...(description ? { Description: textNode(description) } : {}),
      SourceRef: paths.map((p) => attrs({ targetGUID: sourceGuid(p) })),
    };
  });
}

/** Memo files: a transcript's memo goes with its source, the others are notes of the project. */
function sortMemos(study: Study, memos: readonly MemoFile[]): { memoOf: Map<string, MemoFile>; looseMemos: MemoFile[] } {
  const memoOf = new Map<string, MemoFile>();
  const looseMemos: MemoFile[] = [];
  for (const m of memos) {
    if (study.document(m.path)) {
      memoOf.set(m.path, m);
    } else {
      looseMemos.push(m);
    }
  }
  return { memoOf, looseMemos };
}

interface ExportedSources {
  /** Archive path → plain text (the transcript's body). */
  readonly sourceFiles: Map<string, string>;
  readonly sourceEls: Record<string, unknown>[];
  selections: number;
  codeApplications: number;
  skippedOrphans: number;
  /** Codings in front matter or past the end of their transcript. */
  outside: number;
}

/** Sources with their selections, one transcript after the other (yielding to the event loop between them). */
async function exportSources(
  study: Study,
  docs: readonly DocumentText[],
  variables: readonly ExportVariable[],
  memoOf: ReadonlyMap<string, MemoFile>,
  notes: NoteCollector,
  progress: (fraction: number, message: string) => void,
): Promise<ExportedSources> {
  const out: ExportedSources = { sourceFiles: new Map(), sourceEls: [], selections: 0, codeApplications: 0, skippedOrphans: 0, outside: 0 };
  for (const [i, { doc, text }] of docs.entries()) {
    progress((0.8 * i) / Math.max(1, docs.length), `Transcript ${i + 1} of ${docs.length}`);
    await yieldToEventLoop();
    const bodyStart = Math.min(doc.bodyStart, text.length);
    const body = text.slice(bodyStart);
    const guid = sourceGuid(doc.path);
    const file = `${guid}.txt`;
    out.sourceFiles.set(`sources/${file}`, body);
    const selectionEls = selectionElements(study, doc, text, bodyStart, notes, out);
    const el: Record<string, unknown> = attrs({ guid, name: sourceName(doc.path), plainTextPath: `internal://${file}` });
    if (selectionEls.length) {
      el['PlainTextSelection'] = selectionEls;
    }
    const memo = memoOf.get(doc.path);
    if (memo) {
      el['NoteRef'] = [
        attrs({ targetGUID: notes.add(derivedGuid('note', `transcript\u0000${doc.path}`), `Memo: ${sourceName(doc.path)}`, memo.text) }),
      ];
    }
    const values = variables
      .filter((v) => doc.attributes[v.name] !== undefined)
      .map((v) => ({ VariableRef: attrs({ targetGUID: v.guid }), ...variableValueEl(v.type, doc.attributes[v.name]) }));
    if (values.length) {
      el['VariableValue'] = values;
    }
    out.sourceEls.push(el);
  }
  return out;
}

/** A transcript's codings as PlainTextSelections, positions in code points of its body; orphaned codings and codings outside the body are counted and left out. */
function selectionElements(
  study: Study,
  doc: TranscriptDocument,
  text: string,
  bodyStart: number,
  notes: NoteCollector,
  out: ExportedSources,
): Record<string, unknown>[] {
  const positions = new PositionMap(text.slice(bodyStart));
  const selectionEls: Record<string, unknown>[] = [];
  for (const c of study.codingsOf(doc.path)) {
    if (c.orphaned) {
      out.skippedOrphans++;
      continue;
    }
    if (c.start < bodyStart || c.end > text.length || c.end < c.start) {
      out.outside++;
      continue;
    }
    const start = positions.toCodePoint(c.start - bodyStart);
    const end = positions.toCodePoint(c.end - bodyStart);
    const quote = text.slice(c.start, c.end);
    const sel: Record<string, unknown> = attrs({
      guid: selectionGuid(c),
      name: selectionName(quote),
      startPosition: start,
      endPosition: end,
      creatingUser: userGuid(c.coder),
      creationDateTime: validDate(c.created),
      modifyingUser: c.modified ? userGuid(c.coder) : undefined,
      modifiedDateTime: c.modified ? validDate(c.modified) : undefined,
    });
    sel['Coding'] = c.codes
      .filter((code) => study.code(code))
      .map((code) => ({
        ...attrs({
          guid: derivedGuid('coding', `${c.id}\u0000${code}`),
          creatingUser: userGuid(c.coder),
          creationDateTime: validDate(c.created),
        }),
        CodeRef: attrs({ targetGUID: codeGuid(code) }),
      }));
    out.codeApplications += (sel['Coding'] as unknown[]).length;
    if (c.memo) {
      sel['NoteRef'] = [
        attrs({
          targetGUID: notes.add(derivedGuid('note', `coding\u0000${c.id}`), `Memo: ${selectionName(quote)}`, c.memo, validDate(c.created)),
        }),
      ];
    }
    selectionEls.push(sel);
    out.selections++;
  }
  return selectionEls;
}

/** The elements of the project, each present only when it has content. */
interface ProjectParts {
  readonly users: Record<string, unknown>[];
  readonly codes: ReturnType<typeof codeElements>;
  readonly variables: readonly ExportVariable[];
  readonly caseEls: Record<string, unknown>[];
  readonly sourceEls: Record<string, unknown>[];
  readonly noteEls: Record<string, unknown>[];
  readonly projectNotes: readonly string[];
}

/** The <Project> element of project.qde. */
function projectElement(input: ExportInput, now: string, parts: ProjectParts): Record<string, unknown> {
  const { study } = input;
  const { users, codes, variables, caseEls, sourceEls, noteEls, projectNotes } = parts;
  const root: Record<string, unknown> = attrs({
    xmlns: NS_PROJECT,
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': `${NS_PROJECT} http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd`,
    name: study.name,
    origin: input.origin ?? 'Codeboom',
    creationDateTime: validDate(now),
  });
  if (users.length) {
    root['Users'] = { User: users };
  }
  if (codes.length) {
    root['CodeBook'] = { Codes: { Code: codes } };
  }
  if (variables.length) {
    root['Variables'] = { Variable: variables.map((v) => attrs({ guid: v.guid, name: v.name, typeOfVariable: v.type })) };
  }
  if (caseEls.length) {
    root['Cases'] = { Case: caseEls };
  }
  if (sourceEls.length) {
    root['Sources'] = { TextSource: sourceEls };
  }
  if (noteEls.length) {
    root['Notes'] = { Note: noteEls };
  }
  const sets = codeSets(study, 'targetGUID');
  if (sets.length) {
    root['Sets'] = { Set: sets };
  }
  if (study.project.description) {
    root['Description'] = textNode(study.project.description);
  }
  if (projectNotes.length) {
    root['NoteRef'] = projectNotes.map((g) => attrs({ targetGUID: g }));
  }
  return root;
}

/** What was left out or has no place in REFI-QDA, for the report. */
function exportWarnings(study: Study, sources: ExportedSources, skippedDocuments: readonly string[]): string[] {
  const warnings: string[] = [];
  const { skippedOrphans, outside } = sources;
  if (skippedOrphans) {
    warnings.push(
      `${en(skippedOrphans, 'orphaned coding has no text to point at and was', 'orphaned codings have no text to point at and were')} left out.`,
    );
  }
  if (outside) {
    warnings.push(
      `${en(outside, 'coding in front matter or past the end of its transcript was', 'codings in front matter or past the end of their transcript were')} left out.`,
    );
  }
  if (skippedDocuments.length) {
    warnings.push(`Transcripts whose text could not be read were left out: ${skippedDocuments.join(', ')}.`);
  }
  if (study.catalogues.length || study.codes.some((c) => c.aliases?.length)) {
    warnings.push(
      `Literature factor catalogues and aliases are not part of REFI-QDA: links to factors are exported as code sets ("factor: …"), and all of it in the note "${EXTRAS_NOTE_NAME}", which Codeboom reads back and other tools show as a memo.`,
    );
  }
  return warnings;
}

/** The study's memo files: every Markdown or text file under `.codeboom/memos/`, with its path inside that folder. */
export async function readMemoFiles(fs: FileSystemPort): Promise<MemoFile[]> {
  const out: MemoFile[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const [name, kind] of await fs.readDirectory(joinPath(MEMO_FOLDER, rel))) {
      const path = joinPath(rel, name);
      if (kind === 'directory') {
        await walk(path);
      } else if (kind === 'file' && /\.(md|markdown|txt)$/i.test(name)) {
        // A link not followed (outside the study) is no memo of this study.
        out.push({ path, text: decodeText(await fs.readFile(joinPath(MEMO_FOLDER, path))) });
      }
    }
  };
  await walk('');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
