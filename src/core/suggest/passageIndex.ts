/**
 * An incremental BM25 index of coded passages: adding or removing one passage touches only its own
 * terms' postings, so the model follows every coding change in microseconds and never needs a rebuild.
 */

export interface IndexedPassage {
  readonly id: string;
  readonly doc: string;
  readonly codes: readonly string[];
  readonly quote: string;
  /** Term → frequency in the passage. */
  readonly tf: ReadonlyMap<string, number>;
  readonly length: number;
}

export interface Neighbour {
  readonly passage: IndexedPassage;
  readonly score: number;
}

const K1 = 1.2;
const B = 0.75;

export class PassageIndex {
  private readonly passages = new Map<string, IndexedPassage>();
  /** Term → (passage id → frequency). */
  private readonly postings = new Map<string, Map<string, number>>();
  private totalLength = 0;

  get size(): number {
    return this.passages.size;
  }

  get(id: string): IndexedPassage | undefined {
    return this.passages.get(id);
  }

  values(): IterableIterator<IndexedPassage> {
    return this.passages.values();
  }

  add(id: string, doc: string, codes: readonly string[], quote: string, terms: readonly string[]): void {
    this.remove(id);
    const tf = new Map<string, number>();
    for (const t of terms) {
      tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    this.passages.set(id, { id, doc, codes: [...codes], quote, tf, length: terms.length });
    this.totalLength += terms.length;
    for (const [t, n] of tf) {
      let p = this.postings.get(t);
      if (!p) {
        p = new Map();
        this.postings.set(t, p);
      }
      p.set(id, n);
    }
  }

  remove(id: string): boolean {
    const old = this.passages.get(id);
    if (!old) {
      return false;
    }
    this.passages.delete(id);
    this.totalLength -= old.length;
    for (const t of old.tf.keys()) {
      const p = this.postings.get(t)!;
      p.delete(id);
      if (p.size === 0) {
        this.postings.delete(t);
      }
    }
    return true;
  }

  /** Inverse document frequency (BM25's, never negative). */
  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    const n = this.passages.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The `k` passages most similar to the query terms by BM25, best first; ties by id (deterministic). */
  search(terms: readonly string[], k: number, skip?: (p: IndexedPassage) => boolean): Neighbour[] {
    const n = this.passages.size;
    if (n === 0 || terms.length === 0) {
      return [];
    }
    const avg = this.totalLength / n || 1;
    const scores = new Map<string, number>();
    for (const term of new Set(terms)) {
      const p = this.postings.get(term);
      if (!p) {
        continue;
      }
      const idf = this.idf(term);
      for (const [id, f] of p) {
        const len = this.passages.get(id)!.length;
        const s = (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * len) / avg));
        scores.set(id, (scores.get(id) ?? 0) + s);
      }
    }
    const found: Neighbour[] = [];
    for (const [id, score] of scores) {
      const passage = this.passages.get(id)!;
      if (!skip?.(passage)) {
        found.push({ passage, score });
      }
    }
    return topK(found, k, (a, b) => b.score - a.score || (a.passage.id < b.passage.id ? -1 : a.passage.id > b.passage.id ? 1 : 0));
  }

  /** Everything the index holds, in a canonical order: what a fresh build must equal (tests). */
  snapshot(): {
    passages: Array<[string, string, string[], Array<[string, number]>]>;
    postings: Array<[string, Array<[string, number]>]>;
    totalLength: number;
  } {
    const sorted = <T>(entries: Iterable<[string, T]>) => [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return {
      passages: sorted([...this.passages].map(([id, p]) => [id, p] as [string, IndexedPassage])).map(([id, p]) => [
        id,
        p.doc,
        [...p.codes],
        sorted(p.tf),
      ]),
      postings: sorted(this.postings).map(([t, p]) => [t, sorted(p)]),
      totalLength: this.totalLength,
    };
  }
}

/** The first `k` of `items` in `order`, without sorting them all when there are many. */
export function topK<T>(items: T[], k: number, order: (a: T, b: T) => number): T[] {
  if (k <= 0) {
    return [];
  }
  if (items.length <= k * 4) {
    return items.sort(order).slice(0, k);
  }
  const best: T[] = [];
  for (const item of items) {
    if (best.length < k) {
      best.push(item);
      if (best.length === k) {
        best.sort(order);
      }
    } else if (order(item, best[k - 1]) < 0) {
      let i = k - 1;
      while (i > 0 && order(item, best[i - 1]) < 0) {
        i--;
      }
      best.splice(i, 0, item);
      best.pop();
    }
  }
  return best.sort(order);
}
