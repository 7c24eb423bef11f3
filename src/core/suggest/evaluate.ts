/**
 * The proof: leave-one-transcript-out. For each transcript the engine learns from every other
 * transcript's codings and ranks the codes for each coded passage of the held-out one; hit@1, hit@3
 * and mean reciprocal rank, next to two baselines of the same run: the most frequent code, and a
 * plain TF-IDF cosine kNN (k = 15, whole words, no stemming).
 */
import type { Coding } from '../model';
import type { Study } from '../study';
import { isCounted } from '../counting';
import { analyzer, loadStemmers, suggestLanguage } from './analyzer';
import type { Analyzer } from './analyzer';
import { SuggestModel, levelMap } from './model';
import type { SuggestLevel } from './model';
import { topK } from './passageIndex';

/** The plain baseline's neighbours: k = 15, as the issue defines it (the engine's own k may differ). */
export const BASELINE_K = 15;

export interface Scores {
  readonly hit1: number;
  readonly hit3: number;
  readonly mrr: number;
}

export interface Evaluation extends Scores {
  readonly level: SuggestLevel;
  readonly passages: number;
  readonly baselines: { readonly frequent: Scores; readonly knn: Scores };
}

class Tally {
  private hit1 = 0;
  private hit3 = 0;
  private rr = 0;
  private n = 0;

  add(ranking: readonly string[], gold: ReadonlySet<string>): void {
    const i = ranking.findIndex((c) => gold.has(c));
    this.n++;
    this.hit1 += i === 0 ? 1 : 0;
    this.hit3 += i >= 0 && i < 3 ? 1 : 0;
    this.rr += i >= 0 ? 1 / (i + 1) : 0;
  }

  scores(): Scores {
    const d = this.n || 1;
    return { hit1: this.hit1 / d, hit3: this.hit3 / d, mrr: this.rr / d };
  }
}

/** Leave-one-transcript-out evaluation of the engine and the baselines on the study's codings. */
export async function evaluate(study: Study, level: SuggestLevel = 'leaf'): Promise<Evaluation> {
  await loadStemmers();
  const map = levelMap(study, level);
  const codings = [...study.allCodings()].filter((c) => isCounted(study, c) && c.codes.some((k) => map.has(k)));
  const model = new SuggestModel(
    analyzer(
      suggestLanguage(
        study.project.language,
        codings.map((c) => c.quote),
      ),
    ),
  );
  for (const c of codings) {
    model.addCoding(c);
  }
  const plain = new PlainKnn(analyzer(model.analyzer.language, false));
  const byDoc = new Map<string, Coding[]>();
  for (const c of codings) {
    byDoc.set(c.doc, [...(byDoc.get(c.doc) ?? []), c]);
  }
  const engine = new Tally();
  const frequent = new Tally();
  const knn = new Tally();
  for (const [doc, held] of [...byDoc].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    for (const c of held) {
      model.removeCoding(c.id);
    }
    const training = codings.filter((c) => c.doc !== doc);
    const byFrequency = frequencyRanking(training, map);
    plain.train(training, map);
    for (const c of held) {
      const gold = new Set(c.codes.flatMap((k) => map.get(k) ?? []));
      engine.add(
        model.rank(study, c.quote, { level, all: true }).map((s) => s.code),
        gold,
      );
      frequent.add(byFrequency, gold);
      knn.add(plain.rank(c.quote, byFrequency), gold);
    }
    for (const c of held) {
      model.addCoding(c);
    }
  }
  return { level, passages: codings.length, ...engine.scores(), baselines: { frequent: frequent.scores(), knn: knn.scores() } };
}

/** The codes at the level, most used first (ties by id); codes never used last. */
function frequencyRanking(codings: readonly Coding[], map: ReadonlyMap<string, string>): string[] {
  const n = new Map<string, number>();
  for (const t of new Set(map.values())) {
    n.set(t, 0);
  }
  for (const c of codings) {
    for (const t of new Set(c.codes.flatMap((k) => map.get(k) ?? []))) {
      n.set(t, (n.get(t) ?? 0) + 1);
    }
  }
  return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
}

/** The baseline: TF-IDF vectors of whole words, cosine similarity, the k nearest vote with their similarity. */
class PlainKnn {
  private vectors: Array<{ weights: Map<string, number>; codes: string[] }> = [];
  private idf = new Map<string, number>();

  constructor(private readonly analyzer: Analyzer) {}

  train(codings: readonly Coding[], map: ReadonlyMap<string, string>): void {
    const docs = codings.map((c) => ({
      terms: this.analyzer.terms(c.quote),
      codes: [...new Set(c.codes.flatMap((k) => map.get(k) ?? []))],
    }));
    const df = new Map<string, number>();
    for (const d of docs) {
      for (const t of new Set(d.terms)) {
        df.set(t, (df.get(t) ?? 0) + 1);
      }
    }
    this.idf = new Map([...df].map(([t, n]) => [t, Math.log(docs.length / n)]));
    this.vectors = docs.map((d) => ({ weights: this.vector(d.terms), codes: d.codes }));
  }

  private vector(terms: readonly string[]): Map<string, number> {
    const w = new Map<string, number>();
    for (const t of terms) {
      const idf = this.idf.get(t);
      if (idf !== undefined) {
        w.set(t, (w.get(t) ?? 0) + idf);
      }
    }
    let norm = 0;
    for (const v of w.values()) {
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, v] of w) {
      w.set(t, v / norm);
    }
    return w;
  }

  /** The codes by the neighbours' summed similarity; codes without a vote after them, in `fallback` order. */
  rank(text: string, fallback: readonly string[]): string[] {
    const q = this.vector(this.analyzer.terms(text));
    const sims = this.vectors.map((v) => {
      let s = 0;
      for (const [t, x] of q) {
        s += x * (v.weights.get(t) ?? 0);
      }
      return { v, s };
    });
    const votes = new Map<string, number>();
    for (const { v, s } of topK(
      sims.filter((x) => x.s > 0),
      BASELINE_K,
      (a, b) => b.s - a.s,
    )) {
      for (const c of v.codes) {
        votes.set(c, (votes.get(c) ?? 0) + s);
      }
    }
    const voted = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
    return [...voted, ...fallback.filter((c) => !votes.has(c))];
  }
}
