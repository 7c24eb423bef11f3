/**
 * An incremental index of coded passages, scored by TF-IDF with each passage's vector divided by the
 * length of its term-frequency vector (a cosine whose norms do not depend on the idf: a passage's norm
 * is fixed when it is added, so adding or removing one passage touches only its own terms' postings
 * and the model follows every coding change in microseconds, never needing a rebuild). It ranked the
 * held-out passages better than BM25 in the corrected evaluation (README).
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

/** One term's postings: parallel arrays, fast to scan (a removal finds its slot with indexOf). */
interface Postings {
  readonly slots: number[];
  readonly tfs: number[];
}

export class PassageIndex {
  private readonly passages = new Map<string, IndexedPassage & { readonly slot: number }>();
  /** Passages by slot (a small integer, reused after a removal): what the postings refer to. */
  private bySlot: Array<IndexedPassage | undefined> = [];
  private readonly free: number[] = [];
  private readonly postings = new Map<string, Postings>();
  private totalLength = 0;
  /** Score accumulator and the norm of the passage's term frequencies by slot (typed arrays: the search's inner loop reads them). */
  private scores = new Float64Array(0);
  private norms = new Float64Array(0);

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
    const slot = this.free.pop() ?? this.bySlot.length;
    const passage = { id, doc, codes: [...codes], quote, tf, length: terms.length, slot };
    this.passages.set(id, passage);
    this.bySlot[slot] = passage;
    if (slot >= this.norms.length) {
      const grown = new Float64Array(Math.max(64, this.norms.length * 2));
      grown.set(this.norms);
      this.norms = grown;
    }
    let squares = 0;
    for (const n of tf.values()) {
      squares += n * n;
    }
    this.norms[slot] = Math.sqrt(squares);
    this.totalLength += terms.length;
    for (const [t, n] of tf) {
      let p = this.postings.get(t);
      if (!p) {
        p = { slots: [], tfs: [] };
        this.postings.set(t, p);
      }
      p.slots.push(slot);
      p.tfs.push(n);
    }
  }

  remove(id: string): boolean {
    const old = this.passages.get(id);
    if (!old) {
      return false;
    }
    this.passages.delete(id);
    this.bySlot[old.slot] = undefined;
    this.free.push(old.slot);
    this.totalLength -= old.length;
    for (const t of old.tf.keys()) {
      const p = this.postings.get(t)!;
      const i = p.slots.indexOf(old.slot);
      const last = p.slots.length - 1;
      // Swap with the last posting, then drop the last.
      p.slots[i] = p.slots[last];
      p.tfs[i] = p.tfs[last];
      p.slots.pop();
      p.tfs.pop();
      if (p.slots.length === 0) {
        this.postings.delete(t);
      }
    }
    return true;
  }

  /** Inverse document frequency, log(N / df): 0 for a term every passage has. */
  idf(term: string): number {
    const df = this.postings.get(term)?.slots.length ?? 0;
    return df === 0 ? 0 : Math.log(this.passages.size / df);
  }

  /**
   * The `k` passages most similar to the query terms, best first; ties by id (deterministic). The
   * similarity is the TF-IDF dot product over both term-frequency norms: Σ idf(t)² · q(t) · p(t) /
   * (|q| · |p|), with q and p the term frequencies.
   */
  search(terms: readonly string[], k: number, skip?: (p: IndexedPassage) => boolean): Neighbour[] {
    if (this.passages.size === 0 || terms.length === 0) {
      return [];
    }
    if (this.scores.length < this.norms.length) {
      this.scores = new Float64Array(this.norms.length);
    }
    const scores = this.scores;
    const query = new Map<string, number>();
    for (const t of terms) {
      query.set(t, (query.get(t) ?? 0) + 1);
    }
    let squares = 0;
    for (const n of query.values()) {
      squares += n * n;
    }
    const queryNorm = Math.sqrt(squares);
    const touched: number[] = [];
    for (const [term, q] of query) {
      const p = this.postings.get(term);
      const idf = this.idf(term);
      if (!p || idf <= 0) {
        continue;
      }
      const weight = (idf * idf * q) / queryNorm;
      const { slots, tfs } = p;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i];
        if (scores[slot] === 0) {
          touched.push(slot);
        }
        scores[slot] += weight * tfs[i];
      }
    }
    const norms = this.norms;
    // The k best slots, kept sorted; a passage object is looked at only when it would enter them.
    const best: Neighbour[] = [];
    for (const slot of touched) {
      const score = scores[slot] / norms[slot];
      scores[slot] = 0;
      if (best.length === k && score < best[k - 1].score) {
        continue;
      }
      const passage = this.bySlot[slot]!;
      if (skip?.(passage)) {
        continue;
      }
      const item = { passage, score };
      let i = best.length;
      while (i > 0 && byScore(item, best[i - 1]) < 0) {
        i--;
      }
      if (i < k) {
        best.splice(i, 0, item);
        if (best.length > k) {
          best.pop();
        }
      }
    }
    return best;
  }

  /** Everything the index holds, in a canonical order: what a fresh build must equal (tests). */
  snapshot(): {
    passages: Array<[string, string, string[], Array<[string, number]>]>;
    postings: Array<[string, string[]]>;
    totalLength: number;
  } {
    const sorted = <T>(entries: Iterable<[string, T]>) => [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return {
      passages: sorted(this.passages).map(([id, p]) => [id, p.doc, [...p.codes], sorted(p.tf)]),
      postings: sorted(this.postings).map(([t, p]) => {
        p.slots.forEach((slot, i) => {
          if (p.slots.indexOf(slot) !== i || this.bySlot[slot]?.tf.get(t) !== p.tfs[i]) {
            throw new Error(`postings of ${t} out of step at ${i}`);
          }
        });
        return [t, p.slots.map((slot) => this.bySlot[slot]!.id).sort()];
      }),
      totalLength: this.totalLength,
    };
  }
}

function byScore(a: Neighbour, b: Neighbour): number {
  return b.score - a.score || (a.passage.id < b.passage.id ? -1 : a.passage.id > b.passage.id ? 1 : 0);
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
