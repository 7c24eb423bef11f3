/**
 * Segment-based agreement, for those who report MAXQDA-style figures: per coded segment of each
 * coder, does the other coder have a coding with the same code in the same transcript that overlaps
 * it by at least `threshold` (default 90 %; overlap = the shared characters as a share of the two
 * segments' united stretch)? Percent agreement = matched segments / all segments (both coders'), and
 * Brennan & Prediger's κ_n = (p_o − 1/k) / (1 − 1/k) with k the number of codes compared (the chance
 * term when every code is equally likely). Caveats (stated in the report): a segment is a unit of
 * unequal length, there is no "neither" cell, and the figure depends on the threshold.
 * Counted codings only, clipped to the body, in the transcripts both coded.
 */
import type { Coding } from '../model';
import type { Study } from '../study';
import { isCounted } from '../counting';

export interface SegmentFigures {
  readonly matched: number;
  readonly unmatched: number;
  readonly percent: number;
  readonly kappa: number;
}

export interface SegmentAgreement {
  readonly threshold: number;
  readonly perCode: ReadonlyArray<{ readonly code: string; readonly figures: SegmentFigures }>;
  readonly overall: SegmentFigures;
}

/** Shared characters as a share of the united stretch of two spans (0 when they do not overlap). */
export function overlapShare(a: readonly [number, number], b: readonly [number, number]): number {
  const shared = Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
  if (shared <= 0) {
    return 0;
  }
  return shared / (Math.max(a[1], b[1]) - Math.min(a[0], b[0]));
}

function segmentFigures(matched: number, unmatched: number, k: number): SegmentFigures {
  const total = matched + unmatched;
  const percent = total === 0 ? NaN : matched / total;
  const chance = k > 0 ? 1 / k : NaN;
  const kappa = total === 0 || k < 2 ? NaN : (percent - chance) / (1 - chance);
  return { matched, unmatched, percent, kappa };
}

export function segmentAgreement(
  study: Study,
  coderA: string,
  coderB: string,
  docs: readonly string[],
  codes: readonly string[],
  threshold = 0.9,
): SegmentAgreement {
  const counts = new Map(codes.map((c) => [c, { matched: 0, unmatched: 0 }]));
  for (const doc of docs) {
    const d = study.document(doc);
    if (!d) {
      continue;
    }
    const clip = (c: Coding): [number, number] => [Math.max(d.bodyStart, c.start), Math.min(d.length, c.end)];
    const of = (coder: string): Coding[] =>
      study.codingsOf(doc).filter((c) => c.coder === coder && isCounted(study, c) && clip(c)[0] < clip(c)[1]);
    const a = of(coderA);
    const b = of(coderB);
    for (const [mine, theirs] of [
      [a, b],
      [b, a],
    ]) {
      for (const c of mine) {
        for (const code of c.codes) {
          const n = counts.get(code);
          if (!n) {
            continue;
          }
          const hit = theirs.some((o) => o.codes.includes(code) && overlapShare(clip(c), clip(o)) >= threshold);
          if (hit) {
            n.matched++;
          } else {
            n.unmatched++;
          }
        }
      }
    }
  }
  const k = codes.length;
  const perCode = codes.map((code) => {
    const n = counts.get(code)!;
    return { code, figures: segmentFigures(n.matched, n.unmatched, k) };
  });
  const total = perCode.reduce((s, p) => ({ m: s.m + p.figures.matched, u: s.u + p.figures.unmatched }), { m: 0, u: 0 });
  return { threshold, perCode, overall: segmentFigures(total.m, total.u, k) };
}
