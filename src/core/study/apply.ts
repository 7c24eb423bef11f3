/**
 * Applying one {@link Operation} to the study's indexes: one function per kind, each checks the
 * operation first (throws a {@link StudyError} and changes nothing when it is invalid) and returns
 * the operation that undoes it.
 */
import * as l10n from '@vscode/l10n';
import type { Code, CodeFactorLink, Coding, FactorCatalogue } from '../model';
import type { CodingIndex } from './codingIndex';
import type { CodeTree } from './codeTree';
import { StudyError } from './errors';
import type { CodePatch, CodingPatch, Operation } from './operations';
import { linkKey } from './operations';

/** What the operations change: the study's indexes, reached through this (see Study). */
export interface OperationTarget {
  readonly codings: CodingIndex;
  readonly tree: CodeTree;
  readonly links: Map<string, CodeFactorLink>;
  /** The codebook in its order. */
  codes(): readonly Code[];
  /** Replaces the codebook: indexes it again and marks the project file to be saved. */
  setCodes(codes: Code[]): void;
  /** Puts a code into the codebook at `index`: at the end in place (an import adds thousands in one transaction), elsewhere by setCodes. */
  insertCode(code: Code, index: number): void;
  hasFactor(id: string): boolean;
  /** The coding's (doc, coder) partition is to be saved. */
  markDirty(c: Coding): void;
  /** The links changed: the project file is to be saved. */
  linksChanged(): void;
  catalogues(): readonly FactorCatalogue[];
  /** Replaces the catalogues: indexes their factors again and marks the project file to be saved. */
  setCatalogues(catalogues: readonly FactorCatalogue[]): void;
}

/** What a transaction changed, for the event it fires. */
export interface ChangeSet {
  docs: Set<string>;
  codebook: boolean;
}

type Of<K extends Operation['kind']> = Extract<Operation, { kind: K }>;
type Apply<K extends Operation['kind']> = (t: OperationTarget, op: Of<K>, change: ChangeSet) => Operation;

const APPLY: { readonly [K in Operation['kind']]: Apply<K> } = {
  addCoding,
  removeCoding,
  updateCoding,
  addCode,
  removeCode,
  updateCode,
  moveCode,
  addLink,
  removeLink,
  setCatalogues,
};

/** Applies one operation and returns its inverse. */
export function applyOperation(t: OperationTarget, op: Operation, change: ChangeSet): Operation {
  return (APPLY[op.kind] as Apply<Operation['kind']>)(t, op as never, change);
}

function checkCodes(t: OperationTarget, codes: readonly string[]): void {
  if (codes.length === 0) {
    throw new StudyError(l10n.t('A coding needs at least one code.'));
  }
  for (const code of codes) {
    if (!t.tree.has(code)) {
      throw new StudyError(l10n.t('Unknown code {0}.'), code);
    }
  }
}

function addCoding(t: OperationTarget, op: Of<'addCoding'>, change: ChangeSet): Operation {
  const c = op.coding;
  if (t.codings.has(c.id)) {
    throw new StudyError(l10n.t('Coding {0} exists already.'), c.id);
  }
  checkCodes(t, c.codes);
  if (c.end < c.start) {
    throw new StudyError(l10n.t('A coding cannot end before it starts.'));
  }
  t.codings.add(c);
  t.markDirty(c);
  change.docs.add(c.doc);
  return { kind: 'removeCoding', id: c.id };
}

function removeCoding(t: OperationTarget, op: Of<'removeCoding'>, change: ChangeSet): Operation {
  const c = t.codings.get(op.id);
  if (!c) {
    throw new StudyError(l10n.t('No coding {0}.'), op.id);
  }
  t.codings.remove(c);
  t.markDirty(c);
  change.docs.add(c.doc);
  return { kind: 'addCoding', coding: c };
}

function updateCoding(t: OperationTarget, op: Of<'updateCoding'>, change: ChangeSet): Operation {
  const c = t.codings.get(op.id);
  if (!c) {
    throw new StudyError(l10n.t('No coding {0}.'), op.id);
  }
  if (op.patch.codes) {
    checkCodes(t, op.patch.codes);
  }
  const old: Record<string, unknown> = {};
  for (const key of Object.keys(op.patch) as (keyof CodingPatch)[]) {
    old[key] = c[key];
  }
  const next = { ...c, ...op.patch } as Coding;
  for (const key of Object.keys(next) as (keyof Coding)[]) {
    if (next[key] === undefined) {
      delete (next as unknown as Record<string, unknown>)[key];
    }
  }
  t.codings.remove(c);
  t.codings.add(next);
  t.markDirty(next);
  change.docs.add(c.doc);
  return { kind: 'updateCoding', id: c.id, patch: old as CodingPatch };
}

function addCode(t: OperationTarget, op: Of<'addCode'>, change: ChangeSet): Operation {
  const code = op.code;
  if (t.tree.has(code.id)) {
    throw new StudyError(l10n.t('Code {0} exists already.'), code.id);
  }
  if (code.parent !== undefined && !t.tree.has(code.parent)) {
    throw new StudyError(l10n.t('Unknown parent code {0}.'), code.parent);
  }
  const length = t.codes().length;
  t.insertCode(code, op.index === undefined ? length : Math.min(op.index, length));
  change.codebook = true;
  return { kind: 'removeCode', id: code.id };
}

function removeCode(t: OperationTarget, op: Of<'removeCode'>, change: ChangeSet): Operation {
  const index = t.codes().findIndex((c) => c.id === op.id);
  if (index < 0) {
    throw new StudyError(l10n.t('No code {0}.'), op.id);
  }
  const code = t.codes()[index];
  if (t.tree.children(op.id).length > 0) {
    throw new StudyError(l10n.t('Code {0} still has child codes.'), code.name);
  }
  if (t.codings.countWithCode(op.id) > 0) {
    throw new StudyError(l10n.t('Code {0} is still used by codings.'), code.name);
  }
  if ([...t.links.values()].some((l) => l.code === op.id)) {
    throw new StudyError(l10n.t('Code {0} is still linked to literature factors.'), code.name);
  }
  t.setCodes(t.codes().filter((c) => c.id !== op.id));
  change.codebook = true;
  return { kind: 'addCode', code, index };
}

function updateCode(t: OperationTarget, op: Of<'updateCode'>, change: ChangeSet): Operation {
  const code = t.tree.get(op.id);
  if (!code) {
    throw new StudyError(l10n.t('No code {0}.'), op.id);
  }
  const { parent, ...rest } = op.patch;
  if (parent !== undefined && parent !== null) {
    if (!t.tree.has(parent)) {
      throw new StudyError(l10n.t('Unknown parent code {0}.'), parent);
    }
    if (t.tree.subtree(op.id).includes(parent)) {
      throw new StudyError(l10n.t('A code cannot be moved under itself or one of its descendants.'));
    }
  }
  if (rest.name !== undefined && rest.name.trim() === '') {
    throw new StudyError(l10n.t('A code needs a name.'));
  }
  const old: Record<string, unknown> = {};
  for (const key of Object.keys(op.patch) as (keyof CodePatch)[]) {
    old[key] = key === 'parent' ? (code.parent ?? null) : code[key];
  }
  const next: Record<string, unknown> = { ...code, ...rest };
  if (parent !== undefined) {
    next['parent'] = parent === null ? undefined : parent;
  }
  for (const key of Object.keys(next)) {
    if (next[key] === undefined) {
      delete next[key];
    }
  }
  t.setCodes(t.codes().map((c) => (c.id === op.id ? (next as unknown as Code) : c)));
  change.codebook = true;
  return { kind: 'updateCode', id: op.id, patch: old as CodePatch };
}

function moveCode(t: OperationTarget, op: Of<'moveCode'>, change: ChangeSet): Operation {
  const from = t.codes().findIndex((c) => c.id === op.id);
  if (from < 0) {
    throw new StudyError(l10n.t('No code {0}.'), op.id);
  }
  const list = [...t.codes()];
  const [code] = list.splice(from, 1);
  list.splice(Math.min(op.index, list.length), 0, code);
  t.setCodes(list);
  change.codebook = true;
  return { kind: 'moveCode', id: op.id, index: from };
}

function addLink(t: OperationTarget, op: Of<'addLink'>, change: ChangeSet): Operation {
  const key = linkKey(op.link.code, op.link.factor);
  if (t.links.has(key)) {
    throw new StudyError(l10n.t('That code is already linked to that factor.'));
  }
  if (!t.tree.has(op.link.code)) {
    throw new StudyError(l10n.t('Unknown code {0}.'), op.link.code);
  }
  if (!t.hasFactor(op.link.factor)) {
    throw new StudyError(l10n.t('Unknown literature factor {0}.'), op.link.factor);
  }
  t.links.set(key, op.link);
  t.linksChanged();
  change.codebook = true;
  return { kind: 'removeLink', code: op.link.code, factor: op.link.factor };
}

function removeLink(t: OperationTarget, op: Of<'removeLink'>, change: ChangeSet): Operation {
  const key = linkKey(op.code, op.factor);
  const link = t.links.get(key);
  if (!link) {
    throw new StudyError(l10n.t('No such link.'));
  }
  t.links.delete(key);
  t.linksChanged();
  change.codebook = true;
  return { kind: 'addLink', link };
}

function setCatalogues(t: OperationTarget, op: Of<'setCatalogues'>, change: ChangeSet): Operation {
  const kept = new Set(op.catalogues.flatMap((cat) => cat.categories.flatMap((g) => g.factors.map((f) => f.id))));
  for (const link of t.links.values()) {
    if (!kept.has(link.factor)) {
      throw new StudyError(
        l10n.t('Code {0} is linked to literature factor {1}, which the new catalogues leave out.'),
        link.code,
        link.factor,
      );
    }
  }
  const old = t.catalogues();
  t.setCatalogues(op.catalogues);
  change.codebook = true;
  return { kind: 'setCatalogues', catalogues: old };
}
