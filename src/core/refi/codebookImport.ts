/**
 * Planning the import of a REFI-QDA codebook into a study. Codes are told apart by GUID: two codes
 * of one archive are never merged, whatever their names. Matching an imported code to a code the
 * study has already is by GUID, and — only when asked (`matchByName`, the default for a codebook
 * brought into an open study) — by name under the same parent; each existing code is matched at
 * most once, and every match by name is reported.
 */
import type { Code, Origin, Polarity } from '../model';
import { ORIGINS, POLARITIES } from '../model';
import type { Operation, Study } from '../study';
import { newId } from '../ids';
import { nextColor } from '../palette';
import { guidOf } from './guid';
import type { RefiCode, RefiCodebook, RefiSet } from './codebook';
import { en } from '../plural';

export interface CodebookImportPlan {
  readonly ops: Operation[];
  /** REFI GUID (or, for codes without one, a synthetic key) → the study's code id. */
  readonly codeIdOf: ReadonlyMap<string, string>;
  readonly added: number;
  readonly matched: number;
  /** Links to literature factors added (to factors of the study with the set's name). */
  readonly links: number;
  /** Existing codes an imported code was matched to by name (not GUID), as path labels. */
  readonly matchedByName: readonly string[];
  /** Imported codes kept beside a sibling of the same name (case ignored), as path labels. */
  readonly sameNameSiblings: readonly string[];
  /** Every code ↔ factor-name pair of the `factor: …` sets, by the study's code id. */
  readonly factorLinks: ReadonlyArray<{ readonly code: string; readonly factor: string }>;
  /** Factor names of `factor: …` sets the study has no factor for (their links are not added). */
  readonly unresolvedFactors: readonly string[];
  /** Names of sets that are not read (groups of codes or documents; unknown polarity or origin). */
  readonly unreadSets: readonly string[];
  /** Human-readable notes on what was matched by name, kept apart, or left out. */
  readonly warnings: readonly string[];
  /** True when something of the codebook was not imported (unread sets, links to unknown factors). */
  readonly lost: boolean;
}

export interface CodebookImportOptions {
  /** Match an imported code to an existing code of the same name under the same parent (default true). */
  readonly matchByName?: boolean;
  /** The id a new code should get, by its GUID (a Codeboom export records ids that are not GUIDs). */
  readonly idOf?: (guid: string) => string | undefined;
}

const POLARITY_SET = /^polarity:\s*(.+)$/i;
const ORIGIN_SET = /^origin:\s*(.+)$/i;
const FACTOR_SET = /^factor:\s*(.+)$/i;

function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

function pathKey(parent: string | undefined, name: string): string {
  return `${parent ?? ''}\u0000${nameKey(name)}`;
}

interface SetProperties {
  readonly polarity: Map<string, Polarity>;
  readonly origin: Map<string, Origin>;
  readonly factorLinks: Array<{ guid: string; factor: string }>;
  readonly unread: string[];
}

/** Sets named "polarity: …", "origin: …" (as Codeboom exports them) and "factor: …"; the others are not read. */
export function readSetProperties(sets: readonly RefiSet[]): SetProperties {
  const out: SetProperties = { polarity: new Map(), origin: new Map(), factorLinks: [], unread: [] };
  for (const set of sets) {
    const p = POLARITY_SET.exec(set.name)?.[1].trim().toLowerCase();
    const o = ORIGIN_SET.exec(set.name)?.[1].trim().toLowerCase();
    const f = FACTOR_SET.exec(set.name)?.[1].trim();
    const validP = p !== undefined && (POLARITIES as readonly string[]).includes(p);
    const validO = o !== undefined && (ORIGINS as readonly string[]).includes(o);
    if (!validP && !validO && !f) {
      out.unread.push(set.name || '(unnamed set)');
      continue;
    }
    for (const g of set.memberCodes) {
      if (validP) {
        out.polarity.set(g, p as Polarity);
      }
      if (validO) {
        out.origin.set(g, o as Origin);
      }
      if (f) {
        out.factorLinks.push({ guid: g, factor: f });
      }
    }
  }
  return out;
}

/**
 * The operations that bring a codebook into a study. A code that exists already — same GUID (its
 * id, or the GUID an export gave it), or (with `matchByName`) the same name under the same parent —
 * is matched, not duplicated: it keeps its name, colour and definition (a missing definition is
 * filled in). New codes take the REFI GUID as their id. Sets named "polarity: …", "origin: …" set
 * those properties; sets named "factor: …" link codes to a literature factor of that name.
 */
export function planCodebookImport(study: Study, codebook: RefiCodebook, options: CodebookImportOptions = {}): CodebookImportPlan {
  const matchByName = options.matchByName ?? true;
  const ops: Operation[] = [];
  const codeIdOf = new Map<string, string>();
  const byGuid = new Map<string, string>();
  // Only codes the study had before: codes of this codebook never match one another by name.
  const byPath = new Map<string, Code[]>();
  const claimed = new Set<string>();
  const usedIds = new Set<string>();
  const colors = study.codes.map((c) => c.color);
  for (const c of study.codes) {
    byGuid.set(guidOf('code', c.id), c.id);
    byPath.set(pathKey(c.parent, c.name), [...(byPath.get(pathKey(c.parent, c.name)) ?? []), c]);
    usedIds.add(c.id);
  }
  const props = readSetProperties(codebook.sets);
  const counts = { added: 0, matched: 0, synthetic: 0 };
  const matchedByName: string[] = [];
  const newCodes: Code[] = [];
  const findExisting = (rc: RefiCode, parent: string | undefined, siblings: readonly RefiCode[]): string | undefined => {
    const byId = rc.guid !== undefined ? byGuid.get(rc.guid) : undefined;
    if (byId !== undefined && !claimed.has(byId)) {
      return byId;
    }
    if (!matchByName) {
      return undefined;
    }
    // The exact name first; a code another imported sibling names exactly is left to that sibling.
    const free = (byPath.get(pathKey(parent, rc.name)) ?? []).filter((c) => !claimed.has(c.id));
    const hit = free.find((c) => c.name === rc.name) ?? free.find((c) => !siblings.some((s) => s !== rc && s.name === c.name));
    if (hit) {
      matchedByName.push(study.pathLabel(hit.id));
    }
    return hit?.id;
  };
  const addNew = (rc: RefiCode, parent: string | undefined): string => {
    const wanted = rc.guid !== undefined ? (options.idOf?.(rc.guid) ?? rc.guid) : undefined;
    const id = wanted !== undefined && !usedIds.has(wanted) ? wanted : newId();
    const color = rc.color ?? nextColor(colors);
    colors.push(color);
    const pol = rc.guid !== undefined ? props.polarity.get(rc.guid) : undefined;
    const ori = rc.guid !== undefined ? props.origin.get(rc.guid) : undefined;
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
    newCodes.push(code);
    usedIds.add(id);
    return id;
  };
  // Depth first with a stack of its own (a deep codebook would overflow recursion).
  const stack: Array<{ rc: RefiCode; parent: string | undefined; siblings: readonly RefiCode[] }> = codebook.codes
    .map((rc) => ({ rc, parent: undefined, siblings: codebook.codes }))
    .reverse();
  while (stack.length) {
    const { rc, parent, siblings } = stack.pop()!;
    const key = rc.guid ?? `#${counts.synthetic++}`;
    let id = findExisting(rc, parent, siblings);
    if (id !== undefined) {
      claimed.add(id);
      counts.matched++;
      const code = study.code(id);
      if (code && !code.definition && rc.description) {
        ops.push({ kind: 'updateCode', id, patch: { definition: rc.description } });
      }
    } else {
      id = addNew(rc, parent);
      counts.added++;
    }
    codeIdOf.set(key, id);
    for (let i = rc.children.length - 1; i >= 0; i--) {
      stack.push({ rc: rc.children[i], parent: id, siblings: rc.children });
    }
  }
  const sameNameSiblings = sameNameLabels(study, newCodes);
  const factors = planFactorLinks(study, props.factorLinks, codeIdOf, ops);
  const warnings = codebookWarnings(matchedByName, sameNameSiblings, factors.unresolved, props.unread);
  return {
    ops,
    codeIdOf,
    added: counts.added,
    matched: counts.matched,
    links: factors.added,
    matchedByName,
    sameNameSiblings,
    factorLinks: factors.resolved,
    unresolvedFactors: factors.unresolved,
    unreadSets: props.unread,
    warnings,
    lost: factors.unresolved.length > 0 || props.unread.length > 0,
  };
}

/** Path labels of new codes that share their name (case ignored) with a sibling, old or new. */
function sameNameLabels(study: Study, newCodes: readonly Code[]): string[] {
  const all = new Map<string, Code>(study.codes.map((c) => [c.id, c]));
  for (const c of newCodes) {
    all.set(c.id, c);
  }
  const siblings = new Map<string, number>();
  for (const c of all.values()) {
    siblings.set(pathKey(c.parent, c.name), (siblings.get(pathKey(c.parent, c.name)) ?? 0) + 1);
  }
  const label = (c: Code): string => {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let cur: Code | undefined = c; cur && !seen.has(cur.id); cur = cur.parent ? all.get(cur.parent) : undefined) {
      seen.add(cur.id);
      names.unshift(cur.name);
    }
    return names.join(' › ');
  };
  return [...new Set(newCodes.filter((c) => (siblings.get(pathKey(c.parent, c.name)) ?? 0) > 1).map(label))];
}

/** Links of the `factor: …` sets: to the study's factors of that name (case ignored); the others reported. */
function planFactorLinks(
  study: Study,
  factorLinks: ReadonlyArray<{ guid: string; factor: string }>,
  codeIdOf: ReadonlyMap<string, string>,
  ops: Operation[],
): { resolved: Array<{ code: string; factor: string }>; unresolved: string[]; added: number } {
  const resolved: Array<{ code: string; factor: string }> = [];
  const unresolved = new Set<string>();
  const factorByName = new Map<string, string>();
  for (const cat of study.catalogues) {
    for (const g of cat.categories) {
      for (const f of g.factors) {
        if (!factorByName.has(nameKey(f.name))) {
          factorByName.set(nameKey(f.name), f.id);
        }
      }
    }
  }
  const have = new Set(study.links.map((l) => `${l.code}\u0000${l.factor}`));
  let added = 0;
  for (const { guid, factor } of factorLinks) {
    const code = codeIdOf.get(guid);
    if (!code) {
      continue;
    }
    resolved.push({ code, factor });
    const fid = factorByName.get(nameKey(factor));
    if (!fid) {
      unresolved.add(factor);
    } else if (!have.has(`${code}\u0000${fid}`)) {
      have.add(`${code}\u0000${fid}`);
      ops.push({ kind: 'addLink', link: { code, factor: fid } });
      added++;
    }
  }
  return { resolved, unresolved: [...unresolved], added };
}

function codebookWarnings(
  matchedByName: readonly string[],
  sameName: readonly string[],
  unresolved: readonly string[],
  unread: readonly string[],
): string[] {
  const warnings: string[] = [];
  if (matchedByName.length) {
    warnings.push(`${en(matchedByName.length, 'code was', 'codes were')} matched to existing codes by name: ${matchedByName.join(', ')}.`);
  }
  if (sameName.length) {
    warnings.push(
      `${en(sameName.length, 'code shares', 'codes share')} a name with a sibling and are kept apart by their GUID: ${sameName.join(', ')}.`,
    );
  }
  if (unresolved.length) {
    warnings.push(
      `Links to ${en(unresolved.length, 'literature factor', 'literature factors')} the study does not have were not added: ${unresolved.join(', ')}.`,
    );
  }
  if (unread.length) {
    warnings.push(
      `${en(unread.length, 'set (a group of codes or documents) is', 'sets (groups of codes or documents) are')} not imported: ${unread.join(', ')}.`,
    );
  }
  return warnings;
}
