/**
 * The codings by id, by transcript and by code; each transcript's codings sorted once (cached).
 * Opening a study fills it with every coding, so what is not needed to open is built on first use:
 * the index by code, and each transcript's sorted list. Each transcript has a revision that any
 * change of its codings raises, so that derived counts (../codeCountIndex) redo only what changed.
 */
import type { Coding } from '../model';
import { compareCodings } from '../serialize';

interface DocEntry {
  /**
   * The codings of the transcript, by id (the same objects as in byId); made from `opened` at the
   * first change of the transcript's codings.
   */
  codings: Map<string, Coding> | undefined;
  /** The codings the study opened with, while none of them changed: a list costs no hashing at open. */
  opened: Coding[] | undefined;
  sorted: Coding[] | undefined;
  revision: number;
}

/** The transcript's codings by id, made from the list it opened with on first need. */
function byIdOf(e: DocEntry): Map<string, Coding> {
  if (e.codings === undefined) {
    e.codings = new Map();
    for (const c of e.opened ?? []) {
      e.codings.set(c.id, c);
    }
    e.opened = undefined;
  }
  return e.codings;
}

export class CodingIndex {
  private byId = new Map<string, Coding>();
  private readonly byDoc = new Map<string, DocEntry>();
  /** Built on first use (withCode, countWithCode), then kept up to date. */
  private byCode: Map<string, Set<string>> | undefined;
  /** Raised by every change of any coding. */
  revision = 0;

  /**
   * Takes `byId` (every coding by its id, as the store collected them) as this index's own map, when
   * the index is empty: opening a study then hashes each id once less.
   */
  adopt(byId: Map<string, Coding>): void {
    if (this.byId.size > 0) {
      for (const c of byId.values()) {
        this.add(c);
      }
      return;
    }
    this.byId = byId;
    for (const c of byId.values()) {
      const e = this.entry(c.doc);
      if (e.codings === undefined) {
        (e.opened ??= []).push(c);
      } else {
        e.codings.set(c.id, c);
      }
    }
    this.byCode = undefined;
    this.revision++;
  }

  add(c: Coding): void {
    this.byId.set(c.id, c);
    const e = this.entry(c.doc);
    byIdOf(e).set(c.id, c);
    e.sorted = undefined;
    e.revision++;
    this.revision++;
    if (this.byCode) {
      for (const code of c.codes) {
        let s = this.byCode.get(code);
        if (!s) {
          s = new Set();
          this.byCode.set(code, s);
        }
        s.add(c.id);
      }
    }
  }

  remove(c: Coding): void {
    this.byId.delete(c.id);
    const e = this.byDoc.get(c.doc);
    if (e) {
      byIdOf(e).delete(c.id);
      e.sorted = undefined;
      e.revision++;
    }
    this.revision++;
    if (this.byCode) {
      for (const code of c.codes) {
        this.byCode.get(code)?.delete(c.id);
      }
    }
  }

  get(id: string): Coding | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get size(): number {
    return this.byId.size;
  }

  values(): IterableIterator<Coding> {
    return this.byId.values();
  }

  /** Codings of one transcript in document order (cached). */
  ofDoc(doc: string): readonly Coding[] {
    const e = this.byDoc.get(doc);
    if (!e) {
      return [];
    }
    e.sorted ??= [...(e.codings?.values() ?? e.opened ?? [])].sort(compareCodings);
    return e.sorted;
  }

  /** Codings of one transcript in no particular order (no sorting: for checks that look at each one). */
  unorderedOfDoc(doc: string): IterableIterator<Coding> | readonly Coding[] {
    const e = this.byDoc.get(doc);
    return e?.codings?.values() ?? e?.opened ?? [];
  }

  /** The transcripts that have or had codings, each with its revision (raised by every change of its codings). */
  docRevisions(): IterableIterator<[string, { readonly revision: number }]> {
    return this.byDoc.entries();
  }

  withCode(code: string): Coding[] {
    const ids = this.codeIndex().get(code);
    return ids ? [...ids].map((id) => this.byId.get(id)!) : [];
  }

  countWithCode(code: string): number {
    return this.codeIndex().get(code)?.size ?? 0;
  }

  private entry(doc: string): DocEntry {
    let e = this.byDoc.get(doc);
    if (!e) {
      e = { codings: undefined, opened: undefined, sorted: undefined, revision: 0 };
      this.byDoc.set(doc, e);
    }
    return e;
  }

  private codeIndex(): Map<string, Set<string>> {
    if (!this.byCode) {
      const byCode = new Map<string, Set<string>>();
      for (const c of this.byId.values()) {
        for (const code of c.codes) {
          let s = byCode.get(code);
          if (!s) {
            s = new Set();
            byCode.set(code, s);
          }
          s.add(c.id);
        }
      }
      this.byCode = byCode;
    }
    return this.byCode;
  }
}
