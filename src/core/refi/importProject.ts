/**
 * Importing a REFI-QDA project (.qdpx) as a new Codeboom study. Plain-text sources become Markdown
 * transcripts (front matter from the case and its variables), codes the codebook, selections and
 * their codings Codeboom codings (code points converted to UTF-16 offsets into the whole file,
 * front matter included), users coders, notes memos (on codes and codings; a source's notes its
 * transcript memo; the others memo files in `.codeboom/memos/`), cases and variables attributes.
 * What cannot be imported is reported by name.
 */
import { stringify as stringifyYaml } from 'yaml';
import type { AttributeValue, CaseInfo, Code, CoderInfo, Coding, ProjectData } from '../model';
import { emptyProject } from '../model';
import type { FileSystemPort } from '../port';
import { append, decodeText, encodeText } from '../port';
import { PROJECT_FILE } from '../schema';
import { studyPath } from '../paths';
import { codingFilePath, serializeCodingFile, serializeProject } from '../serialize';
import { Study } from '../study';
import { makeAnchor } from '../anchor';
import { coderSlug, newId } from '../ids';
import { RefiError } from './errors';
import { derivedGuid, normalizeGuid } from './guid';
import type { RefiCode } from './codebook';
import { codebookDepth, countCodes, parseCodes, parseSets, planCodebookImport } from './codebook';
import type { XmlElement } from './xml';
import { attr, child, childText, children, parseXml } from './xml';
import { DEFAULT_ZIP_LIMITS, ZipReader } from './zip';
import type { ZipLimits } from './zip';
import { findProjectEntry, SourceIndex } from './archive';
import { PositionMap } from './positions';

export const TRANSCRIPT_FOLDER = 'transcripts';
/** Where memos live (as the method feature keeps them): a transcript's at `.codeboom/memos/<transcript path>`. */
export const MEMO_FOLDER = '.codeboom/memos';

export function transcriptMemoPath(doc: string): string {
  return `${MEMO_FOLDER}/${studyPath(doc)}`;
}

export interface SkippedSource {
  readonly name: string;
  readonly kind: 'text' | 'PDF' | 'picture' | 'audio' | 'video';
  readonly reason: string;
  /** Codings on it that were therefore not imported. */
  readonly codings: number;
}

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
}

export interface ImportOptions {
  readonly limits?: ZipLimits;
  /** Called as the import advances: fraction done (0…1) and what is happening. */
  readonly onProgress?: (fraction: number, message: string) => void;
  /** Timestamp for codings that carry none. */
  readonly now?: string;
}

export interface PlannedStudy {
  /** Study-relative path → file content. */
  readonly files: ReadonlyMap<string, string>;
  readonly report: ImportReport;
}

interface NoteInfo {
  readonly name: string;
  readonly text: string;
  readonly created?: string;
  used: boolean;
}

interface VariableInfo {
  readonly name: string;
  readonly type: string;
}

const MEDIA: ReadonlyArray<readonly [string, SkippedSource['kind']]> = [
  ['PDFSource', 'PDF'],
  ['PictureSource', 'picture'],
  ['AudioSource', 'audio'],
  ['VideoSource', 'video'],
];

/** Reads a .qdpx and plans the files of the new study (nothing is written). */
export async function planProjectImport(bytes: Uint8Array, options: ImportOptions = {}): Promise<PlannedStudy> {
  const progress = options.onProgress ?? (() => undefined);
  const now = options.now ?? new Date().toISOString();
  const warnings: string[] = [];
  progress(0, 'Reading the archive');
  const zip = new ZipReader(bytes, options.limits ?? DEFAULT_ZIP_LIMITS);
  const qde = findProjectEntry(zip);
  const { name: rootName, root } = parseXml(decodeText(zip.read(qde)), qde.name);
  if (rootName !== 'Project') {
    throw new RefiError(`${qde.name} is not a REFI-QDA project (its root element is <${rootName}>).`);
  }
  const index = new SourceIndex(zip, qde);
  const readEntryText = (path: string | undefined): string | undefined => {
    const e = index.resolve(path);
    return e ? decodeText(zip.read(e)) : undefined;
  };
  progress(0.1, 'Reading users, codes and notes');

  // Users → coders (ids must be file-name safe and unique).
  const coderOf = new Map<string, CoderInfo>();
  const coders: CoderInfo[] = [];
  const takenCoderIds = new Set<string>();
  const addCoder = (base: string, name: string | undefined): CoderInfo => {
    let id = coderSlug(base);
    for (let n = 2; takenCoderIds.has(id); n++) {
      id = `${coderSlug(base)}-${n}`;
    }
    takenCoderIds.add(id);
    const info: CoderInfo = name ? { id, name } : { id };
    coders.push(info);
    return info;
  };
  for (const u of children(child(root, 'Users'), 'User')) {
    const guid = normalizeGuid(attr(u, 'guid'));
    const name = attr(u, 'name')?.trim() || undefined;
    const info = addCoder(attr(u, 'id')?.trim() || name || 'coder', name);
    if (guid) {
      coderOf.set(guid, info);
    }
  }
  let fallbackCoder: CoderInfo | undefined = coderOf.get(normalizeGuid(attr(root, 'creatingUserGUID')) ?? '');
  const coderFor = (guid: string | undefined): CoderInfo => {
    const known = coderOf.get(normalizeGuid(guid) ?? '');
    if (known) {
      return known;
    }
    fallbackCoder ??= addCoder('imported', 'Imported');
    return fallbackCoder;
  };

  // Notes: memos. Those attached to a code or a coding end up there, the others as memo files.
  const notes = new Map<string, NoteInfo>();
  for (const n of children(child(root, 'Notes'), 'Note')) {
    const guid = normalizeGuid(attr(n, 'guid'));
    if (!guid) {
      continue;
    }
    const content = childText(n, 'PlainTextContent') ?? readEntryText(attr(n, 'plainTextPath'));
    const description = childText(n, 'Description');
    const text = [description, content].filter((t): t is string => t !== undefined && t.trim() !== '').join('\n\n');
    const created = isoDate(attr(n, 'creationDateTime'));
    notes.set(guid, { name: attr(n, 'name')?.trim() || 'Memo', text, ...(created ? { created } : {}), used: false });
  }
  const noteTexts = (el: XmlElement | undefined): string[] => {
    const out: string[] = [];
    for (const r of children(el, 'NoteRef')) {
      const note = notes.get(normalizeGuid(attr(r, 'targetGUID')) ?? '');
      if (note && note.text) {
        note.used = true;
        out.push(note.text);
      }
    }
    return out;
  };

  // Codebook (with code memos from their notes), then into an empty study to get Codeboom codes.
  const refiCodes = parseCodes(child(child(root, 'CodeBook'), 'Codes'));
  const attachMemos = (codes: readonly RefiCode[]): void => {
    for (const c of codes) {
      const texts = c.noteRefs.map((g) => notes.get(g)).filter((n): n is NoteInfo => n !== undefined && n.text !== '');
      if (texts.length) {
        texts.forEach((n) => (n.used = true));
        c.memo = texts.map((n) => n.text).join('\n\n');
      }
      attachMemos(c.children);
    }
  };
  attachMemos(refiCodes);
  const sets = parseSets(child(root, 'Sets'));
  const projectName = attr(root, 'name')?.trim() || 'Imported project';
  const scratch = new Study(emptyProject(projectName));
  const plan = planCodebookImport(scratch, { codes: refiCodes, sets });
  scratch.transact('import', plan.ops);
  const codes: readonly Code[] = scratch.codes;
  const codeIdOfGuid = (guid: string | undefined): string | undefined => {
    const g = normalizeGuid(guid);
    return g ? plan.codeIdOf.get(g) : undefined;
  };

  // Variables and cases.
  const variables = new Map<string, VariableInfo>();
  for (const v of children(child(root, 'Variables'), 'Variable')) {
    const guid = normalizeGuid(attr(v, 'guid'));
    const name = attr(v, 'name')?.trim();
    if (guid && name) {
      variables.set(guid, { name, type: attr(v, 'typeOfVariable') ?? 'Text' });
    }
  }
  const valuesOf = (el: XmlElement): Array<[string, AttributeValue]> => {
    const out: Array<[string, AttributeValue]> = [];
    for (const vv of children(el, 'VariableValue')) {
      const variable = variables.get(normalizeGuid(attr(child(vv, 'VariableRef'), 'targetGUID')) ?? '');
      if (!variable) {
        continue;
      }
      const value = variableValue(vv);
      if (value !== undefined) {
        out.push([variable.name, value]);
      }
    }
    return out;
  };
  const cases: CaseInfo[] = [];
  const casesOfSource = new Map<string, Array<{ name: string; values: Array<[string, AttributeValue]> }>>();
  for (const c of children(child(root, 'Cases'), 'Case')) {
    const name = attr(c, 'name')?.trim() || `Case ${cases.length + 1}`;
    const description = childText(c, 'Description');
    cases.push(description ? { id: name, description } : { id: name });
    const values = valuesOf(c);
    for (const ref of children(c, 'SourceRef')) {
      const g = normalizeGuid(attr(ref, 'targetGUID'));
      if (g) {
        casesOfSource.set(g, [...(casesOfSource.get(g) ?? []), { name, values }]);
      }
    }
  }

  // Sources.
  const files = new Map<string, string>();
  const transcripts: string[] = [];
  const skippedSources: SkippedSource[] = [];
  const codings: Coding[] = [];
  const usedCodingIds = new Set<string>();
  const usedPaths = new Set<string>();
  const memoFiles: string[] = [];
  let selections = 0;
  let codeApplications = 0;
  let badPositions = 0;
  let unknownCodes = 0;
  let uncoded = 0;
  let multiCase = 0;
  const addMemoFile = (name: string, text: string): void => {
    const path = uniquePath(`${MEMO_FOLDER}/${safeFileName(name.replace(/\.md$/i, ''), 'memo')}`, '.md', usedPaths);
    files.set(path, text.endsWith('\n') ? text : text + '\n');
    memoFiles.push(path);
  };
  const textSources = children(child(root, 'Sources'), 'TextSource');
  const totalSources = Math.max(1, textSources.length);
  for (const [i, src] of textSources.entries()) {
    progress(0.2 + (0.7 * i) / totalSources, `Source ${i + 1} of ${textSources.length}`);
    await yieldToEventLoop();
    const guid = normalizeGuid(attr(src, 'guid'));
    const plainPath = attr(src, 'plainTextPath');
    const richPath = attr(src, 'richTextPath');
    const name = attr(src, 'name')?.trim() || baseName(plainPath ?? richPath ?? '') || guid || `Source ${i + 1}`;
    const selectionEls = children(src, 'PlainTextSelection');
    const codingCount = selectionEls.reduce((n, s) => n + children(s, 'Coding').length, 0) + children(src, 'Coding').length;
    let raw = childText(src, 'PlainTextContent');
    if (raw === undefined && plainPath) {
      raw = readEntryText(plainPath);
      if (raw === undefined) {
        skippedSources.push({ name, kind: 'text', reason: `its plain text (${plainPath}) is not in the archive`, codings: codingCount });
        continue;
      }
    }
    if (raw === undefined) {
      skippedSources.push({
        name,
        kind: 'text',
        reason: richPath ? 'it has only rich text (docx) and no plain text' : 'it has no text',
        codings: codingCount,
      });
      continue;
    }
    if (raw.trim() === '') {
      skippedSources.push({
        name,
        kind: 'text',
        reason: richPath ? 'its plain text is empty (only its rich text, docx, may hold content)' : 'its text is empty',
        codings: codingCount,
      });
      continue;
    }
    const hadBom = raw.startsWith('\uFEFF');
    const body = hadBom ? raw.slice(1) : raw;

    // Attributes: the case(s) it belongs to, the cases' variables, its own variables (these win).
    const attributes: Record<string, AttributeValue> = {};
    const itsCases = guid ? (casesOfSource.get(guid) ?? []) : [];
    if (itsCases.length) {
      attributes['case'] = itsCases[0].name;
      if (itsCases.length > 1) {
        multiCase++;
      }
      for (const [k, v] of itsCases[0].values) {
        attributes[k] = v;
      }
    }
    for (const [k, v] of valuesOf(src)) {
      attributes[k] = v;
    }
    const eol = body.includes('\r\n') ? '\r\n' : '\n';
    const frontMatter = makeFrontMatter(attributes, eol, body);
    const text = frontMatter + body;
    const path = uniquePath(
      `${TRANSCRIPT_FOLDER}/${safeFileName(name.replace(/\.(txt|docx?|rtf|md|pdf)$/i, ''), 'source')}`,
      '.md',
      usedPaths,
    );
    files.set(path, text);
    transcripts.push(path);

    // Selections → codings. Positions count code points of the source text.
    const mapping = choosePositionMapping(body, hadBom, selectionEls);
    if (mapping.note) {
      warnings.push(`${name}: ${mapping.note}`);
    }
    const uncodedMemos: string[] = [];
    const toCoding = (
      selGuid: string | undefined,
      el: XmlElement,
      start: number,
      end: number,
      codingEls: XmlElement[],
      memo: string[],
    ): void => {
      const groups = new Map<string, { coder: CoderInfo; codes: string[]; created: string; memos: string[] }>();
      for (const c of codingEls) {
        const codeId = codeIdOfGuid(attr(child(c, 'CodeRef'), 'targetGUID'));
        if (!codeId) {
          unknownCodes++;
          continue;
        }
        const coder = coderFor(attr(c, 'creatingUser') ?? attr(el, 'creatingUser'));
        const g = groups.get(coder.id) ?? {
          coder,
          codes: [],
          created: isoDate(attr(c, 'creationDateTime')) ?? isoDate(attr(el, 'creationDateTime')) ?? now,
          memos: [],
        };
        if (!g.codes.includes(codeId)) {
          g.codes.push(codeId);
          codeApplications++;
        }
        append(g.memos, noteTexts(c));
        groups.set(coder.id, g);
      }
      if (groups.size === 0) {
        if (codingEls.length === 0) {
          uncoded++;
          const quote = text.slice(start, end);
          uncodedMemos.push(['> ' + quote.replace(/\r?\n/g, '\n> '), ...memo].join('\n\n'));
        }
        return;
      }
      selections++;
      let first = true;
      for (const g of groups.values()) {
        let id =
          first && selGuid && !usedCodingIds.has(selGuid) ? selGuid : derivedGuid('coding', `${selGuid ?? newId()}\u0000${g.coder.id}`);
        while (usedCodingIds.has(id)) {
          id = newId();
        }
        first = false;
        usedCodingIds.add(id);
        const modified = isoDate(attr(el, 'modifiedDateTime'));
        const memoText = [...memo, ...g.memos].join('\n\n');
        codings.push({
          id,
          doc: path,
          coder: g.coder.id,
          codes: g.codes,
          ...makeAnchor(text, start, end),
          created: g.created,
          ...(modified && modified !== g.created ? { modified } : {}),
          ...(memoText ? { memo: memoText } : {}),
        });
      }
    };
    for (const sel of selectionEls) {
      const s = toInt(attr(sel, 'startPosition'));
      const e = toInt(attr(sel, 'endPosition'));
      const s16 = s === undefined ? undefined : mapping.toUtf16(s);
      const e16 = e === undefined ? undefined : mapping.toUtf16(e);
      if (s16 === undefined || e16 === undefined || e16 < s16) {
        badPositions++;
        continue;
      }
      const memo = [childText(sel, 'Description'), ...noteTexts(sel)].filter((t): t is string => !!t && t.trim() !== '');
      toCoding(normalizeGuid(attr(sel, 'guid')), sel, frontMatter.length + s16, frontMatter.length + e16, children(sel, 'Coding'), memo);
    }
    // Codings of the whole source.
    for (const c of children(src, 'Coding')) {
      toCoding(normalizeGuid(attr(c, 'guid')), c, frontMatter.length, text.length, [c], []);
    }
    const sourceMemos = [childText(src, 'Description'), ...noteTexts(src), ...uncodedMemos].filter(
      (t): t is string => !!t && t.trim() !== '',
    );
    if (sourceMemos.length) {
      const memo = sourceMemos.join('\n\n---\n\n');
      const memoPath = transcriptMemoPath(path);
      files.set(memoPath, (memo.startsWith('#') ? memo : `# Memo: ${name}\n\nTranscript: ${path}\n\n${memo}`).replace(/\n*$/, '\n'));
      memoFiles.push(memoPath);
    }
  }

  for (const [tag, kind] of MEDIA) {
    for (const src of children(child(root, 'Sources'), tag)) {
      const codingCount = countElements(src, 'Coding');
      const name = attr(src, 'name')?.trim() || baseName(attr(src, 'path') ?? '') || 'unnamed';
      skippedSources.push({ name, kind, reason: `${kind} sources cannot be coded in Codeboom`, codings: codingCount });
    }
  }

  // Project-level notes and the ones nothing referred to.
  const projectDescription = childText(root, 'Description');
  // Notes of the project as a whole (its NoteRefs) and notes nothing refers to become memo files.
  for (const note of notes.values()) {
    if (!note.used && note.text) {
      addMemoFile(note.name, note.text);
    }
  }

  if (badPositions) {
    warnings.push(`${badPositions} selection(s) had positions outside their text and were left out.`);
  }
  if (unknownCodes) {
    warnings.push(`${unknownCodes} coding(s) referred to codes missing from the codebook and were left out.`);
  }
  if (uncoded) {
    warnings.push(`${uncoded} selection(s) without codes were kept as quotes in the memos of their transcripts.`);
  }
  if (multiCase) {
    warnings.push(`${multiCase} source(s) belong to several cases; Codeboom keeps the first as their case.`);
  }
  const setCount = sets.filter((s) => !/^(polarity|origin|factor):/i.test(s.name)).length;
  if (setCount) {
    warnings.push(`${setCount} set(s) (groups of codes or documents) are not imported.`);
  }
  if (children(child(root, 'Graphs'), 'Graph').length) {
    warnings.push('Graphs (networks) are not imported.');
  }
  if (children(child(root, 'Links'), 'Link').length) {
    warnings.push('Links between codes, quotes and memos are not imported.');
  }

  const project: ProjectData = {
    ...emptyProject(projectName),
    ...(projectDescription ? { description: projectDescription } : {}),
    transcriptFolders: [TRANSCRIPT_FOLDER],
    cases,
    coders,
    codes,
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
      transcripts,
      selections,
      codings: codings.length,
      codeApplications,
      coders,
      cases: cases.length,
      variables: variables.size,
      memoFiles,
      skippedSources,
      warnings,
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

/** Lets the host show progress (and stay responsive) during a long import or export. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const IGNORABLE = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.git']);

// ---------- helpers ----------

interface PositionMapping {
  toUtf16(codePoint: number): number | undefined;
  readonly note?: string;
}

/**
 * How the exporting tool counted. The standard says code points of the text; some tools counted
 * with line breaks as one character although the file has CRLF, or counted a BOM. Where selection
 * names quote their text (ATLAS.ti does), the counting that makes most of them match is taken;
 * without such evidence, the standard's.
 */
function choosePositionMapping(body: string, hadBom: boolean, selections: readonly XmlElement[]): PositionMapping {
  const raw = new PositionMap(body);
  const standard: PositionMapping = { toUtf16: (cp) => raw.toUtf16(cp) };
  const candidates: Array<{ mapping: PositionMapping }> = [];
  if (body.includes('\r\n')) {
    const lf = body.replace(/\r\n/g, '\n');
    const lfMap = new PositionMap(lf);
    const toRaw = new Int32Array(lf.length + 1);
    for (let i = 0, j = 0; i <= lf.length; i++, j++) {
      if (body[j] === '\r' && body[j + 1] === '\n') {
        j++;
      }
      toRaw[i] = j;
    }
    candidates.push({
      mapping: {
        toUtf16: (cp) => {
          const u = lfMap.toUtf16(cp);
          return u === undefined ? undefined : toRaw[u];
        },
        note: 'positions were counted with one character per line break (the text has CRLF); adjusted.',
      },
    });
  }
  if (hadBom) {
    candidates.push({ mapping: { toUtf16: (cp) => raw.toUtf16(cp - 1), note: 'positions counted the byte order mark; adjusted.' } });
  }
  if (candidates.length === 0) {
    return standard;
  }
  const quoted = selections
    .map((s) => ({
      name: normalizeSpace(attr(s, 'name') ?? '')
        .replace(/(…|\.\.\.)$/, '')
        .trim(),
      s: toInt(attr(s, 'startPosition')),
      e: toInt(attr(s, 'endPosition')),
    }))
    .filter((q) => q.name.length >= 8 && q.s !== undefined && q.e !== undefined);
  if (quoted.length === 0) {
    return standard;
  }
  const score = (m: PositionMapping): number =>
    quoted.filter((q) => {
      const a = m.toUtf16(q.s!);
      const b = m.toUtf16(q.e!);
      return a !== undefined && b !== undefined && normalizeSpace(body.slice(a, b)).startsWith(q.name);
    }).length;
  let best = standard;
  let bestScore = score(standard);
  for (const c of candidates) {
    const s = score(c.mapping);
    if (s > bestScore) {
      best = c.mapping;
      bestScore = s;
    }
  }
  return best;
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function makeFrontMatter(attributes: Record<string, AttributeValue>, eol: string, body: string): string {
  const keys = Object.keys(attributes);
  if (keys.length === 0) {
    // Text that starts like front matter would be read as front matter: fence it off with an empty one.
    return /^\uFEFF?---[ \t]*\r?\n/.test(body) ? `---${eol}---${eol}` : '';
  }
  const yaml = stringifyYaml(attributes, { lineWidth: 0 }).replace(/\n/g, eol);
  return `---${eol}${yaml}---${eol}`;
}

function variableValue(vv: XmlElement): AttributeValue | undefined {
  const text = (name: string): string | undefined => {
    const c = child(vv, name);
    if (!c) {
      return undefined;
    }
    const t = c['#text'];
    return typeof t === 'string' ? t.trim() : '';
  };
  const t = text('TextValue');
  if (t !== undefined) {
    return t;
  }
  const b = text('BooleanValue');
  if (b !== undefined) {
    return b === 'true' || b === '1';
  }
  for (const name of ['IntegerValue', 'FloatValue']) {
    const n = text(name);
    if (n !== undefined) {
      const num = Number(n);
      return n !== '' && Number.isFinite(num) ? num : n;
    }
  }
  return text('DateValue') ?? text('DateTimeValue');
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function toInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*-?\d+\s*$/.test(value)) {
    return undefined;
  }
  return parseInt(value, 10);
}

function baseName(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.slice(p.lastIndexOf('/') + 1);
}

function countElements(el: XmlElement, name: string): number {
  let n = 0;
  for (const [key, value] of Object.entries(el)) {
    if (key.startsWith('@_') || key === '#text') {
      continue;
    }
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) {
      if (key === name) {
        n++;
      }
      if (typeof item === 'object' && item !== null) {
        n += countElements(item as XmlElement, name);
      }
    }
  }
  return n;
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A file name that is safe on every platform and never leaves its folder. */
export function safeFileName(name: string, fallback: string): string {
  let n = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+|[.\s]+$/g, '');
  if (n.length > 100) {
    n = n.slice(0, 100).trim();
  }
  if (!n || RESERVED.test(n)) {
    n = n ? `${n}-${fallback}` : fallback;
  }
  return n;
}

function uniquePath(stem: string, ext: string, used: Set<string>): string {
  let path = stem + ext;
  for (let n = 2; used.has(path.toLowerCase()); n++) {
    path = `${stem} (${n})${ext}`;
  }
  used.add(path.toLowerCase());
  return path;
}
