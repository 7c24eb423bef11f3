/**
 * Exporting a study as a REFI-QDA project (.qdpx, valid against Project.xsd). Transcripts become
 * plain-text sources (their body, UTF-8, front matter left out) with selections counted in code
 * points; their front matter becomes cases (the case key) and variables (every other key). Codes
 * keep their ids as GUIDs, so a code has the same GUID in every export; selection GUIDs are the
 * coding ids. Coders become users, memos notes (on codes, selections, sources, or the project);
 * polarity, origin and literature-factor links become code sets. Orphaned codings have no text to point at and are left out (and counted).
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

type VariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date';

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
  const warnings: string[] = [];
  const noteEls: Record<string, unknown>[] = [];
  const addNote = (guid: string, name: string, text: string, created?: string): string => {
    noteEls.push({ ...attrs({ guid, name, creationDateTime: created }), PlainTextContent: textNode(text) });
    return guid;
  };

  // Users.
  const coderNames = new Map(study.project.coders.map((c) => [c.id, c.name ?? c.id]));
  const coders = study.coders();
  const users = coders.map((id) => attrs({ guid: userGuid(id), name: coderNames.get(id) ?? id, id }));

  // Codes (memos as notes attached to them).
  const codes = codeElements(study, undefined, {
    noteRefOf: (code) => (code.memo ? addNote(derivedGuid('note', `code\u0000${code.id}`), `Memo: ${code.name}`, code.memo) : undefined),
  });

  // Documents with text.
  const docs: Array<{ doc: TranscriptDocument; text: string }> = [];
  const skippedDocuments: string[] = [];
  for (const doc of study.documents) {
    const text = input.text(doc.path);
    if (text === undefined) {
      skippedDocuments.push(doc.path);
    } else {
      docs.push({ doc, text });
    }
  }

  // Variables: every front-matter key but the case key, typed when all values agree.
  const keys = new Set<string>();
  for (const { doc } of docs) {
    for (const k of Object.keys(doc.attributes)) {
      if (k !== caseKey) {
        keys.add(k);
      }
    }
  }
  const variables = [...keys].sort().map((name) => {
    const values = docs.map(({ doc }) => doc.attributes[name]).filter((v): v is AttributeValue => v !== undefined);
    return { name, guid: derivedGuid('variable', name), type: variableType(values) };
  });

  // Cases: values of the case key, with the study's description of them.
  const caseInfo = new Map(study.project.cases.map((c) => [c.id, c]));
  const caseDocs = new Map<string, string[]>();
  for (const { doc } of docs) {
    const v = doc.attributes[caseKey];
    if (v !== undefined && String(v).trim() !== '') {
      const id = String(v);
      caseDocs.set(id, [...(caseDocs.get(id) ?? []), doc.path]);
    }
  }
  const caseEls = [...caseDocs.entries()].map(([id, paths]) => {
    const info = caseInfo.get(id);
    const description = [info?.name, info?.description].filter((t): t is string => !!t).join('\n\n');
    return {
      ...attrs({ guid: derivedGuid('case', id), name: id }),
      ...(description ? { Description: textNode(description) } : {}),
      SourceRef: paths.map((p) => attrs({ targetGUID: sourceGuid(p) })),
    };
  });

  // Memo files: a transcript's memo goes with its source, the others are notes of the project.
  const memoOf = new Map<string, MemoFile>();
  const looseMemos: MemoFile[] = [];
  for (const m of input.memos ?? []) {
    if (study.document(m.path)) {
      memoOf.set(m.path, m);
    } else {
      looseMemos.push(m);
    }
  }

  // Sources with their selections.
  const sourceFiles = new Map<string, string>();
  const sourceEls: Record<string, unknown>[] = [];
  let selections = 0;
  let codeApplications = 0;
  let skippedOrphans = 0;
  let outside = 0;
  for (const [i, { doc, text }] of docs.entries()) {
    progress((0.8 * i) / Math.max(1, docs.length), `Transcript ${i + 1} of ${docs.length}`);
    await yieldToEventLoop();
    const bodyStart = Math.min(doc.bodyStart, text.length);
    const body = text.slice(bodyStart);
    const positions = new PositionMap(body);
    const guid = sourceGuid(doc.path);
    const file = `${guid}.txt`;
    sourceFiles.set(`sources/${file}`, body);
    const selectionEls: Record<string, unknown>[] = [];
    for (const c of study.codingsOf(doc.path)) {
      if (c.orphaned) {
        skippedOrphans++;
        continue;
      }
      if (c.start < bodyStart || c.end > text.length || c.end < c.start) {
        outside++;
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
      codeApplications += (sel['Coding'] as unknown[]).length;
      if (c.memo) {
        sel['NoteRef'] = [
          attrs({
            targetGUID: addNote(derivedGuid('note', `coding\u0000${c.id}`), `Memo: ${selectionName(quote)}`, c.memo, validDate(c.created)),
          }),
        ];
      }
      selectionEls.push(sel);
      selections++;
    }
    const el: Record<string, unknown> = attrs({ guid, name: sourceName(doc.path), plainTextPath: `internal://${file}` });
    if (selectionEls.length) {
      el['PlainTextSelection'] = selectionEls;
    }
    const memo = memoOf.get(doc.path);
    if (memo) {
      el['NoteRef'] = [
        attrs({ targetGUID: addNote(derivedGuid('note', `transcript\u0000${doc.path}`), `Memo: ${sourceName(doc.path)}`, memo.text) }),
      ];
    }
    const values = variables
      .filter((v) => doc.attributes[v.name] !== undefined)
      .map((v) => ({ VariableRef: attrs({ targetGUID: v.guid }), ...variableValueEl(v.type, doc.attributes[v.name]) }));
    if (values.length) {
      el['VariableValue'] = values;
    }
    sourceEls.push(el);
  }

  // Free-standing memos: notes of the project as a whole.
  const projectNotes = looseMemos.map((m) =>
    addNote(derivedGuid('note', `memo\u0000${m.path}`), m.path.replace(/\.(md|markdown|txt)$/i, ''), m.text),
  );

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
  progress(0.85, 'Writing project.qde');
  const xml = buildXml('Project', root);
  const entries: Array<[string, Uint8Array]> = [['project.qde', encodeText(xml)]];
  for (const [path, body] of sourceFiles) {
    entries.push([path, encodeText(body)]);
  }
  progress(0.9, 'Compressing');
  const bytes = writeZip(entries);

  if (skippedOrphans) {
    warnings.push(`${skippedOrphans} orphaned coding(s) have no text to point at and were left out.`);
  }
  if (outside) {
    warnings.push(`${outside} coding(s) in front matter or past the end of their transcript were left out.`);
  }
  if (skippedDocuments.length) {
    warnings.push(`Transcripts whose text could not be read were left out: ${skippedDocuments.join(', ')}.`);
  }
  const aliases = study.codes.filter((c) => c.aliases?.length).length;
  if (aliases) {
    warnings.push(`Aliases of ${aliases} code(s) have no place in REFI-QDA and are not exported.`);
  }
  if (study.catalogues.length) {
    warnings.push('Literature factor catalogues are not part of REFI-QDA; links to factors are exported as code sets ("factor: …").');
  }
  progress(1, 'Done');
  return {
    bytes,
    xml,
    sourceFiles,
    report: {
      sources: sourceEls.length,
      selections,
      codeApplications,
      codes: study.codes.length,
      users: users.length,
      notes: noteEls.length,
      cases: caseEls.length,
      variables: variables.length,
      skippedOrphans,
      skippedDocuments,
      warnings,
    },
  };
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

function sourceName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, '');
}

function selectionName(quote: string): string {
  const q = quote.replace(/\s+/g, ' ').trim();
  return q.length > 80 ? q.slice(0, 80).trimEnd() + '…' : q;
}

function validDate(value: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function variableType(values: readonly AttributeValue[]): VariableType {
  if (values.length === 0) {
    return 'Text';
  }
  if (values.every((v) => typeof v === 'boolean')) {
    return 'Boolean';
  }
  if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return values.every((v) => Number.isSafeInteger(v)) ? 'Integer' : 'Float';
  }
  if (values.every((v) => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v)))) {
    return 'Date';
  }
  return 'Text';
}

function variableValueEl(type: VariableType, value: AttributeValue): Record<string, unknown> {
  switch (type) {
    case 'Boolean':
      return { BooleanValue: textNode(String(value)) };
    case 'Integer':
      return { IntegerValue: textNode(String(value)) };
    case 'Float':
      return { FloatValue: textNode(decimal(value as number)) };
    case 'Date':
      return { DateValue: textNode(String(value)) };
    case 'Text':
      return { TextValue: textNode(String(value)) };
  }
}

/** xsd:decimal has no exponent notation. */
function decimal(n: number): string {
  const s = String(n);
  return /e/i.test(s) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : s;
}
