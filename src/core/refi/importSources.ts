/**
 * The source phase of the project import: plain-text sources become Markdown transcripts (front
 * matter from the case and its variables), their selections and codings Codeboom codings, their
 * notes and uncoded selections the transcript's memo; media sources are skipped and reported.
 */
import type { AttributeValue, CoderInfo, Coding } from '../model';
import { append } from '../port';
import { makeAnchor } from '../anchor';
import { newId } from '../ids';
import { derivedGuid, normalizeGuid } from './guid';
import type { XmlElement } from './xml';
import { attr, child, childText, children } from './xml';
import type { StudyExtras } from './studyExtras';
import { recordedFrontMatter } from './studyExtras';
import type { DocxTextReader } from '../port';
import type { CasesAndVariables, Coders, Notes } from './importReferences';
import {
  baseName,
  choosePositionMapping,
  quotesNotFound,
  countElements,
  isoDate,
  makeFrontMatter,
  safeFileName,
  toInt,
  TRANSCRIPT_FOLDER,
  transcriptMemoPath,
  uniquePath,
  yieldToEventLoop,
} from './importHelpers';
import { en } from '../plural';

/** A source of the archive that did not become a transcript, and why. */
export interface SkippedSource {
  readonly name: string;
  readonly kind: 'text' | 'PDF' | 'picture' | 'audio' | 'video';
  readonly reason: string;
  /** Codings on it that were therefore not imported. */
  readonly codings: number;
}

/** What the earlier phases read, for the sources to refer to. */
export interface SourceContext {
  /** Timestamp for codings that carry none. */
  readonly now: string;
  /** An archive entry's text, a byte order mark kept (positions may have counted it). */
  readonly readEntryText: (path: string | undefined) => string | undefined;
  readonly readEntryBytes: (path: string | undefined) => Uint8Array | undefined;
  /** A Word document's text; without it, sources with only a .docx are reported, not imported. */
  readonly readDocx?: DocxTextReader;
  readonly coders: Coders;
  readonly notes: Notes;
  readonly codeIdOfGuid: (guid: string | undefined) => string | undefined;
  readonly cases: CasesAndVariables;
  /** What a Codeboom export recorded beyond REFI-QDA (front matter as written). */
  readonly extras?: StudyExtras;
  /** The front-matter key of the case. */
  readonly caseKey: string;
}

/** What the import builds up: the study's files, and what the report counts and warns about. */
export interface ImportState {
  /** Study-relative path → file content, in the order they were planned. */
  readonly files: Map<string, string>;
  /** Planned paths in lower case (unique on case-insensitive file systems too). */
  readonly usedPaths: Set<string>;
  readonly transcripts: string[];
  readonly memoFiles: string[];
  readonly skippedSources: SkippedSource[];
  readonly codings: Coding[];
  readonly usedCodingIds: Set<string>;
  readonly warnings: string[];
  selections: number;
  codeApplications: number;
  badPositions: number;
  unknownCodes: number;
  uncoded: number;
  multiCase: number;
  /** Code applications on selections left out for their positions. */
  lostCodings: number;
  /** Memberships of sources in a second or later case. */
  extraCaseMemberships: number;
}

export function newImportState(): ImportState {
  return {
    files: new Map(),
    usedPaths: new Set(),
    transcripts: [],
    memoFiles: [],
    skippedSources: [],
    codings: [],
    usedCodingIds: new Set(),
    warnings: [],
    selections: 0,
    codeApplications: 0,
    badPositions: 0,
    unknownCodes: 0,
    uncoded: 0,
    multiCase: 0,
    lostCodings: 0,
    extraCaseMemberships: 0,
  };
}

const MEDIA: ReadonlyArray<readonly [string, SkippedSource['kind']]> = [
  ['PDFSource', 'PDF'],
  ['PictureSource', 'picture'],
  ['AudioSource', 'audio'],
  ['VideoSource', 'video'],
];

/** Every text source, one after the other (yielding to the event loop between them). */
export async function importTextSources(
  root: XmlElement,
  ctx: SourceContext,
  state: ImportState,
  progress: (fraction: number, message: string) => void,
): Promise<void> {
  const textSources = children(child(root, 'Sources'), 'TextSource');
  const totalSources = Math.max(1, textSources.length);
  for (const [i, src] of textSources.entries()) {
    progress(0.2 + (0.7 * i) / totalSources, `Source ${i + 1} of ${textSources.length}`);
    await yieldToEventLoop();
    importTextSource(src, i, ctx, state, await wordText(src, ctx, state));
  }
}

/** Media sources cannot be coded in Codeboom: reported with the codings they carry. */
export function skipMediaSources(root: XmlElement, state: ImportState): void {
  for (const [tag, kind] of MEDIA) {
    for (const src of children(child(root, 'Sources'), tag)) {
      const codingCount = countElements(src, 'Coding');
      const name = attr(src, 'name')?.trim() || baseName(attr(src, 'path') ?? '') || 'unnamed';
      state.skippedSources.push({ name, kind, reason: `${kind} sources cannot be coded in Codeboom`, codings: codingCount });
    }
  }
}

/** One text source: its transcript, its codings, its memo. */
function importTextSource(src: XmlElement, i: number, ctx: SourceContext, state: ImportState, word: string | undefined): void {
  const guid = normalizeGuid(attr(src, 'guid'));
  const plainPath = attr(src, 'plainTextPath');
  const richPath = attr(src, 'richTextPath');
  const name = attr(src, 'name')?.trim() || baseName(plainPath ?? richPath ?? '') || guid || `Source ${i + 1}`;
  const selectionEls = children(src, 'PlainTextSelection');
  const codingCount = selectionEls.reduce((n, s) => n + children(s, 'Coding').length, 0) + children(src, 'Coding').length;
  const raw = sourceText(src, name, codingCount, ctx, state, word);
  if (raw === undefined) {
    return;
  }
  const hadBom = raw.startsWith('\uFEFF');
  const body = hadBom ? raw.slice(1) : raw;

  const attributes = sourceAttributes(src, guid, ctx, state);
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const frontMatter = recordedFrontMatter(ctx.extras, guid, attributes) ?? makeFrontMatter(attributes, eol, body);
  const text = frontMatter + body;
  const path = uniquePath(
    `${TRANSCRIPT_FOLDER}/${safeFileName(name.replace(/\.(txt|docx?|rtf|md|pdf)$/i, ''), 'source')}`,
    '.md',
    state.usedPaths,
  );
  state.files.set(path, text);
  state.transcripts.push(path);

  // Selections → codings. Positions count code points of the source text.
  const mapping = choosePositionMapping(body, hadBom, selectionEls);
  if (mapping.note) {
    state.warnings.push(`${name}: ${mapping.note}`);
  }
  const mismatched = quotesNotFound(body, mapping, selectionEls);
  if (mismatched.length) {
    state.warnings.push(
      `${name}: ${en(mismatched.length, 'coded passage does not start with the text its name quotes', 'coded passages do not start with the text their names quote')} (${mismatched.slice(0, 3).join('; ')}${mismatched.length > 3 ? '; …' : ''}); ${mismatched.length === 1 ? 'check it' : 'check them'}.`,
    );
  }
  const transcript: Transcript = { path, text, uncodedMemos: [] };
  for (const sel of selectionEls) {
    const s = toInt(attr(sel, 'startPosition'));
    const e = toInt(attr(sel, 'endPosition'));
    const s16 = s === undefined ? undefined : mapping.toUtf16(s);
    const e16 = e === undefined ? undefined : mapping.toUtf16(e);
    if (s16 === undefined || e16 === undefined || e16 < s16) {
      state.badPositions++;
      state.lostCodings += children(sel, 'Coding').length;
      continue;
    }
    const memo = [childText(sel, 'Description'), ...ctx.notes.noteTexts(sel)].filter((t): t is string => !!t && t.trim() !== '');
    const span = { start: frontMatter.length + s16, end: frontMatter.length + e16 };
    addCodings(transcript, normalizeGuid(attr(sel, 'guid')), sel, span, children(sel, 'Coding'), memo, ctx, state);
  }
  // Codings of the whole source.
  for (const c of children(src, 'Coding')) {
    addCodings(transcript, normalizeGuid(attr(c, 'guid')), c, { start: frontMatter.length, end: text.length }, [c], [], ctx, state);
  }
  const sourceMemos = [childText(src, 'Description'), ...ctx.notes.noteTexts(src), ...transcript.uncodedMemos].filter(
    (t): t is string => !!t && t.trim() !== '',
  );
  if (sourceMemos.length) {
    const memo = sourceMemos.join('\n\n---\n\n');
    const memoPath = transcriptMemoPath(path);
    state.files.set(memoPath, (memo.startsWith('#') ? memo : `# Memo: ${name}\n\nTranscript: ${path}\n\n${memo}`).replace(/\n*$/, '\n'));
    state.memoFiles.push(memoPath);
  }
}

/**
 * The text of a source that has only a Word document (NVivo's usual export), read with the reader
 * the caller gives; undefined when it has plain text, no .docx, or no reader (the plain-text path then reports it).
 */
async function wordText(src: XmlElement, ctx: SourceContext, state: ImportState): Promise<string | undefined> {
  const richPath = attr(src, 'richTextPath');
  const plain = childText(src, 'PlainTextContent') ?? ctx.readEntryText(attr(src, 'plainTextPath'));
  if (!richPath || !ctx.readDocx || (plain !== undefined && plain.trim() !== '')) {
    return undefined;
  }
  const bytes = ctx.readEntryBytes(richPath);
  if (!bytes) {
    return undefined;
  }
  const name = attr(src, 'name')?.trim() || baseName(richPath);
  try {
    const text = (await ctx.readDocx(bytes)).replace(/\r\n?/g, '\n').replace(/\n+$/, '\n');
    if (text.trim() === '') {
      return undefined;
    }
    state.warnings.push(
      `${name}: its text was read from its Word document (${richPath}), as the archive has no plain text; its coded passages are placed by the positions the tool wrote.`,
    );
    return text;
  } catch (e) {
    state.warnings.push(`${name}: its Word document (${richPath}) could not be read: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** The source's plain text (inline or from the archive), or undefined after reporting why it is skipped. */
function sourceText(
  src: XmlElement,
  name: string,
  codingCount: number,
  ctx: SourceContext,
  state: ImportState,
  word: string | undefined,
): string | undefined {
  if (word !== undefined) {
    // Only read when the source has no plain text (wordText).
    return word;
  }
  const plainPath = attr(src, 'plainTextPath');
  const richPath = attr(src, 'richTextPath');
  let raw = childText(src, 'PlainTextContent');
  if (raw === undefined && plainPath) {
    raw = ctx.readEntryText(plainPath);
    if (raw === undefined) {
      state.skippedSources.push({
        name,
        kind: 'text',
        reason: `its plain text (${plainPath}) is not in the archive`,
        codings: codingCount,
      });
      return undefined;
    }
  }
  if (raw === undefined) {
    state.skippedSources.push({
      name,
      kind: 'text',
      reason: richPath ? 'it has only rich text (docx) and no plain text' : 'it has no text',
      codings: codingCount,
    });
    return undefined;
  }
  if (raw.trim() === '') {
    state.skippedSources.push({
      name,
      kind: 'text',
      reason: richPath ? 'its plain text is empty (only its rich text, docx, may hold content)' : 'its text is empty',
      codings: codingCount,
    });
    return undefined;
  }
  return raw;
}

/** Attributes: the case(s) it belongs to, the cases' variables, its own variables (these win). */
function sourceAttributes(
  src: XmlElement,
  guid: string | undefined,
  ctx: SourceContext,
  state: ImportState,
): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  const itsCases = guid ? (ctx.cases.casesOfSource.get(guid) ?? []) : [];
  if (itsCases.length) {
    attributes[ctx.caseKey] = itsCases[0].name;
    if (itsCases.length > 1) {
      state.multiCase++;
      state.extraCaseMemberships += itsCases.length - 1;
    }
    for (const [k, v] of itsCases[0].values) {
      attributes[k] = v;
    }
  }
  for (const [k, v] of ctx.cases.valuesOf(src)) {
    attributes[k] = v;
  }
  return attributes;
}

/** The transcript a source became, and the quotes of its uncoded selections (for its memo). */
interface Transcript {
  readonly path: string;
  readonly text: string;
  readonly uncodedMemos: string[];
}

/**
 * A selection (or a whole source) and its REFI codings → Codeboom codings: one per coder, carrying
 * that coder's codes. A selection without codes becomes a quote in the transcript's memo.
 */
function addCodings(
  transcript: Transcript,
  selGuid: string | undefined,
  el: XmlElement,
  { start, end }: { start: number; end: number },
  codingEls: XmlElement[],
  memo: string[],
  ctx: SourceContext,
  state: ImportState,
): void {
  const groups = new Map<string, { coder: CoderInfo; codes: string[]; created: string; memos: string[] }>();
  for (const c of codingEls) {
    const codeId = ctx.codeIdOfGuid(attr(child(c, 'CodeRef'), 'targetGUID'));
    if (!codeId) {
      state.unknownCodes++;
      continue;
    }
    const coder = ctx.coders.coderFor(attr(c, 'creatingUser') ?? attr(el, 'creatingUser'));
    const g = groups.get(coder.id) ?? {
      coder,
      codes: [],
      created: isoDate(attr(c, 'creationDateTime')) ?? isoDate(attr(el, 'creationDateTime')) ?? ctx.now,
      memos: [],
    };
    if (!g.codes.includes(codeId)) {
      g.codes.push(codeId);
      state.codeApplications++;
    }
    append(g.memos, ctx.notes.noteTexts(c));
    groups.set(coder.id, g);
  }
  if (groups.size === 0) {
    if (codingEls.length === 0) {
      state.uncoded++;
      const quote = transcript.text.slice(start, end);
      transcript.uncodedMemos.push(['> ' + quote.replace(/\r?\n/g, '\n> '), ...memo].join('\n\n'));
    }
    return;
  }
  state.selections++;
  let first = true;
  for (const g of groups.values()) {
    let id =
      first && selGuid && !state.usedCodingIds.has(selGuid) ? selGuid : derivedGuid('coding', `${selGuid ?? newId()}\u0000${g.coder.id}`);
    while (state.usedCodingIds.has(id)) {
      id = newId();
    }
    first = false;
    state.usedCodingIds.add(id);
    const modified = isoDate(attr(el, 'modifiedDateTime'));
    const memoText = [...memo, ...g.memos].join('\n\n');
    state.codings.push({
      id,
      doc: transcript.path,
      coder: g.coder.id,
      codes: g.codes,
      ...makeAnchor(transcript.text, start, end),
      created: g.created,
      ...(modified && modified !== g.created ? { modified } : {}),
      ...(memoText ? { memo: memoText } : {}),
    });
  }
}
