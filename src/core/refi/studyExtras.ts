/**
 * What REFI-QDA has no place for, carried in one note of the project so that a Codeboom → .qdpx →
 * Codeboom round trip keeps the study: literature factor catalogues, links (with their notes),
 * aliases, code ids that are not GUIDs, cases, respondents, attribute keys, and each transcript's
 * front matter as written. Other tools show the note as a memo. On import the archive stays the
 * truth where it has a say (the `factor: …` sets for which codes link to a factor, the variable
 * values for the front matter): the note only restores what the archive cannot say, where the two agree.
 */
import { z } from 'zod';
import type { AttributeValue, CodeFactorLink, FactorCatalogue, LiteratureFactor } from '../model';
import type { Study } from '../study';
import { parseFrontMatter } from '../frontMatter';
import { codeGuid } from './codebook';
import { derivedGuid } from './guid';

export const EXTRAS_NOTE_NAME = 'Codeboom: literature factors, aliases and study settings';
export const EXTRAS_NOTE_GUID = derivedGuid('note', 'codeboom-study-extras');
const FORMAT = 'codeboom-refi-extras';
const INTRO =
  'Codeboom keeps here what REFI-QDA has no place for (literature factors, aliases, study settings); it reads this note back when the project is imported into Codeboom.\n\n';

const extrasSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  attributeKeys: z.object({ case: z.string(), respondent: z.string(), interview: z.string() }),
  cases: z.array(z.object({ id: z.string(), name: z.string().optional(), description: z.string().optional() })),
  respondents: z.array(
    z.object({
      id: z.string(),
      case: z.string().optional(),
      function: z.string().optional(),
      functionType: z.string().optional(),
      focusGroup: z.boolean().optional(),
    }),
  ),
  catalogues: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      source: z.string().optional(),
      categories: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          factors: z.array(
            z.object({ id: z.string(), name: z.string(), authors: z.array(z.string()), description: z.string().optional() }),
          ),
        }),
      ),
    }),
  ),
  /** Links by code GUID. */
  links: z.array(z.object({ code: z.string(), factor: z.string(), note: z.string().optional() })),
  /** By code GUID: the code's id when it is not its GUID, its aliases. */
  codes: z.record(z.string(), z.object({ id: z.string().optional(), aliases: z.array(z.string()).optional() })),
  /** By source GUID: the transcript's front matter as written. */
  frontMatter: z.record(z.string(), z.string()),
});

export type StudyExtras = z.infer<typeof extrasSchema>;

/** The note's text for a study, given the source GUID of each transcript. */
export function extrasNoteText(study: Study, texts: ReadonlyMap<string, { guid: string; text: string; bodyStart: number }>): string {
  const p = study.project;
  const codes: StudyExtras['codes'] = {};
  for (const c of study.codes) {
    const guid = codeGuid(c.id);
    if (guid !== c.id || c.aliases?.length) {
      codes[guid] = { ...(guid !== c.id ? { id: c.id } : {}), ...(c.aliases?.length ? { aliases: [...c.aliases] } : {}) };
    }
  }
  const frontMatter: Record<string, string> = {};
  for (const { guid, text, bodyStart } of texts.values()) {
    if (bodyStart > 0) {
      frontMatter[guid] = text.slice(0, bodyStart);
    }
  }
  const extras: StudyExtras = {
    format: FORMAT,
    version: 1,
    attributeKeys: p.attributeKeys,
    cases: [...p.cases],
    respondents: [...p.respondents],
    catalogues: p.catalogues as StudyExtras['catalogues'],
    links: p.links.filter((l) => study.code(l.code)).map((l) => ({ ...l, code: codeGuid(l.code) })),
    codes,
    frontMatter,
  };
  return INTRO + JSON.stringify(extras, null, 1);
}

/** The extras in a note's text, or undefined when it is not (or no longer readable as) such a note. */
export function parseExtras(text: string): StudyExtras | undefined {
  const at = text.indexOf('{');
  if (at < 0 || !text.includes(FORMAT)) {
    return undefined;
  }
  try {
    const parsed = extrasSchema.safeParse(JSON.parse(text.slice(at)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The code's aliases and wanted id from the extras. */
export function codeExtras(extras: StudyExtras | undefined, guid: string): { id?: string; aliases?: string[] } | undefined {
  return extras && Object.prototype.hasOwnProperty.call(extras.codes, guid) ? extras.codes[guid] : undefined;
}

/** The front matter recorded for a source, when its attributes still agree with the archive's. */
export function recordedFrontMatter(
  extras: StudyExtras | undefined,
  guid: string | undefined,
  attributes: Readonly<Record<string, AttributeValue>>,
): string | undefined {
  const fm = guid && extras && Object.prototype.hasOwnProperty.call(extras.frontMatter, guid) ? extras.frontMatter[guid] : undefined;
  if (fm === undefined) {
    return undefined;
  }
  const recorded = parseFrontMatter(fm);
  if (recorded.error || recorded.bodyStart !== fm.length) {
    return undefined;
  }
  const keys = new Set([...Object.keys(recorded.attributes), ...Object.keys(attributes)]);
  for (const k of keys) {
    const a = recorded.attributes[k];
    const b = attributes[k];
    if (a === undefined || b === undefined || String(a) !== String(b)) {
      return undefined;
    }
  }
  return fm;
}

const IMPORTED_CATALOGUE = 'Imported from REFI-QDA';

/**
 * The study's catalogues and links. The `factor: …` sets say which code links to which factor
 * name; the extras give the factors (their ids, authors, catalogues) and the links' notes. A set
 * pair the extras do not have (added in another tool) links to the first factor of that name, or
 * to a new one in the catalogue "Imported from REFI-QDA".
 */
export function resolveFactors(
  extras: StudyExtras | undefined,
  factorLinks: ReadonlyArray<{ readonly code: string; readonly factor: string }>,
  codeIdOf: (guid: string) => string | undefined,
): { catalogues: FactorCatalogue[]; links: CodeFactorLink[]; created: string[] } {
  const key = (s: string): string => s.trim().normalize('NFC').toLowerCase();
  const catalogues: FactorCatalogue[] = extras ? extras.catalogues.map((c) => ({ ...c })) : [];
  const factorName = new Map<string, string>();
  for (const cat of catalogues) {
    for (const g of cat.categories) {
      for (const f of g.factors) {
        factorName.set(f.id, key(f.name));
      }
    }
  }
  const pairs = new Set(factorLinks.map((l) => `${l.code}\u0000${key(l.factor)}`));
  const covered = new Set<string>();
  const links = new Map<string, CodeFactorLink>();
  for (const l of extras?.links ?? []) {
    const code = codeIdOf(l.code);
    const name = factorName.get(l.factor);
    const pair = `${code}\u0000${name}`;
    if (code !== undefined && name !== undefined && pairs.has(pair)) {
      covered.add(pair);
      links.set(`${code}\u0000${l.factor}`, { code, factor: l.factor, ...(l.note !== undefined ? { note: l.note } : {}) });
    }
  }
  const created: string[] = [];
  const imported: LiteratureFactor[] = [];
  for (const l of factorLinks) {
    if (covered.has(`${l.code}\u0000${key(l.factor)}`)) {
      continue;
    }
    let fid = [...factorName].find(([, n]) => n === key(l.factor))?.[0];
    if (fid === undefined) {
      fid = derivedGuid('factor', key(l.factor));
      imported.push({ id: fid, name: l.factor, authors: [] });
      factorName.set(fid, key(l.factor));
      created.push(l.factor);
    }
    links.set(`${l.code}\u0000${fid}`, { code: l.code, factor: fid });
  }
  if (imported.length) {
    catalogues.push({
      id: derivedGuid('catalogue', IMPORTED_CATALOGUE),
      name: IMPORTED_CATALOGUE,
      categories: [{ id: derivedGuid('category', IMPORTED_CATALOGUE), name: 'Factor sets', factors: imported }],
    });
  }
  return { catalogues, links: [...links.values()], created };
}
