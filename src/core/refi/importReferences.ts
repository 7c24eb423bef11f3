/**
 * The phases of the project import that read what the sources refer to: users (coders), notes
 * (memos), the codebook, variables and cases.
 */
import type { AttributeValue, CaseInfo, CoderInfo, Code, CodeFactorLink, FactorCatalogue } from '../model';
import { emptyProject } from '../model';
import { Study } from '../study';
import { coderSlug } from '../ids';
import { normalizeGuid } from './guid';
import type { RefiCode, RefiSet } from './codebook';
import { parseCodes, parseSets } from './codebook';
import { planCodebookImport } from './codebookImport';
import type { XmlElement } from './xml';
import { attr, child, childText, children } from './xml';
import { isoDate, variableValue } from './importHelpers';
import type { StudyExtras } from './studyExtras';
import { codeExtras, EXTRAS_NOTE_NAME, parseExtras, resolveFactors } from './studyExtras';

export interface Coders {
  /** Every coder, in order; the fallback coder is added when it is first needed. */
  readonly coders: CoderInfo[];
  /** The coder of a user GUID; an unknown user is the project's creating user, or one "Imported" coder. */
  readonly coderFor: (guid: string | undefined) => CoderInfo;
}

/** Users → coders (ids must be file-name safe and unique). */
export function readUsers(root: XmlElement): Coders {
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
  return { coders, coderFor };
}

export interface NoteInfo {
  readonly name: string;
  readonly text: string;
  readonly created?: string;
  used: boolean;
}

export interface Notes {
  /** By GUID; `used` once a code, coding or source took the note's text. */
  readonly notes: Map<string, NoteInfo>;
  /** The texts of an element's NoteRefs (marking those notes used). */
  readonly noteTexts: (el: XmlElement | undefined) => string[];
}

/** Notes: memos. Those attached to a code or a coding end up there, the others as memo files. */
export function readNotes(root: XmlElement, readEntryText: (path: string | undefined) => string | undefined): Notes {
  const notes = new Map<string, NoteInfo>();
  for (const [i, n] of children(child(root, 'Notes'), 'Note').entries()) {
    // A note without a GUID cannot be referred to: it becomes a memo file of its own.
    const guid = normalizeGuid(attr(n, 'guid')) ?? `#note${i}`;
    const content = childText(n, 'PlainTextContent') ?? readEntryText(attr(n, 'plainTextPath'))?.replace(/^\uFEFF/, '');
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
  return { notes, noteTexts };
}

export interface ImportedCodebook {
  readonly projectName: string;
  readonly refiCodes: readonly RefiCode[];
  readonly sets: readonly RefiSet[];
  /** The Codeboom codes. */
  readonly codes: readonly Code[];
  readonly codeIdOfGuid: (guid: string | undefined) => string | undefined;
  /** Path labels of codes kept beside a sibling of the same name (case ignored). */
  readonly sameNameSiblings: readonly string[];
  /** Names of sets that are not imported. */
  readonly unreadSets: readonly string[];
  /** Literature factors and the links to them (from the `factor: …` sets and the extras note). */
  readonly catalogues: readonly FactorCatalogue[];
  readonly links: readonly CodeFactorLink[];
  /** Factors made for `factor: …` sets that name no known factor. */
  readonly createdFactors: readonly string[];
}

/** The note of a Codeboom export that carries what REFI-QDA has no place for (marked used), if any. */
export function takeExtras(notes: ReadonlyMap<string, NoteInfo>, warnings: string[]): StudyExtras | undefined {
  for (const note of notes.values()) {
    if (note.name !== EXTRAS_NOTE_NAME) {
      continue;
    }
    const extras = parseExtras(note.text);
    if (extras) {
      note.used = true;
      return extras;
    }
    warnings.push(`The note "${EXTRAS_NOTE_NAME}" could not be read (changed in another tool?); it is kept as a memo file.`);
  }
  return undefined;
}

/** Codebook (with code memos from their notes), then into an empty study to get Codeboom codes. */
export function importCodebook(root: XmlElement, notes: ReadonlyMap<string, NoteInfo>, extras?: StudyExtras): ImportedCodebook {
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
  // Into an empty study, by GUID only: codes of one archive are never merged by name.
  const plan = planCodebookImport(scratch, { codes: refiCodes, sets }, { matchByName: false, idOf: (g) => codeExtras(extras, g)?.id });
  scratch.transact('import', plan.ops);
  const guidOfId = new Map([...plan.codeIdOf].map(([g, id]) => [id, g]));
  const codes: readonly Code[] = scratch.codes.map((c) => {
    const aliases = codeExtras(extras, guidOfId.get(c.id) ?? '')?.aliases;
    return aliases?.length ? { ...c, aliases } : c;
  });
  const factors = resolveFactors(extras, plan.factorLinks, (g) => plan.codeIdOf.get(g));
  const codeIdOfGuid = (guid: string | undefined): string | undefined => {
    const g = normalizeGuid(guid);
    return g ? plan.codeIdOf.get(g) : undefined;
  };
  return {
    projectName,
    refiCodes,
    sets,
    codes,
    codeIdOfGuid,
    sameNameSiblings: plan.sameNameSiblings,
    unreadSets: plan.unreadSets,
    catalogues: factors.catalogues,
    links: factors.links,
    createdFactors: factors.created,
  };
}

export interface VariableInfo {
  readonly name: string;
  readonly type: string;
}

export interface SourceCase {
  readonly name: string;
  readonly values: Array<[string, AttributeValue]>;
}

export interface CasesAndVariables {
  readonly variables: ReadonlyMap<string, VariableInfo>;
  /** An element's variable values (known variables only), by variable name. */
  readonly valuesOf: (el: XmlElement) => Array<[string, AttributeValue]>;
  readonly cases: CaseInfo[];
  /** Source GUID → the cases it belongs to, in document order. */
  readonly casesOfSource: ReadonlyMap<string, SourceCase[]>;
}

/** Variables and cases. */
export function readCasesAndVariables(root: XmlElement): CasesAndVariables {
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
  const casesOfSource = new Map<string, SourceCase[]>();
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
  return { variables, valuesOf, cases, casesOfSource };
}
