/**
 * The undo and redo stacks: each entry is a transaction's operations and their inverse. Offsets in
 * them follow the text (edits in the editor, changes outside it), so undo re-creates codings where
 * their text now is.
 */
import type { Coding } from '../model';
import type { TextEdit } from '../anchor';
import { transformRange } from '../anchor';
import type { AddCoding, Operation } from './operations';

/**
 * What a step changes besides the study's records (the transcripts a pseudonymisation rewrites):
 * checked before the step's operations are undone or redone (a throw leaves everything as it was),
 * and carried out after them.
 */
export interface StepEffect {
  check(direction: 'undo' | 'redo'): void;
  apply(direction: 'undo' | 'redo'): void;
}

interface HistoryEntry {
  readonly label: string;
  forward: Operation[];
  inverse: Operation[];
  readonly effect?: StepEffect;
}

export class UndoHistory {
  private readonly undoStack: HistoryEntry[] = [];
  private readonly redoStack: HistoryEntry[] = [];

  constructor(private readonly limit: number) {}

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

  /** A transaction was applied: it becomes the step to undo, and nothing is left to redo. */
  record(label: string, forward: Operation[], inverse: Operation[], effect?: StepEffect): void {
    this.undoStack.push({ label, forward, inverse, effect });
    if (this.undoStack.length > this.limit) {
      this.undoStack.shift();
    }
    this.redoStack.length = 0;
  }

  /** Applies the last step's inverse with `apply`; when that throws, the step stays where it was. */
  undo(apply: (ops: readonly Operation[]) => Operation[]): string | undefined {
    const entry = this.undoStack.pop();
    if (!entry) {
      return undefined;
    }
    try {
      entry.effect?.check('undo');
      entry.forward = apply(entry.inverse);
    } catch (e) {
      this.undoStack.push(entry);
      throw e;
    }
    entry.effect?.apply('undo');
    this.redoStack.push(entry);
    return entry.label;
  }

  /** Applies the last undone step again with `apply`; when that throws, the step stays where it was. */
  redo(apply: (ops: readonly Operation[]) => Operation[]): string | undefined {
    const entry = this.redoStack.pop();
    if (!entry) {
      return undefined;
    }
    try {
      entry.effect?.check('redo');
      entry.inverse = apply(entry.forward);
    } catch (e) {
      this.redoStack.push(entry);
      throw e;
    }
    entry.effect?.apply('redo');
    this.undoStack.push(entry);
    return entry.label;
  }

  clear(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
  }

  /** Moves the offsets in every entry through text edits of `doc`; `docOfCoding` is where a coding is now. */
  moveThroughEdits(doc: string, edits: readonly TextEdit[], docOfCoding: (id: string) => string | undefined): void {
    for (const entry of [...this.undoStack, ...this.redoStack]) {
      // The transcript of a coding an update names: the coding's now, else the one the entry adds.
      const docOf = (id: string): string | undefined =>
        docOfCoding(id) ??
        [...entry.forward, ...entry.inverse].find((o): o is AddCoding => o.kind === 'addCoding' && o.coding.id === id)?.coding.doc;
      entry.forward = entry.forward.map((op) => moveOpThroughEdits(op, doc, edits, docOf));
      entry.inverse = entry.inverse.map((op) => moveOpThroughEdits(op, doc, edits, docOf));
    }
  }

  /** Re-anchors the codings that undo or redo would re-create in `doc`. */
  reanchor(doc: string, anchor: (c: Coding) => Coding): void {
    for (const entry of [...this.undoStack, ...this.redoStack]) {
      const move = (op: Operation): Operation =>
        op.kind === 'addCoding' && op.coding.doc === doc && !op.coding.orphaned ? { ...op, coding: anchor(op.coding) } : op;
      entry.forward = entry.forward.map(move);
      entry.inverse = entry.inverse.map(move);
    }
  }
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
