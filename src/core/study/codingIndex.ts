/** The codings by id, by transcript and by code; each transcript's codings sorted once (cached). */
import type { Coding } from '../model';
import { compareCodings } from '../serialize';

export class CodingIndex {
  private readonly byId = new Map<string, Coding>();
  private readonly byDoc = new Map<string, Set<string>>();
  private readonly byCode = new Map<string, Set<string>>();
  private readonly sortedCache = new Map<string, Coding[]>();

  add(c: Coding): void {
    this.byId.set(c.id, c);
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

  remove(c: Coding): void {
    this.byId.delete(c.id);
    this.byDoc.get(c.doc)?.delete(c.id);
    for (const code of c.codes) {
      this.byCode.get(code)?.delete(c.id);
    }
    this.sortedCache.delete(c.doc);
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
    let cached = this.sortedCache.get(doc);
    if (!cached) {
      const ids = this.byDoc.get(doc);
      cached = ids ? [...ids].map((id) => this.byId.get(id)!).sort(compareCodings) : [];
      this.sortedCache.set(doc, cached);
    }
    return cached;
  }

  withCode(code: string): Coding[] {
    const ids = this.byCode.get(code);
    return ids ? [...ids].map((id) => this.byId.get(id)!) : [];
  }

  countWithCode(code: string): number {
    return this.byCode.get(code)?.size ?? 0;
  }
}
