/**
 * Code profiles: all passages of a code taken together as one text, scored against a passage with
 * BM25 (a nearest-centroid vote that complements the nearest passages: a code with many short,
 * varied passages is recognised by its vocabulary as a whole). Incremental like the passage index.
 */
import type { IndexedPassage } from './passageIndex';

const K1 = 1.2;
const B = 0.75;

export class CodeProfiles {
  private readonly tf = new Map<string, Map<string, number>>();
  private readonly length = new Map<string, number>();
  /** Term → how many profiles contain it. */
  private readonly df = new Map<string, number>();

  add(p: IndexedPassage, sign: 1 | -1 = 1): void {
    for (const code of p.codes) {
      let tf = this.tf.get(code);
      if (!tf) {
        tf = new Map();
        this.tf.set(code, tf);
      }
      for (const [t, n] of p.tf) {
        const before = tf.get(t) ?? 0;
        const after = before + sign * n;
        if (after > 0) {
          tf.set(t, after);
        } else {
          tf.delete(t);
        }
        if (before === 0 && after > 0) {
          this.df.set(t, (this.df.get(t) ?? 0) + 1);
        } else if (before > 0 && after <= 0) {
          const d = (this.df.get(t) ?? 0) - 1;
          if (d > 0) {
            this.df.set(t, d);
          } else {
            this.df.delete(t);
          }
        }
      }
      const len = (this.length.get(code) ?? 0) + sign * p.length;
      if (len > 0) {
        this.length.set(code, len);
      } else {
        this.length.delete(code);
        this.tf.delete(code);
      }
    }
  }

  remove(p: IndexedPassage): void {
    this.add(p, -1);
  }

  /** Each code's BM25 score for the terms. */
  score(terms: readonly string[]): Map<string, number> {
    const out = new Map<string, number>();
    const n = this.tf.size;
    if (n === 0) {
      return out;
    }
    let total = 0;
    for (const l of this.length.values()) {
      total += l;
    }
    const avg = total / n || 1;
    const unique = [...new Set(terms)].filter((t) => this.df.has(t));
    for (const [code, tf] of this.tf) {
      const len = this.length.get(code)!;
      let s = 0;
      for (const t of unique) {
        const f = tf.get(t);
        if (f) {
          const df = this.df.get(t)!;
          s += (Math.log(1 + (n - df + 0.5) / (df + 0.5)) * f * (K1 + 1)) / (f + K1 * (1 - B + (B * len) / avg));
        }
      }
      if (s > 0) {
        out.set(code, s);
      }
    }
    return out;
  }

  snapshot(): Array<[string, number, Array<[string, number]>]> {
    return [...this.tf]
      .map(
        ([c, tf]) => [c, this.length.get(c)!, [...tf].sort((a, b) => (a[0] < b[0] ? -1 : 1))] as [string, number, Array<[string, number]>],
      )
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }
}
