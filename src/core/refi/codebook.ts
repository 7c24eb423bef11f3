/**
 * The REFI-QDA codebook (QDA-XML 1.0, `Codebook.xsd` and the CodeBook of `Project.xsd`): reading a
 * `.qdc` (or the codebook inside a `.qdpx`) and writing a study's codebook as a `.qdc`; planning its
 * import into a study is in ./codebookImport.
 */
import type { Code } from '../model';
import type { Study } from '../study';
import { append, decodeText } from '../port';
import { RefiError } from './errors';
import { derivedGuid, guidOf, normalizeGuid } from './guid';
import type { XmlElement } from './xml';
import { attr, attrs, buildXml, child, childText, children, parseXml, textNode } from './xml';
import { DEFAULT_ZIP_LIMITS, looksLikeZip, ZipReader } from './zip';
import type { ZipLimits } from './zip';
import { findProjectEntry } from './archive';
import { checkCodeGuids } from './guidCheck';

export interface RefiCode {
  /** Normalised (lower case, no braces); undefined when the file's GUID is missing or malformed. */
  readonly guid: string | undefined;
  readonly name: string;
  readonly color?: string;
  readonly description?: string;
  readonly isCodable: boolean;
  /** Notes attached to the code (project files only), as text. */
  memo?: string;
  readonly noteRefs: readonly string[];
  readonly children: readonly RefiCode[];
}

export interface RefiSet {
  readonly guid: string | undefined;
  readonly name: string;
  readonly description?: string;
  readonly memberCodes: readonly string[];
  readonly memberSources: readonly string[];
  readonly memberNotes: readonly string[];
}

export interface RefiCodebook {
  readonly origin?: string;
  readonly codes: readonly RefiCode[];
  readonly sets: readonly RefiSet[];
}

export const NS_CODEBOOK = 'urn:QDA-XML:codebook:1.0';
export const NS_PROJECT = 'urn:QDA-XML:project:1.0';

// ---------- reading ----------

export function parseCodes(codesParent: XmlElement | undefined): RefiCode[] {
  return children(codesParent, 'Code').map((el) => {
    const name = (attr(el, 'name') ?? '').trim();
    const color = normalizeColor(attr(el, 'color'));
    const description = childText(el, 'Description');
    return {
      guid: normalizeGuid(attr(el, 'guid')),
      name: name || '(unnamed code)',
      ...(color ? { color } : {}),
      ...(description !== undefined ? { description } : {}),
      isCodable: attr(el, 'isCodable') !== 'false',
      noteRefs: children(el, 'NoteRef')
        .map((r) => normalizeGuid(attr(r, 'targetGUID')))
        .filter((g): g is string => g !== undefined),
      children: parseCodes(el),
    };
  });
}

export function parseSets(setsParent: XmlElement | undefined): RefiSet[] {
  // Codebook.xsd names the member's attribute "guid", Project.xsd "targetGUID": read both.
  const refs = (el: XmlElement, name: string): string[] =>
    children(el, name)
      .map((m) => normalizeGuid(attr(m, 'targetGUID') ?? attr(m, 'guid')))
      .filter((g): g is string => g !== undefined);
  return children(setsParent, 'Set').map((el) => {
    const description = childText(el, 'Description');
    return {
      guid: normalizeGuid(attr(el, 'guid')),
      name: (attr(el, 'name') ?? '').trim(),
      ...(description !== undefined ? { description } : {}),
      memberCodes: refs(el, 'MemberCode'),
      memberSources: refs(el, 'MemberSource'),
      memberNotes: refs(el, 'MemberNote'),
    };
  });
}

/** Reads a codebook from a `.qdc` (XML, root CodeBook), a `.qde` (root Project) or a `.qdpx` (zip). */
export function readCodebook(bytes: Uint8Array, fileName = 'codebook', limits: ZipLimits = DEFAULT_ZIP_LIMITS): RefiCodebook {
  let xml: string;
  let what = fileName;
  if (looksLikeZip(bytes)) {
    const zip = new ZipReader(bytes, limits);
    const entry = findProjectEntry(zip);
    what = `${fileName} › ${entry.name}`;
    xml = decodeText(zip.read(entry));
  } else {
    xml = decodeText(bytes);
  }
  const { name, root } = parseXml(xml, what);
  if (name === 'CodeBook' || name === 'Project') {
    const codes = parseCodes(name === 'CodeBook' ? child(root, 'Codes') : child(child(root, 'CodeBook'), 'Codes'));
    checkCodeGuids(codes);
    return { ...originOf(root), codes, sets: parseSets(child(root, 'Sets')) };
  }
  throw new RefiError(`${what} is not a REFI-QDA codebook or project (its root element is <${name}>, expected <CodeBook> or <Project>).`);
}

function originOf(root: XmlElement): { origin?: string } {
  const origin = attr(root, 'origin');
  return origin ? { origin } : {};
}

export function normalizeColor(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) {
    return undefined;
  }
  if (/^#[0-9a-fA-F]{6}$/.test(v)) {
    return v.toLowerCase();
  }
  if (/^#[0-9a-fA-F]{3}$/.test(v)) {
    return ('#' + [...v.slice(1)].map((c) => c + c).join('')).toLowerCase();
  }
  return undefined;
}

export function countCodes(codes: readonly RefiCode[]): number {
  return codes.reduce((n, c) => n + 1 + countCodes(c.children), 0);
}

/** Levels of the hierarchy: 1 for a flat list, 0 for none. */
export function codebookDepth(codes: readonly RefiCode[]): number {
  return codes.reduce((d, c) => Math.max(d, 1 + codebookDepth(c.children)), 0);
}

// ---------- writing ----------

/** The GUID a code is exported with: its id when that is a GUID (Codeboom's are), else one derived from it. */
export function codeGuid(id: string): string {
  return guidOf('code', id);
}

export interface CodeElementOptions {
  /** Project files may attach notes to codes (Codebook.xsd may not). */
  readonly noteRefOf?: (code: Code) => string | undefined;
}

/**
 * How deep a code tree REFI-QDA files from Codeboom hold: the XML builder and parser stop at 100
 * nested elements (with Project, CodeBook and Codes around the codes), and a deeper file would not
 * import here or, likely, anywhere else.
 */
export const MAX_REFI_CODE_DEPTH = 90;

export function codeElements(study: Study, parent: string | undefined, options: CodeElementOptions = {}): Record<string, unknown>[] {
  const deepest = study.codes.reduce((d, c) => Math.max(d, study.depthOf(c.id) + 1), 0);
  if (deepest > MAX_REFI_CODE_DEPTH) {
    throw new RefiError(
      `The codebook is ${deepest} levels deep; a REFI-QDA file holds at most ${MAX_REFI_CODE_DEPTH}. Move the deepest codes up a level and export again.`,
    );
  }
  // Built top-down with a stack of its own rather than by recursion (a deep tree would overflow it).
  const element = (code: Code): Record<string, unknown> => {
    const el: Record<string, unknown> = attrs({ guid: codeGuid(code.id), name: code.name, isCodable: true, color: code.color });
    if (code.definition) {
      el['Description'] = textNode(code.definition);
    }
    const note = options.noteRefOf?.(code);
    if (note) {
      el['NoteRef'] = [attrs({ targetGUID: note })];
    }
    return el;
  };
  const top = study.children(parent).map((code) => ({ code, el: element(code) }));
  const stack = [...top];
  while (stack.length > 0) {
    const { code, el } = stack.pop()!;
    const kids = study.children(code.id).map((c) => ({ code: c, el: element(c) }));
    if (kids.length) {
      el['Code'] = kids.map((k) => k.el);
      append(stack, kids);
    }
  }
  return top.map((t) => t.el);
}

/**
 * Sets that carry what REFI-QDA has no attribute for: polarity, origin and the links to literature
 * factors, as code groups ("polarity: belemmerend", "factor: Gebrek aan coördinatie").
 */
export function codeSets(study: Study, memberAttribute: 'guid' | 'targetGUID'): Record<string, unknown>[] {
  const groups = new Map<string, string[]>();
  const add = (name: string, codeId: string): void => {
    const list = groups.get(name) ?? [];
    list.push(codeGuid(codeId));
    groups.set(name, list);
  };
  for (const c of study.codes) {
    if (c.polarity) {
      add(`polarity: ${c.polarity}`, c.id);
    }
    if (c.origin) {
      add(`origin: ${c.origin}`, c.id);
    }
  }
  for (const l of study.links) {
    const f = study.factor(l.factor);
    if (f && study.code(l.code)) {
      add(`factor: ${f.factor.name}`, l.code);
    }
  }
  return [...groups.entries()].map(([name, members]) => ({
    ...attrs({ guid: derivedGuid('set', name), name }),
    MemberCode: members.map((g) => attrs({ [memberAttribute]: g })),
  }));
}

/** The study's codebook as a `.qdc` document (valid against Codebook.xsd). */
export function exportCodebook(study: Study, origin = 'Codeboom'): string {
  if (study.codes.length === 0) {
    throw new RefiError('The study has no codes: there is no codebook to export.');
  }
  const root: Record<string, unknown> = {
    ...attrs({
      xmlns: NS_CODEBOOK,
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': `${NS_CODEBOOK} http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd`,
      origin,
    }),
    Codes: { Code: codeElements(study, undefined) },
  };
  const sets = codeSets(study, 'guid');
  if (sets.length) {
    root['Sets'] = { Set: sets };
  }
  return buildXml('CodeBook', root);
}
