/** Sorted, merged character spans [start, end) and the set operations agreement needs. */
import type { Coding } from '../model';

export type Span = [number, number];

/**
 * The characters one coder coded with a code (or any of a set: a parent rolled up with its subcodes), clipped to the body [from, to) (codings in the front
 * matter do not count), as a sorted list of merged spans. The caller passes only counted codings.
 */
export function spansOf(codings: readonly Coding[], code: string | ReadonlySet<string>, from: number, to: number): Span[] {
  const has = typeof code === 'string' ? (c: Coding) => c.codes.includes(code) : (c: Coding) => c.codes.some((x) => code.has(x));
  const spans = codings
    .filter(has)
    .map((c) => [Math.max(from, c.start), Math.min(to, c.end)] as Span)
    .filter(([s, e]) => s < e)
    .sort((x, y) => x[0] - y[0]);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) {
      last[1] = Math.max(last[1], s[1]);
    } else {
      merged.push([s[0], s[1]]);
    }
  }
  return merged;
}

export function length(spans: ReadonlyArray<readonly [number, number]>): number {
  return spans.reduce((n, [s, e]) => n + e - s, 0);
}

export function intersect(a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i][0], b[j][0]);
    const e = Math.min(a[i][1], b[j][1]);
    if (s < e) {
      out.push([s, e]);
    }
    if (a[i][1] < b[j][1]) {
      i++;
    } else {
      j++;
    }
  }
  return out;
}

export function subtract(a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const [s0, e] of a) {
    let s = s0;
    while (j < b.length && b[j][1] <= s) {
      j++;
    }
    let k = j;
    while (k < b.length && b[k][0] < e) {
      if (b[k][0] > s) {
        out.push([s, b[k][0]]);
      }
      s = Math.max(s, b[k][1]);
      k++;
    }
    if (s < e) {
      out.push([s, e]);
    }
  }
  return out;
}
