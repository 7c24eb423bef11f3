/**
 * The REFI-QDA codebook (QDA-XML 1.0, `Codebook.xsd` and the CodeBook of `Project.xsd`): reading a
 * `.qdc` (or the codebook inside a `.qdpx`), planning its import into a study without duplicating
 * codes that exist already (same GUID or same path), and writing a study's codebook as a `.qdc`.
 */
import type { Code, Origin, Polarity } from '../model';
import { ORIGINS, POLARITIES } from '../model';
import type { Operation, Study } from '../study';
import { newId } from '../ids';
import { nextColor } from '../palette';
import { append, decodeText } from '../port';
import { RefiError } from './errors';
import { derivedGuid, guidOf, normalizeGuid } from './guid';
import type { XmlElement } from './xml';
import { attr, attrs, buildXml, child, childText, children, parseXml, textNode } from './xml';
import { DEFAULT_ZIP_LIMITS, looksLikeZip, ZipReader } from './zip';
import type { ZipLimits } from './zip';
import { findProjectEntry } from './archive';

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
  if (name === 'CodeBook') {
    return { ...originOf(root), codes: parseCodes(child(root, 'Codes')), sets: parseSets(child(root, 'Sets')) };
  }
  if (name === 'Project') {
    return { ...originOf(root), codes: parseCodes(child(child(root, 'CodeBook'), 'Codes')), sets: parseSets(child(root, 'Sets')) };
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

// ---------- importing into a study ----------

export interface CodebookImportPlan {
  readonly ops: Operation[];
  /** REFI GUID (or, for codes without one, a synthetic key) → the study's code id. */
  readonly codeIdOf: ReadonlyMap<string, string>;
  readonly added: number;
  readonly matched: number;
  readonly links: number;
}

const POLARITY_SET = /^polarity:\s*(.+)$/i;
const ORIGIN_SET = /^origin:\s*(.+)$/i;
const FACTOR_SET = /^factor:\s*(.+)$/i;

function pathKey(parent: string | undefined, name: string): string {
  return `${parent ?? ''}\u0000${name.trim().normalize('NFC').toLowerCase()}`;
}

/**
 * The operations that bring a codebook into a study. A code that exists already — same GUID (its
 * id, or the GUID an export gave it), or same name under the same parent — is matched, not
 * duplicated: it keeps its name, colour and definition (a missing definition is filled in). New
 * codes take the REFI GUID as their id. Sets named "polarity: …", "origin: …" (as Codeboom exports
 * them) set those properties; sets named "factor: …" link codes to a literature factor of that name.
 */
export function planCodebookImport(study: Study, codebook: RefiCodebook): CodebookImportPlan {
  const ops: Operation[] = [];
  const codeIdOf = new Map<string, string>();
  const byGuid = new Map<string, string>();
  const byPath = new Map<string, string>();
  const usedIds = new Set<string>();
  const colors = study.codes.map((c) => c.color);
  for (const c of study.codes) {
    byGuid.set(guidOf('code', c.id), c.id);
    byPath.set(pathKey(c.parent, c.name), c.id);
    usedIds.add(c.id);
  }
  const polarity = new Map<string, Polarity>();
  const origin = new Map<string, Origin>();
  const factorLinks: Array<{ guid: string; factor: string }> = [];
  for (const set of codebook.sets) {
    const p = POLARITY_SET.exec(set.name)?.[1].trim().toLowerCase();
    const o = ORIGIN_SET.exec(set.name)?.[1].trim().toLowerCase();
    const f = FACTOR_SET.exec(set.name)?.[1].trim();
    for (const g of set.memberCodes) {
      if (p && (POLARITIES as readonly string[]).includes(p)) {
        polarity.set(g, p as Polarity);
      }
      if (o && (ORIGINS as readonly string[]).includes(o)) {
        origin.set(g, o as Origin);
      }
      if (f) {
        factorLinks.push({ guid: g, factor: f });
      }
    }
  }
  let added = 0;
  let matched = 0;
  let synthetic = 0;
  const visit = (codes: readonly RefiCode[], parent: string | undefined): void => {
    for (const rc of codes) {
      const key = rc.guid ?? `#${synthetic++}`;
      const existing = (rc.guid !== undefined ? byGuid.get(rc.guid) : undefined) ?? byPath.get(pathKey(parent, rc.name));
      let id: string;
      if (existing !== undefined) {
        id = existing;
        matched++;
        const code = study.code(existing);
        if (code && !code.definition && rc.description) {
          ops.push({ kind: 'updateCode', id, patch: { definition: rc.description } });
        }
      } else {
        id = rc.guid !== undefined && !usedIds.has(rc.guid) ? rc.guid : newId();
        const color = rc.color ?? nextColor(colors);
        colors.push(color);
        const pol = rc.guid !== undefined ? polarity.get(rc.guid) : undefined;
        const ori = rc.guid !== undefined ? origin.get(rc.guid) : undefined;
        const code: Code = {
          id,
          name: rc.name,
          ...(parent !== undefined ? { parent } : {}),
          color,
          ...(rc.description !== undefined ? { definition: rc.description } : {}),
          ...(rc.memo !== undefined ? { memo: rc.memo } : {}),
          ...(pol ? { polarity: pol } : {}),
          ...(ori ? { origin: ori } : {}),
        };
        ops.push({ kind: 'addCode', code });
        usedIds.add(id);
        byPath.set(pathKey(parent, rc.name), id);
        if (rc.guid !== undefined) {
          byGuid.set(rc.guid, id);
        }
        added++;
      }
      codeIdOf.set(key, id);
      visit(rc.children, id);
    }
  };
  visit(codebook.codes, undefined);
  let links = 0;
  if (factorLinks.length) {
    const factorByName = new Map<string, string>();
    for (const cat of study.catalogues) {
      for (const g of cat.categories) {
        for (const f of g.factors) {
          factorByName.set(f.name.trim().toLowerCase(), f.id);
        }
      }
    }
    const have = new Set(study.links.map((l) => `${l.code}\u0000${l.factor}`));
    for (const { guid, factor } of factorLinks) {
      const code = codeIdOf.get(guid);
      const fid = factorByName.get(factor.toLowerCase());
      if (code && fid && !have.has(`${code}\u0000${fid}`)) {
        have.add(`${code}\u0000${fid}`);
        ops.push({ kind: 'addLink', link: { code, factor: fid } });
        links++;
      }
    }
  }
  return { ops, codeIdOf, added, matched, links };
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
