/**
 * The study in memory: project data (codebook, factor catalogues, links, cases), transcripts and
 * codings, with indexes and change events. Every mutation is an {@link Operation}; a list of them
 * is applied as one transaction (all or nothing) and yields its inverse, which is what undo runs.
 */
import * as l10n from '@vscode/l10n';
import { Emitter } from '../events';
import type { Code, CodeFactorLink, Coding, FactorCatalogue, LiteratureFactor, ProjectData, TranscriptDocument } from '../model';
import type { TextEdit } from '../anchor';
import { declaredThenFound, throughEdits } from './textEdits';
import { CodeTree } from './codeTree';
import type { FactorIndex } from './factorIndex';
import { indexFactors } from './factorIndex';
import { CodingIndex } from './codingIndex';
import type { ChangeSet, OperationTarget } from './apply';
import { applyOperation } from './apply';
import { StudyError } from './errors';
import type { CodingPatch, Operation, StudyChange } from './operations';
import { linkKey, partitionKey } from './operations';
import { UndoHistory } from './history';
import type { StepEffect } from './history';

export class Study {
  private _project: ProjectData;
  private codeList: Code[];
  /** Whether codeList was handed out (then it is copied before it is changed in place). */
  private codesShared = false;
  private readonly tree = new CodeTree();
  private readonly linkSet = new Map<string, CodeFactorLink>();
  private readonly factorById: FactorIndex = new Map();
  private readonly codingIndex = new CodingIndex();
  private readonly docs = new Map<string, TranscriptDocument>();

  /** (doc, coder) partitions whose codings changed since the last save. */
  readonly dirtyPartitions = new Set<string>();
  projectDirty = false;
  readOnly = false;
  /** Colours offered to new codes (a user setting); the built-in palette when unset. */
  palette: readonly string[] | undefined;

  static readonly HISTORY_LIMIT = 500;
  private readonly history = new UndoHistory(Study.HISTORY_LIMIT);

  private readonly changeEmitter = new Emitter<StudyChange>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly historyEmitter = new Emitter<void>();
  readonly onDidChangeHistory = this.historyEmitter.event;

  /** What the operations change (./apply), as this study's indexes. */
  private readonly target: OperationTarget = {
    codings: this.codingIndex,
    tree: this.tree,
    links: this.linkSet,
    codes: () => this.codeList,
    setCodes: (codes) => {
      this.codeList = codes;
      this.codesShared = false;
      this.rebuildCodebookIndex();
      this.projectDirty = true;
    },
    insertCode: (code, index) => {
      if (index < this.codeList.length || !this.tree.append(code)) {
        this.target.setCodes([...this.codeList.slice(0, index), code, ...this.codeList.slice(index)]);
        return;
      }
      if (this.codesShared) {
        this.codeList = [...this.codeList];
        this.codesShared = false;
      }
      this.codeList.push(code);
      this.structureRevision++;
      this.projectDirty = true;
    },
    hasFactor: (id) => this.factorById.has(id),
    markDirty: (c) => this.markDirty(c),
    linksChanged: () => {
      this.projectDirty = true;
    },
    catalogues: () => this._project.catalogues,
    setCatalogues: (catalogues) => {
      this._project = { ...this._project, catalogues: [...catalogues] };
      this.rebuildCodebookIndex();
      this.projectDirty = true;
    },
  };

  /** Raised by every change of the codebook or of the transcripts: what is derived from them is to be derived again. */
  structureRevision = 0;

  /** `codings` given as a map by id becomes the study's own (opening a study: no copy of it). */
  constructor(project: ProjectData, documents: readonly TranscriptDocument[] = [], codings: readonly Coding[] | Map<string, Coding> = []) {
    this._project = project;
    this.codeList = [...project.codes];
    this.rebuildCodebookIndex();
    for (const d of documents) {
      this.docs.set(d.path, d);
    }
    if (codings instanceof Map) {
      this.codingIndex.adopt(codings);
    } else {
      for (const c of codings) {
        this.codingIndex.add(c);
      }
    }
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.historyEmitter.dispose();
  }

  // ---------- reading ----------

  get project(): ProjectData {
    this.codesShared = true;
    return { ...this._project, codes: this.codeList, links: [...this.linkSet.values()] };
  }

  get name(): string {
    return this._project.name;
  }

  get codes(): readonly Code[] {
    this.codesShared = true;
    return this.codeList;
  }

  code(id: string): Code | undefined {
    return this.tree.get(id);
  }

  children(parent: string | undefined): Code[] {
    return this.tree.children(parent);
  }

  /** The code and its ancestors, root first. */
  pathOf(id: string): Code[] {
    return this.tree.pathOf(id);
  }

  pathLabel(id: string, separator = ' › '): string {
    return this.pathOf(id)
      .map((c) => c.name)
      .join(separator);
  }

  /** The code and all its descendants. */
  subtree(id: string): string[] {
    return this.tree.subtree(id);
  }

  /**
   * The codes below `parent` (all codes when undefined) in tree order, depth first with siblings in
   * codebook order, each with its depth under `parent`. `skip` leaves a code out with its subtree.
   */
  treeOrder(parent?: string, skip?: (code: Code) => boolean): Array<{ code: Code; depth: number }> {
    return this.tree.treeOrder(parent, skip);
  }

  /** 0 for a top-level code (-1 for an unknown one). */
  depthOf(id: string): number {
    return this.tree.depthOf(id);
  }

  get catalogues(): readonly FactorCatalogue[] {
    return this._project.catalogues;
  }

  factor(id: string): { factor: LiteratureFactor; category: string; catalogue: string } | undefined {
    return this.factorById.get(id);
  }

  get links(): CodeFactorLink[] {
    return [...this.linkSet.values()];
  }

  factorsOf(code: string): string[] {
    return this.links.filter((l) => l.code === code).map((l) => l.factor);
  }

  codesOfFactor(factor: string): string[] {
    return this.links.filter((l) => l.factor === factor).map((l) => l.code);
  }

  get documents(): TranscriptDocument[] {
    return [...this.docs.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  document(path: string): TranscriptDocument | undefined {
    return this.docs.get(path);
  }

  coding(id: string): Coding | undefined {
    return this.codingIndex.get(id);
  }

  get codingCount(): number {
    return this.codingIndex.size;
  }

  allCodings(): IterableIterator<Coding> {
    return this.codingIndex.values();
  }

  /** Codings of one transcript in document order (cached). */
  codingsOf(doc: string): readonly Coding[] {
    return this.codingIndex.ofDoc(doc);
  }

  /** The codings index, to read: each transcript's codings unsorted, and the revisions (./codingIndex). */
  get codingsIndex(): Pick<CodingIndex, 'revision' | 'unorderedOfDoc' | 'docRevisions'> {
    return this.codingIndex;
  }

  codingsWithCode(code: string): Coding[] {
    return this.codingIndex.withCode(code);
  }

  countWithCode(code: string): number {
    return this.codingIndex.countWithCode(code);
  }

  /** Codings covering an offset, innermost (shortest) first. */
  codingsAt(doc: string, offset: number): Coding[] {
    return this.codingsOf(doc)
      .filter((c) => !c.orphaned && c.start <= offset && offset <= c.end)
      .sort((a, b) => a.end - a.start - (b.end - b.start));
  }

  coders(): string[] {
    const set = new Set<string>(this._project.coders.map((c) => c.id));
    for (const c of this.codingIndex.values()) {
      set.add(c.coder);
    }
    return [...set].sort();
  }

  attribute(doc: string, key: string): string | undefined {
    const v = this.docs.get(doc)?.attributes[key];
    return v === undefined ? undefined : String(v);
  }

  caseOf(doc: string): string | undefined {
    return this.attribute(doc, this._project.attributeKeys.case);
  }

  respondentOf(doc: string): string | undefined {
    return this.attribute(doc, this._project.attributeKeys.respondent);
  }

  interviewOf(doc: string): string | undefined {
    return this.attribute(doc, this._project.attributeKeys.interview);
  }

  /** Cases: those declared in the project, then any other value found in front matter. */
  cases(): string[] {
    return declaredThenFound(
      this._project.cases.map((c) => c.id),
      this.documents.map((d) => this.caseOf(d.path)),
    );
  }

  respondents(): string[] {
    return declaredThenFound(
      this._project.respondents.map((r) => r.id),
      this.documents.map((d) => this.respondentOf(d.path)),
    );
  }

  /** All front-matter keys used by any transcript. */
  attributeKeys(): string[] {
    const keys = new Set<string>();
    for (const d of this.docs.values()) {
      for (const k of Object.keys(d.attributes)) {
        keys.add(k);
      }
    }
    return [...keys].sort();
  }

  /** "Respondent A, interview 1" */
  sourceLabel(doc: string): string {
    const r = this.respondentOf(doc);
    const i = this.interviewOf(doc);
    if (r && i) {
      return `${r}, interview ${i}`;
    }
    return r ?? this.docs.get(doc)?.title ?? doc;
  }

  // ---------- transactions ----------

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  get undoLabel(): string | undefined {
    return this.history.undoLabel;
  }

  get redoLabel(): string | undefined {
    return this.history.redoLabel;
  }

  /**
   * Applies operations as one undoable step. Throws (and changes nothing) when any operation is invalid.
   * `effect`: what the step changed outside the records (done by the caller), undone and redone with it.
   */
  transact(label: string, ops: readonly Operation[], effect?: StepEffect): void {
    const inverse = this.applyAll(ops);
    this.history.record(label, [...ops], inverse, effect);
    this.historyEmitter.fire();
  }

  undo(): string | undefined {
    const label = this.history.undo((ops) => this.applyAll(ops));
    if (label !== undefined) {
      this.historyEmitter.fire();
    }
    return label;
  }

  redo(): string | undefined {
    const label = this.history.redo((ops) => this.applyAll(ops));
    if (label !== undefined) {
      this.historyEmitter.fire();
    }
    return label;
  }

  clearHistory(): void {
    this.history.clear();
    this.historyEmitter.fire();
  }

  private applyAll(ops: readonly Operation[]): Operation[] {
    if (this.readOnly) {
      throw new StudyError(l10n.t('The study is open read-only; fix the reported problems and reload.'));
    }
    // In the order applied, reversed at the end: unshift per operation is quadratic in a big transaction.
    const inverses: Operation[] = [];
    const change: ChangeSet = { docs: new Set<string>(), codebook: false };
    try {
      for (const op of ops) {
        inverses.push(applyOperation(this.target, op, change));
      }
    } catch (e) {
      for (let i = inverses.length - 1; i >= 0; i--) {
        applyOperation(this.target, inverses[i], change);
      }
      throw e;
    }
    inverses.reverse();
    this.changeEmitter.fire({ docs: [...change.docs], codebook: change.codebook, documents: false, reloaded: false });
    return inverses;
  }

  // ---------- live edits and reloads (not undoable: they follow the text) ----------

  /**
   * Moves the codings of a transcript through text edits made in the editor (in the order VS Code
   * reports them, each relative to the text after the previous one). Codings whose text is deleted
   * become orphans. Offsets kept in the undo history move too, so undo re-creates codings where
   * their text now is.
   */
  applyTextEdits(doc: string, edits: readonly TextEdit[]): { moved: number; orphaned: Coding[] } {
    let moved = 0;
    const orphaned: Coding[] = [];
    for (const c of this.codingsOf(doc)) {
      const next = c.orphaned ? undefined : throughEdits(c, edits);
      if (next) {
        this.replaceIndexed(c, next);
        if (next.orphaned) {
          orphaned.push(next);
        } else {
          moved++;
        }
      }
    }
    this.history.moveThroughEdits(doc, edits, (id) => this.codingIndex.get(id)?.doc);
    if (moved > 0 || orphaned.length > 0) {
      this.changeEmitter.fire({ docs: [doc], codebook: false, documents: false, reloaded: false });
    }
    return { moved, orphaned };
  }

  /**
   * Re-anchors the codings that undo or redo would re-create in a transcript whose text changed
   * outside the editor (where {@link applyTextEdits} cannot follow it).
   */
  reanchorHistory(doc: string, anchor: (c: Coding) => Coding): void {
    this.history.reanchor(doc, anchor);
  }

  /** Sets offsets and anchor text without going through the history (re-anchoring, refreshing quotes). */
  setAnchors(doc: string, updates: ReadonlyArray<{ id: string; patch: CodingPatch }>): void {
    if (updates.length === 0) {
      return;
    }
    for (const u of updates) {
      const c = this.codingIndex.get(u.id);
      if (!c) {
        continue;
      }
      const next = { ...c, ...u.patch } as Coding;
      if (!next.orphaned) {
        delete (next as { orphaned?: boolean }).orphaned;
      }
      this.replaceIndexed(c, next);
    }
    this.changeEmitter.fire({ docs: [doc], codebook: false, documents: false, reloaded: false });
  }

  /** Replaces the transcripts' metadata (a transcript was added, removed or its front matter changed). */
  setDocuments(documents: readonly TranscriptDocument[]): void {
    this.structureRevision++;
    this.docs.clear();
    for (const d of documents) {
      this.docs.set(d.path, d);
    }
    this.changeEmitter.fire({ docs: [], codebook: false, documents: true, reloaded: false });
  }

  setDocument(document: TranscriptDocument): void {
    this.structureRevision++;
    this.docs.set(document.path, document);
    this.changeEmitter.fire({ docs: [], codebook: false, documents: true, reloaded: false });
  }

  /** Replaces one (doc, coder) partition with what is on disk now. */
  replacePartition(doc: string, coder: string, codings: readonly Coding[]): void {
    for (const c of this.codingsOf(doc).filter((x) => x.coder === coder)) {
      this.codingIndex.remove(c);
    }
    for (const c of codings) {
      this.codingIndex.add(c);
    }
    this.dirtyPartitions.delete(partitionKey(doc, coder));
    this.changeEmitter.fire({ docs: [doc], codebook: false, documents: false, reloaded: false });
  }

  /** Replaces the project data (codebook etc.) with what is on disk now. */
  replaceProject(project: ProjectData): void {
    this._project = project;
    this.codeList = [...project.codes];
    // The links are the new file's too (rebuildCodebookIndex takes them only into an empty set).
    this.linkSet.clear();
    this.rebuildCodebookIndex();
    this.projectDirty = false;
    this.clearHistory();
    this.changeEmitter.fire({ docs: [], codebook: true, documents: false, reloaded: true });
  }

  updateProjectInfo(
    patch: Partial<Pick<ProjectData, 'name' | 'description' | 'cases' | 'respondents' | 'coders' | 'catalogues' | 'attributeKeys'>>,
  ): void {
    // The link set stays the truth: links kept here would come back once the set is empty.
    this._project = { ...this._project, ...patch, codes: this.codeList, links: [] };
    this.codesShared = true;
    this.rebuildCodebookIndex();
    this.projectDirty = true;
    this.changeEmitter.fire({ docs: [], codebook: true, documents: false, reloaded: false });
  }

  partitionCodings(doc: string, coder: string): Coding[] {
    return this.codingsOf(doc).filter((c) => c.coder === coder);
  }

  // ---------- internals ----------

  private markDirty(c: Coding): void {
    this.dirtyPartitions.add(partitionKey(c.doc, c.coder));
  }

  private replaceIndexed(old: Coding, next: Coding): void {
    this.codingIndex.remove(old);
    this.codingIndex.add(next);
    this.markDirty(next);
  }

  private rebuildCodebookIndex(): void {
    this.structureRevision++;
    this.tree.rebuild(this.codeList);
    if (this.linkSet.size === 0 && this._project.links.length > 0) {
      for (const l of this._project.links) {
        this.linkSet.set(linkKey(l.code, l.factor), l);
      }
      this._project = { ...this._project, links: [] };
    }
    indexFactors(this._project.catalogues, this.factorById);
  }
}
