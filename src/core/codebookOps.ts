/**
 * Operations on the codebook as pure functions: each returns the study operations to apply with
 * `study.transact` (so every change is one undoable step), and throws {@link StudyError} when the
 * change does not make sense. Also the counts the views show.
 */
import * as l10n from '@vscode/l10n';
import type { Code, Coding } from './model';
import type { CodePatch, Operation, Study } from './study';
import { StudyError } from './study';
import { isCounted } from './counting';
import { append } from './port';
import { liveCodeCounts } from './codeCountIndex';

// ---------- counts ----------

export interface CodeCount {
  /** Codings that carry this code. */
  readonly own: number;
  /** Distinct codings that carry this code or any code below it (a coding with a code and its subcode counts once). */
  readonly total: number;
  /**
   * Distinct codings of the code or below it that are not counted in `own` and `total` (orphaned, or
   * of a missing transcript: see ./counting), shown beside them.
   */
  readonly uncounted: number;
}

/**
 * Own and rolled-up coding counts of every code, over all codings, or over the codings given
 * (e.g. `study.codingsOf(doc)`), or over those a predicate accepts. Codes without codings are in
 * the map with zeros. Codings that do not count (./counting) are counted apart, in `uncounted`.
 */
export function codeCounts(study: Study, scope?: ((c: Coding) => boolean) | Iterable<Coding>): Map<string, CodeCount> {
  if (scope === undefined) {
    // Kept up to date per transcript (./codeCountIndex): a refresh after one coding redoes one transcript.
    return liveCodeCounts(study);
  }
  const codings = scope === undefined ? study.allCodings() : typeof scope === 'function' ? [...study.allCodings()].filter(scope) : scope;
  const counted: Coding[] = [];
  const apart: Coding[] = [];
  for (const c of codings) {
    (isCounted(study, c) ? counted : apart).push(c);
  }
  const main = rollUp(study, counted);
  const left = rollUp(study, apart);
  const out = new Map<string, CodeCount>();
  for (const [id, n] of main.own) {
    out.set(id, { own: n, total: main.total.get(id)!, uncounted: left.total.get(id)! });
  }
  return out;
}

/**
 * Own and rolled-up counts of the codings given. Linear in codes and codings: a coding with one
 * code counts at that code, and the counts are rolled up to the parents once, deepest codes first
 * (a chain of ancestors per code would be quadratic on a deep codebook). A coding with several
 * codes counts once at each ancestor of any of them: those are walked, each ancestor once per coding.
 */
function rollUp(study: Study, codings: readonly Coding[]): { own: Map<string, number>; total: Map<string, number> } {
  const own = new Map<string, number>();
  const rolled = new Map<string, number>();
  const extra = new Map<string, number>();
  for (const code of study.codes) {
    own.set(code.id, 0);
    rolled.set(code.id, 0);
    extra.set(code.id, 0);
  }
  const parentOf = (id: string): string | undefined => {
    const p = study.code(id)?.parent;
    return p !== undefined && study.code(p) ? p : undefined;
  };
  const seen = new Set<string>();
  for (const c of codings) {
    if (c.codes.length === 1) {
      const id = c.codes[0];
      if (own.has(id)) {
        own.set(id, own.get(id)! + 1);
        rolled.set(id, rolled.get(id)! + 1);
      }
      continue;
    }
    seen.clear();
    for (const id of c.codes) {
      if (!own.has(id)) {
        continue;
      }
      own.set(id, own.get(id)! + 1);
      for (let a: string | undefined = id; a !== undefined && !seen.has(a); a = parentOf(a)) {
        seen.add(a);
        extra.set(a, extra.get(a)! + 1);
      }
    }
  }
  if (codings.length > 0) {
    const deepestFirst = study.codes.map((code) => code.id).sort((a, b) => study.depthOf(b) - study.depthOf(a));
    for (const id of deepestFirst) {
      const parent = parentOf(id);
      if (parent !== undefined) {
        rolled.set(parent, rolled.get(parent)! + rolled.get(id)!);
      }
    }
  }
  const total = new Map<string, number>();
  for (const id of own.keys()) {
    total.set(id, rolled.get(id)! + extra.get(id)!);
  }
  return { own, total };
}

/** Distinct codings carrying any of the codes or a code below them (counted or not: a listing). */
export function codingsOfSubtrees(study: Study, codeIds: readonly string[]): Coding[] {
  const ids = new Set<string>();
  for (const id of codeIds) {
    if (study.code(id)) {
      for (const s of study.subtree(id)) {
        ids.add(s);
      }
    }
  }
  const out = new Map<string, Coding>();
  for (const id of ids) {
    for (const c of study.codingsWithCode(id)) {
      out.set(c.id, c);
    }
  }
  return [...out.values()];
}

export interface FactorEvidence {
  /** Codes linked to the factor, in codebook order. */
  readonly codes: string[];
  /** Distinct codings carrying a linked code or a code below one: the evidence for the factor in the data. */
  readonly codings: number;
}

/** For every literature factor of every catalogue: its linked codes and how many codings back it. */
export function factorEvidence(study: Study): Map<string, FactorEvidence> {
  const linked = new Map<string, Set<string>>();
  for (const l of study.links) {
    let s = linked.get(l.factor);
    if (!s) {
      s = new Set();
      linked.set(l.factor, s);
    }
    s.add(l.code);
  }
  const out = new Map<string, FactorEvidence>();
  for (const cat of study.catalogues) {
    for (const g of cat.categories) {
      for (const f of g.factors) {
        const set = linked.get(f.id) ?? new Set<string>();
        const codes = study.codes.filter((c) => set.has(c.id)).map((c) => c.id);
        out.set(f.id, { codes, codings: codes.length ? codingsOfSubtrees(study, codes).filter((c) => isCounted(study, c)).length : 0 });
      }
    }
  }
  return out;
}

// ---------- editing codes ----------

function requireCode(study: Study, id: string): Code {
  const code = study.code(id);
  if (!code) {
    throw new StudyError(l10n.t('No code {0}.'), id);
  }
  return code;
}

/** Whether a sibling (same parent) other than `except` has this name (case and accents ignored). */
export function siblingNameTaken(study: Study, parent: string | undefined, name: string, except?: string): boolean {
  const wanted = name.trim();
  return study.children(parent).some((c) => c.id !== except && c.name.localeCompare(wanted, undefined, { sensitivity: 'base' }) === 0);
}

/** The operations that turn the code list `current` (ids) into `desired` (the same ids, reordered). */
export function reorderOps(current: readonly string[], desired: readonly string[]): Operation[] {
  const sim = [...current];
  const ops: Operation[] = [];
  for (let i = 0; i < desired.length; i++) {
    if (sim[i] === desired[i]) {
      continue;
    }
    const from = sim.indexOf(desired[i]);
    if (from < 0) {
      throw new StudyError(l10n.t('No code {0}.'), desired[i]);
    }
    sim.splice(from, 1);
    sim.splice(i, 0, desired[i]);
    ops.push({ kind: 'moveCode', id: desired[i], index: i });
  }
  return ops;
}

/**
 * Moves codes (with their subtrees) under `parent` (undefined: to the top level), after the new
 * parent's last descendant or, with `before`, just before that sibling. A code listed together
 * with one of its ancestors moves with the ancestor. Throws when a code would go under itself.
 */
export function moveCodes(study: Study, ids: readonly string[], parent: string | undefined, before?: string): Operation[] {
  if (parent !== undefined) {
    requireCode(study, parent);
  }
  const unique = [...new Set(ids)];
  for (const id of unique) {
    requireCode(study, id);
  }
  // Only the outermost of the codes move; their descendants come along.
  const roots = unique.filter(
    (id) =>
      !study
        .pathOf(id)
        .slice(0, -1)
        .some((a) => unique.includes(a.id)),
  );
  for (const id of roots) {
    if (parent !== undefined && study.subtree(id).includes(parent)) {
      throw new StudyError(l10n.t('“{0}” cannot be moved under itself or one of its subcodes.'), study.code(id)!.name);
    }
  }
  const ops: Operation[] = [];
  for (const id of roots) {
    if (study.code(id)!.parent !== parent) {
      ops.push({ kind: 'updateCode', id, patch: { parent: parent ?? null } });
    }
  }
  const current = study.codes.map((c) => c.id);
  const moving = new Set(roots.flatMap((id) => study.subtree(id)));
  const block = current.filter((id) => moving.has(id));
  const rest = current.filter((id) => !moving.has(id));
  let at: number;
  if (before !== undefined && rest.includes(before) && study.code(before)?.parent === parent) {
    at = rest.indexOf(before);
  } else if (parent === undefined) {
    at = rest.length;
  } else {
    const family = new Set(study.subtree(parent));
    at = rest.reduce((last, id, i) => (family.has(id) ? i : last), -1) + 1;
  }
  const desired = [...rest.slice(0, at), ...block, ...rest.slice(at)];
  return [...ops, ...reorderOps(current, desired)];
}

function spanKey(c: Coding): string {
  return `${c.doc}\u0000${c.coder}\u0000${c.start}\u0000${c.end}\u0000${c.orphaned ? 1 : 0}`;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * Gives every coding of `from` the code `to` instead. Where that leaves two codings of the same
 * coder on the same span, they fold into one (codes united, memos joined), the one that already
 * had `to` (else the oldest) being kept.
 */
export function replaceCodeInCodings(study: Study, from: string, to: string, now = new Date().toISOString()): Operation[] {
  requireCode(study, from);
  requireCode(study, to);
  if (from === to) {
    return [];
  }
  const affected = study
    .codingsWithCode(from)
    .sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1));
  const next = new Map<string, string[]>();
  for (const c of affected) {
    next.set(c.id, unique(c.codes.map((x) => (x === from ? to : x))));
  }
  // Group the affected codings with the codings of `to` on the same span by the same coder.
  const groups = new Map<string, Coding[]>();
  for (const c of [...study.codingsWithCode(to).filter((c) => !next.has(c.id)), ...affected]) {
    const key = spanKey(c);
    const list = groups.get(key);
    if (list) {
      list.push(c);
    } else {
      groups.set(key, [c]);
    }
  }
  const ops: Operation[] = [];
  for (const group of groups.values()) {
    if (!group.some((c) => next.has(c.id))) {
      continue;
    }
    const [keeper, ...folded] = group;
    const codes = unique(group.flatMap((c) => next.get(c.id) ?? [...c.codes]));
    const memos = unique(group.map((c) => c.memo?.trim()).filter((m): m is string => !!m));
    const memo = memos.length ? memos.join('\n\n') : undefined;
    const sameCodes = codes.length === keeper.codes.length && codes.every((x, i) => x === keeper.codes[i]);
    if (!sameCodes || memo !== keeper.memo) {
      ops.push({ kind: 'updateCoding', id: keeper.id, patch: { codes, memo, modified: now } });
    }
    for (const c of folded) {
      ops.push({ kind: 'removeCoding', id: c.id });
    }
  }
  return ops;
}

/**
 * Merges `source` into `target`: its codings get `target` (duplicates on the same span fold), its
 * subcodes move under `target`, its literature links go to `target`, its name (and aliases) become
 * aliases of `target` so searches still find it, and `source` is removed.
 */
export function mergeCodes(study: Study, source: string, target: string, now = new Date().toISOString()): Operation[] {
  const src = requireCode(study, source);
  const dst = requireCode(study, target);
  if (source === target) {
    throw new StudyError(l10n.t('A code cannot be merged into itself.'));
  }
  if (study.subtree(source).includes(target)) {
    throw new StudyError(l10n.t('“{0}” cannot be merged into one of its own subcodes.'), src.name);
  }
  const ops: Operation[] = [...replaceCodeInCodings(study, source, target, now)];
  for (const child of study.children(source)) {
    ops.push({ kind: 'updateCode', id: child.id, patch: { parent: target } });
  }
  const targetFactors = new Set(study.factorsOf(target));
  for (const link of study.links.filter((l) => l.code === source)) {
    ops.push({ kind: 'removeLink', code: source, factor: link.factor });
    if (!targetFactors.has(link.factor)) {
      ops.push({ kind: 'addLink', link: { ...link, code: target } });
    }
  }
  const aliases = unique([...(dst.aliases ?? []), src.name, ...(src.aliases ?? [])]).filter(
    (a) => a.localeCompare(dst.name, undefined, { sensitivity: 'base' }) !== 0,
  );
  const patch: { -readonly [K in keyof CodePatch]: CodePatch[K] } = { aliases };
  if (!dst.definition && src.definition) {
    patch.definition = src.definition;
  }
  if (src.memo) {
    patch.memo = dst.memo ? `${dst.memo}\n\n${src.memo}` : src.memo;
  }
  ops.push({ kind: 'updateCode', id: target, patch });
  ops.push({ kind: 'removeCode', id: source });
  return ops;
}

export interface DeleteOptions {
  /**
   * `parent`: the code's codings get its parent code instead (duplicates fold) and its literature
   * links go to the parent; `remove`: the code is taken off its codings (a coding left without
   * codes is deleted) and its links are removed.
   */
  readonly codings: 'parent' | 'remove';
}

/** Deletes a code. Its subcodes move up to its parent; its codings go to the parent or lose the code. */
export function deleteCode(study: Study, id: string, options: DeleteOptions, now = new Date().toISOString()): Operation[] {
  const code = requireCode(study, id);
  const parent = code.parent !== undefined && study.code(code.parent) ? code.parent : undefined;
  if (options.codings === 'parent' && parent === undefined) {
    throw new StudyError(l10n.t('“{0}” is a top-level code: there is no parent to move its codings to.'), code.name);
  }
  const ops: Operation[] = [];
  for (const child of study.children(id)) {
    ops.push({ kind: 'updateCode', id: child.id, patch: { parent: parent ?? null } });
  }
  if (options.codings === 'parent' && parent !== undefined) {
    append(ops, replaceCodeInCodings(study, id, parent, now));
    const parentFactors = new Set(study.factorsOf(parent));
    for (const link of study.links.filter((l) => l.code === id)) {
      ops.push({ kind: 'removeLink', code: id, factor: link.factor });
      if (!parentFactors.has(link.factor)) {
        ops.push({ kind: 'addLink', link: { ...link, code: parent } });
      }
    }
  } else {
    for (const c of study.codingsWithCode(id)) {
      ops.push(
        c.codes.length <= 1
          ? { kind: 'removeCoding', id: c.id }
          : { kind: 'updateCoding', id: c.id, patch: { codes: c.codes.filter((x) => x !== id), modified: now } },
      );
    }
    for (const link of study.links.filter((l) => l.code === id)) {
      ops.push({ kind: 'removeLink', code: id, factor: link.factor });
    }
  }
  ops.push({ kind: 'removeCode', id });
  return ops;
}

/** Links a code to literature factors it is not linked to yet. */
export function linkFactors(study: Study, code: string, factors: readonly string[]): Operation[] {
  requireCode(study, code);
  const have = new Set(study.factorsOf(code));
  const ops: Operation[] = [];
  for (const f of unique(factors)) {
    if (!study.factor(f)) {
      throw new StudyError(l10n.t('Unknown literature factor {0}.'), f);
    }
    if (!have.has(f)) {
      ops.push({ kind: 'addLink', link: { code, factor: f } });
    }
  }
  return ops;
}

/** Makes a code's links exactly `factors`: adds the missing ones, removes the others. */
export function setFactorLinks(study: Study, code: string, factors: readonly string[]): Operation[] {
  const wanted = new Set(factors);
  const removals: Operation[] = study
    .factorsOf(code)
    .filter((f) => !wanted.has(f))
    .map((f) => ({ kind: 'removeLink', code, factor: f }));
  return [...removals, ...linkFactors(study, code, factors)];
}
