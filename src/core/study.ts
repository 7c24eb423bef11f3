/**
 * The study in memory: project data (codebook, factor catalogues, links, cases), transcripts and
 * codings, with indexes and change events. Every mutation is an {@link Operation}; a list of them
 * is applied as one transaction (all or nothing) and yields its inverse, which is what undo runs.
 */
import { Emitter } from './events';
import type { Code, CodeFactorLink, Coding, FactorCatalogue, LiteratureFactor, ProjectData, TranscriptDocument } from './model';
import type { TextEdit } from './anchor';
import { transformRange } from './anchor';
import { compareCodings } from './serialize';
import { formatMessage } from './messages';
import type { MessageArg, TemplatedError } from './messages';

export type CodingPatch = Partial<
  Pick<Coding, 'codes' | 'memo' | 'start' | 'end' | 'quote' | 'prefix' | 'suffix' | 'orphaned' | 'modified'>
>;
/** `parent: null` moves a code to the top level. */
export type CodePatch = Partial<Omit<Code, 'id' | 'parent'>> & { parent?: string | null };

export type Operation =
  | { readonly kind: 'addCoding'; readonly coding: Coding }
  | { readonly kind: 'removeCoding'; readonly id: string }
  | { readonly kind: 'updateCoding'; readonly id: string; readonly patch: CodingPatch }
  | { readonly kind: 'addCode'; readonly code: Code; readonly index?: number }
  | { readonly kind: 'removeCode'; readonly id: string }
  | { readonly kind: 'updateCode'; readonly id: string; readonly patch: CodePatch }
  | { readonly kind: 'moveCode'; readonly id: string; readonly index: number }
  | { readonly kind: 'addLink'; readonly link: CodeFactorLink }
  | { readonly kind: 'removeLink'; readonly code: string; readonly factor: string };

type AddCoding = Extract<Operation, { kind: 'addCoding' }>;

export interface StudyChange {
  /** Transcripts whose codings changed. */
  readonly docs: readonly string[];
  /** Codes, links or catalogues changed. */
  readonly codebook: boolean;
  /** Transcripts were added, removed or their attributes changed. */
  readonly documents: boolean;
  /** Everything was replaced (reload from disk). */
  readonly reloaded: boolean;
}

/** A mutation the study refuses; its message is an English template with arguments (see ./messages). */
export class StudyError extends Error implements TemplatedError {
  readonly args: readonly MessageArg[];
  constructor(
    readonly template: string,
    ...args: MessageArg[]
  ) {
    super(formatMessage(template, ...args));
    this.name = 'StudyError';
    this.args = args;
  }
}

interface HistoryEntry {
  readonly label: string;
  forward: Operation[];
  inverse: Operation[];
}

export class Study {
  private _project: ProjectData;
  private codeList: Code[];
  private readonly codeById = new Map<string, Code>();
  private readonly childIds = new Map<string | undefined, string[]>();
  private readonly depthCache = new Map<string, number>();
  private readonly linkSet = new Map<string, CodeFactorLink>();
  private readonly factorById = new Map<string, { factor: LiteratureFactor; category: string; catalogue: string }>();
  private readonly codingById = new Map<string, Coding>();
  private readonly byDoc = new Map<string, Set<string>>();
  private readonly byCode = new Map<string, Set<string>>();
  private readonly sortedCache = new Map<string, Coding[]>();
  private readonly docs = new Map<string, TranscriptDocument>();

  /** (doc, coder) partitions whose codings changed since the last save. */
  readonly dirtyPartitions = new Set<string>();
  projectDirty = false;
  readOnly = false;
  /** Colours offered to new codes (a user setting); the built-in palette when unset. */
  palette: readonly string[] | undefined;

  private readonly undoStack: HistoryEntry[] = [];
  private readonly redoStack: HistoryEntry[] = [];
  static readonly HISTORY_LIMIT = 500;

  private readonly changeEmitter = new Emitter<StudyChange>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly historyEmitter = new Emitter<void>();
  readonly onDidChangeHistory = this.historyEmitter.event;

  constructor(project: ProjectData, documents: readonly TranscriptDocument[] = [], codings: readonly Coding[] = []) {
    this._project = project;
    this.codeList = [...project.codes];
    this.rebuildCodebookIndex();
    for (const d of documents) {
      this.docs.set(d.path, d);
    }
    for (const c of codings) {
      this.indexCoding(c);
    }
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.historyEmitter.dispose();
  }

  // ---------- reading ----------

  get project(): ProjectData {
    return { ...this._project, codes: this.codeList, links: [...this.linkSet.values()] };
  }

  get name(): string {
    return this._project.name;
  }

  get codes(): readonly Code[] {
    return this.codeList;
  }

  code(id: string): Code | undefined {
    return this.codeById.get(id);
  }

  children(parent: string | undefined): Code[] {
    return (this.childIds.get(parent) ?? []).map((id) => this.codeById.get(id)!);
  }

  /** The code and its ancestors, root first. */
  pathOf(id: string): Code[] {
    const out: Code[] = [];
    let cur = this.codeById.get(id);
    while (cur) {
      out.push(cur);
      cur = cur.parent !== undefined ? this.codeById.get(cur.parent) : undefined;
    }
    // Pushed and reversed: unshift is linear per call, quadratic on a deep chain.
    return out.reverse();
  }

  pathLabel(id: string, separator = ' › '): string {
    return this.pathOf(id)
      .map((c) => c.name)
      .join(separator);
  }

  /** The code and all its descendants. */
  subtree(id: string): string[] {
    const out: string[] = [];
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      out.push(cur);
      const kids = this.childIds.get(cur);
      if (kids) {
        for (let i = kids.length - 1; i >= 0; i--) {
          stack.push(kids[i]);
        }
      }
    }
    return out;
  }

  /**
   * The codes below `parent` (all codes when undefined) in tree order, depth first with siblings in
   * codebook order, each with its depth under `parent`. With a stack, not recursion: a codebook from
   * a file can be deeper than the JS stack. `skip` leaves a code out with its subtree.
   */
  treeOrder(parent?: string, skip?: (code: Code) => boolean): Array<{ code: Code; depth: number }> {
    const out: Array<{ code: Code; depth: number }> = [];
    const stack: Array<{ code: Code; depth: number }> = [];
    const pushChildren = (id: string | undefined, depth: number): void => {
      const kids = this.children(id);
      for (let i = kids.length - 1; i >= 0; i--) {
        if (!skip?.(kids[i])) {
          stack.push({ code: kids[i], depth });
        }
      }
    };
    pushChildren(parent, 0);
    while (stack.length > 0) {
      const next = stack.pop()!;
      out.push(next);
      pushChildren(next.code.id, next.depth + 1);
    }
    return out;
  }

  /** 0 for a top-level code. Remembered per code, so that the depths of all codes cost one walk. */
  depthOf(id: string): number {
    const known = this.depthCache.get(id);
    if (known !== undefined) {
      return known;
    }
    const walk: string[] = [];
    let cur = this.codeById.get(id);
    let base = -1;
    while (cur) {
      const d = this.depthCache.get(cur.id);
      if (d !== undefined) {
        base = d;
        break;
      }
      walk.push(cur.id);
      cur = cur.parent !== undefined ? this.codeById.get(cur.parent) : undefined;
    }
    for (let i = walk.length - 1; i >= 0; i--) {
      this.depthCache.set(walk[i], ++base);
    }
    return this.depthCache.get(id) ?? -1;
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
    return this.codingById.get(id);
  }

  get codingCount(): number {
    return this.codingById.size;
  }

  allCodings(): IterableIterator<Coding> {
    return this.codingById.values();
  }

  /** Codings of one transcript in document order (cached). */
  codingsOf(doc: string): readonly Coding[] {
    let cached = this.sortedCache.get(doc);
    if (!cached) {
      const ids = this.byDoc.get(doc);
      cached = ids ? [...ids].map((id) => this.codingById.get(id)!).sort(compareCodings) : [];
      this.sortedCache.set(doc, cached);
    }
    return cached;
  }

  codingsWithCode(code: string): Coding[] {
    const ids = this.byCode.get(code);
    return ids ? [...ids].map((id) => this.codingById.get(id)!) : [];
  }

  countWithCode(code: string): number {
    return this.byCode.get(code)?.size ?? 0;
  }

  /** Codings covering an offset, innermost (shortest) first. */
  codingsAt(doc: string, offset: number): Coding[] {
    return this.codingsOf(doc)
      .filter((c) => !c.orphaned && c.start <= offset && offset <= c.end)
      .sort((a, b) => a.end - a.start - (b.end - b.start));
  }

  coders(): string[] {
    const set = new Set<string>(this._project.coders.map((c) => c.id));
    for (const c of this.codingById.values()) {
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
    const out = this._project.cases.map((c) => c.id);
    for (const d of this.documents) {
      const c = this.caseOf(d.path);
      if (c !== undefined && !out.includes(c)) {
        out.push(c);
      }
    }
    return out;
  }

  respondents(): string[] {
    const out = this._project.respondents.map((r) => r.id);
    for (const d of this.documents) {
      const r = this.respondentOf(d.path);
      if (r !== undefined && !out.includes(r)) {
        out.push(r);
      }
    }
    return out;
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
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  get undoLabel(): string | undefined {
    return this.undoStack[this.undoStack.length - 1]?.label;
  }

  get redoLabel(): string | undefined {
    return this.redoStack[this.redoStack.length - 1]?.label;
  }

  /** Applies operations as one undoable step. Throws (and changes nothing) when any operation is invalid. */
  transact(label: string, ops: readonly Operation[]): void {
    const inverse = this.applyAll(ops);
    this.undoStack.push({ label, forward: [...ops], inverse });
    if (this.undoStack.length > Study.HISTORY_LIMIT) {
      this.undoStack.shift();
    }
    this.redoStack.length = 0;
    this.historyEmitter.fire();
  }

  undo(): string | undefined {
    const entry = this.undoStack.pop();
    if (!entry) {
      return undefined;
    }
    try {
      entry.forward = this.applyAll(entry.inverse);
    } catch (e) {
      this.undoStack.push(entry);
      throw e;
    }
    this.redoStack.push(entry);
    this.historyEmitter.fire();
    return entry.label;
  }

  redo(): string | undefined {
    const entry = this.redoStack.pop();
    if (!entry) {
      return undefined;
    }
    try {
      entry.inverse = this.applyAll(entry.forward);
    } catch (e) {
      this.redoStack.push(entry);
      throw e;
    }
    this.undoStack.push(entry);
    this.historyEmitter.fire();
    return entry.label;
  }

  clearHistory(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
    this.historyEmitter.fire();
  }

  private applyAll(ops: readonly Operation[]): Operation[] {
    if (this.readOnly) {
      throw new StudyError('The study is open read-only; fix the reported problems and reload.');
    }
    const inverses: Operation[] = [];
    const change = { docs: new Set<string>(), codebook: false };
    try {
      for (const op of ops) {
        inverses.unshift(this.applyOne(op, change));
      }
    } catch (e) {
      for (const inv of inverses) {
        this.applyOne(inv, change);
      }
      throw e;
    }
    this.changeEmitter.fire({ docs: [...change.docs], codebook: change.codebook, documents: false, reloaded: false });
    return inverses;
  }

  private applyOne(op: Operation, change: { docs: Set<string>; codebook: boolean }): Operation {
    switch (op.kind) {
      case 'addCoding': {
        const c = op.coding;
        if (this.codingById.has(c.id)) {
          throw new StudyError('Coding {0} exists already.', c.id);
        }
        if (c.codes.length === 0) {
          throw new StudyError('A coding needs at least one code.');
        }
        for (const code of c.codes) {
          if (!this.codeById.has(code)) {
            throw new StudyError('Unknown code {0}.', code);
          }
        }
        if (c.end < c.start) {
          throw new StudyError('A coding cannot end before it starts.');
        }
        this.indexCoding(c);
        this.markDirty(c);
        change.docs.add(c.doc);
        return { kind: 'removeCoding', id: c.id };
      }
      case 'removeCoding': {
        const c = this.codingById.get(op.id);
        if (!c) {
          throw new StudyError('No coding {0}.', op.id);
        }
        this.unindexCoding(c);
        this.markDirty(c);
        change.docs.add(c.doc);
        return { kind: 'addCoding', coding: c };
      }
      case 'updateCoding': {
        const c = this.codingById.get(op.id);
        if (!c) {
          throw new StudyError('No coding {0}.', op.id);
        }
        if (op.patch.codes) {
          if (op.patch.codes.length === 0) {
            throw new StudyError('A coding needs at least one code.');
          }
          for (const code of op.patch.codes) {
            if (!this.codeById.has(code)) {
              throw new StudyError('Unknown code {0}.', code);
            }
          }
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
        this.unindexCoding(c);
        this.indexCoding(next);
        this.markDirty(next);
        change.docs.add(c.doc);
        return { kind: 'updateCoding', id: c.id, patch: old as CodingPatch };
      }
      case 'addCode': {
        const code = op.code;
        if (this.codeById.has(code.id)) {
          throw new StudyError('Code {0} exists already.', code.id);
        }
        if (code.parent !== undefined && !this.codeById.has(code.parent)) {
          throw new StudyError('Unknown parent code {0}.', code.parent);
        }
        const index = op.index === undefined ? this.codeList.length : Math.min(op.index, this.codeList.length);
        this.codeList = [...this.codeList.slice(0, index), code, ...this.codeList.slice(index)];
        this.rebuildCodebookIndex();
        this.projectDirty = true;
        change.codebook = true;
        return { kind: 'removeCode', id: code.id };
      }
      case 'removeCode': {
        const index = this.codeList.findIndex((c) => c.id === op.id);
        if (index < 0) {
          throw new StudyError('No code {0}.', op.id);
        }
        if ((this.childIds.get(op.id) ?? []).length > 0) {
          throw new StudyError('Code {0} still has child codes.', this.codeList[index].name);
        }
        if ((this.byCode.get(op.id)?.size ?? 0) > 0) {
          throw new StudyError('Code {0} is still used by codings.', this.codeList[index].name);
        }
        if ([...this.linkSet.values()].some((l) => l.code === op.id)) {
          throw new StudyError('Code {0} is still linked to literature factors.', this.codeList[index].name);
        }
        const code = this.codeList[index];
        this.codeList = this.codeList.filter((c) => c.id !== op.id);
        this.rebuildCodebookIndex();
        this.projectDirty = true;
        change.codebook = true;
        return { kind: 'addCode', code, index };
      }
      case 'updateCode': {
        const code = this.codeById.get(op.id);
        if (!code) {
          throw new StudyError('No code {0}.', op.id);
        }
        const { parent, ...rest } = op.patch;
        if (parent !== undefined && parent !== null) {
          if (!this.codeById.has(parent)) {
            throw new StudyError('Unknown parent code {0}.', parent);
          }
          if (this.subtree(op.id).includes(parent)) {
            throw new StudyError('A code cannot be moved under itself or one of its descendants.');
          }
        }
        if (rest.name !== undefined && rest.name.trim() === '') {
          throw new StudyError('A code needs a name.');
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
        this.codeList = this.codeList.map((c) => (c.id === op.id ? (next as unknown as Code) : c));
        this.rebuildCodebookIndex();
        this.projectDirty = true;
        change.codebook = true;
        return { kind: 'updateCode', id: op.id, patch: old as CodePatch };
      }
      case 'moveCode': {
        const from = this.codeList.findIndex((c) => c.id === op.id);
        if (from < 0) {
          throw new StudyError('No code {0}.', op.id);
        }
        const list = [...this.codeList];
        const [code] = list.splice(from, 1);
        list.splice(Math.min(op.index, list.length), 0, code);
        this.codeList = list;
        this.rebuildCodebookIndex();
        this.projectDirty = true;
        change.codebook = true;
        return { kind: 'moveCode', id: op.id, index: from };
      }
      case 'addLink': {
        const key = linkKey(op.link.code, op.link.factor);
        if (this.linkSet.has(key)) {
          throw new StudyError('That code is already linked to that factor.');
        }
        if (!this.codeById.has(op.link.code)) {
          throw new StudyError('Unknown code {0}.', op.link.code);
        }
        if (!this.factorById.has(op.link.factor)) {
          throw new StudyError('Unknown literature factor {0}.', op.link.factor);
        }
        this.linkSet.set(key, op.link);
        this.projectDirty = true;
        change.codebook = true;
        return { kind: 'removeLink', code: op.link.code, factor: op.link.factor };
      }
      case 'removeLink': {
        const key = linkKey(op.code, op.factor);
        const link = this.linkSet.get(key);
        if (!link) {
          throw new StudyError('No such link.');
        }
        this.linkSet.delete(key);
        this.projectDirty = true;
        change.codebook = true;
        return { kind: 'addLink', link };
      }
    }
  }

  // ---------- live edits and reloads (not undoable: they follow the text) ----------

  /**
   * Moves the codings of a transcript through text edits made in the editor (in the order VS Code
   * reports them, each relative to the text after the previous one). Codings whose text is deleted
   * become orphans. Offsets kept in the undo history move too, so undo re-creates codings where
   * their text now is.
   */
  applyTextEdits(doc: string, edits: readonly TextEdit[]): { moved: number; orphaned: Coding[] } {
    const list = this.codingsOf(doc);
    let moved = 0;
    const orphaned: Coding[] = [];
    if (list.length > 0) {
      for (const c of list) {
        if (c.orphaned) {
          continue;
        }
        let start = c.start;
        let end = c.end;
        let alive = true;
        for (const edit of edits) {
          const r = transformRange(start, end, edit);
          if (!r) {
            alive = false;
            start = end = Math.min(edit.start, start);
            break;
          }
          start = r.start;
          end = r.end;
        }
        if (!alive) {
          const next: Coding = { ...c, start, end, orphaned: true };
          this.replaceIndexed(c, next);
          orphaned.push(next);
        } else if (start !== c.start || end !== c.end) {
          this.replaceIndexed(c, { ...c, start, end });
          moved++;
        }
      }
    }
    for (const entry of [...this.undoStack, ...this.redoStack]) {
      // The transcript of a coding an update names: the coding's now, else the one the entry adds.
      const docOf = (id: string): string | undefined =>
        this.codingById.get(id)?.doc ??
        [...entry.forward, ...entry.inverse].find((o): o is AddCoding => o.kind === 'addCoding' && o.coding.id === id)?.coding.doc;
      entry.forward = entry.forward.map((op) => moveOpThroughEdits(op, doc, edits, docOf));
      entry.inverse = entry.inverse.map((op) => moveOpThroughEdits(op, doc, edits, docOf));
    }
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
    for (const entry of [...this.undoStack, ...this.redoStack]) {
      const move = (op: Operation): Operation =>
        op.kind === 'addCoding' && op.coding.doc === doc && !op.coding.orphaned ? { ...op, coding: anchor(op.coding) } : op;
      entry.forward = entry.forward.map(move);
      entry.inverse = entry.inverse.map(move);
    }
  }

  /** Sets offsets and anchor text without going through the history (re-anchoring, refreshing quotes). */
  setAnchors(doc: string, updates: ReadonlyArray<{ id: string; patch: CodingPatch }>): void {
    if (updates.length === 0) {
      return;
    }
    for (const u of updates) {
      const c = this.codingById.get(u.id);
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
    this.docs.clear();
    for (const d of documents) {
      this.docs.set(d.path, d);
    }
    this.changeEmitter.fire({ docs: [], codebook: false, documents: true, reloaded: false });
  }

  setDocument(document: TranscriptDocument): void {
    this.docs.set(document.path, document);
    this.changeEmitter.fire({ docs: [], codebook: false, documents: true, reloaded: false });
  }

  /** Replaces one (doc, coder) partition with what is on disk now. */
  replacePartition(doc: string, coder: string, codings: readonly Coding[]): void {
    for (const c of this.codingsOf(doc).filter((x) => x.coder === coder)) {
      this.unindexCoding(c);
    }
    for (const c of codings) {
      this.indexCoding(c);
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
    this.unindexCoding(old);
    this.indexCoding(next);
    this.markDirty(next);
  }

  private indexCoding(c: Coding): void {
    this.codingById.set(c.id, c);
    let d = this.byDoc.get(c.doc);
    if (!d) {
      d = new Set();
      this.byDoc.set(c.doc, d);
    }
    d.add(c.id);
    for (const code of c.codes) {
      let s = this.byCode.get(code);
      if (!s) {
        s = new Set();
        this.byCode.set(code, s);
      }
      s.add(c.id);
    }
    this.sortedCache.delete(c.doc);
  }

  private unindexCoding(c: Coding): void {
    this.codingById.delete(c.id);
    this.byDoc.get(c.doc)?.delete(c.id);
    for (const code of c.codes) {
      this.byCode.get(code)?.delete(c.id);
    }
    this.sortedCache.delete(c.doc);
  }

  private rebuildCodebookIndex(): void {
    this.codeById.clear();
    this.depthCache.clear();
    this.childIds.clear();
    for (const c of this.codeList) {
      this.codeById.set(c.id, c);
    }
    for (const c of this.codeList) {
      const parent = c.parent !== undefined && this.codeById.has(c.parent) ? c.parent : undefined;
      let list = this.childIds.get(parent);
      if (!list) {
        list = [];
        this.childIds.set(parent, list);
      }
      list.push(c.id);
    }
    if (this.linkSet.size === 0 && this._project.links.length > 0) {
      for (const l of this._project.links) {
        this.linkSet.set(linkKey(l.code, l.factor), l);
      }
      this._project = { ...this._project, links: [] };
    }
    this.factorById.clear();
    for (const cat of this._project.catalogues) {
      for (const g of cat.categories) {
        for (const f of g.factors) {
          this.factorById.set(f.id, { factor: f, category: g.name, catalogue: cat.id });
        }
      }
    }
  }
}

export function partitionKey(doc: string, coder: string): string {
  return `${doc}\u0000${coder}`;
}

export function splitPartitionKey(key: string): { doc: string; coder: string } {
  const i = key.indexOf('\u0000');
  return { doc: key.slice(0, i), coder: key.slice(i + 1) };
}

function linkKey(code: string, factor: string): string {
  return `${code}\u0000${factor}`;
}

/**
 * Moves the offsets an undo or redo would set (a coding it re-adds, offsets it restores) through
 * text edits. When their text was deleted meanwhile, the coding comes back as an orphan rather than
 * over whatever text is at its old offsets now.
 */
function moveOpThroughEdits(op: Operation, doc: string, edits: readonly TextEdit[], docOf: (id: string) => string | undefined): Operation {
  const move = (start: number, end: number): { start: number; end: number } | { orphaned: true } => {
    let s = start;
    let e = end;
    for (const edit of edits) {
      const r = transformRange(s, e, edit);
      if (!r) {
        return { orphaned: true };
      }
      s = r.start;
      e = r.end;
    }
    return { start: s, end: e };
  };
  if (op.kind === 'addCoding' && op.coding.doc === doc && !op.coding.orphaned) {
    return { ...op, coding: { ...op.coding, ...move(op.coding.start, op.coding.end) } };
  }
  if (
    op.kind === 'updateCoding' &&
    op.patch.start !== undefined &&
    op.patch.end !== undefined &&
    !op.patch.orphaned &&
    docOf(op.id) === doc
  ) {
    return { ...op, patch: { ...op.patch, ...move(op.patch.start, op.patch.end) } };
  }
  return op;
}
