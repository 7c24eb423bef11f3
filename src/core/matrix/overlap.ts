/** Which codings overlap which (co-occurrence), computed once per index. */
import type { MatrixIndex } from './matrixIndex';

/**
 * Calls visit(a, b) for every ordered pair of codings (passing the filters) in the same
 * transcript whose ranges intersect, including (a, a). All calls for one `a` come together, and
 * the `a`s come in index order (respondent, transcript, start), which the distinct counts rely on.
 */
export function forEachOverlap(index: MatrixIndex, passes: Uint8Array, visit: (a: number, b: number) => void): void {
  const { start, list } = overlapPairs(index);
  const n = index.codingCount;
  for (let a = 0; a < n; a++) {
    if (!passes[a]) {
      continue;
    }
    visit(a, a);
    for (let k = start[a], ke = start[a + 1]; k < ke; k++) {
      const b = list[k];
      if (passes[b]) {
        visit(a, b);
      }
    }
  }
}

const overlapCache = new WeakMap<MatrixIndex, { start: Int32Array; list: Int32Array; revision: number }>();

/**
 * Which codings overlap which, for the whole index (filters aside), computed once per index: a
 * sweep per transcript (codings sorted by start keep those still open), stored as CSR arrays, so
 * that every later co-occurrence view only walks the pairs.
 */
export function overlapPairs(index: MatrixIndex): { start: Int32Array; list: Int32Array } {
  const cached = overlapCache.get(index);
  if (cached && cached.revision === index.revision) {
    return cached;
  }
  const n = index.codingCount;
  const { cDoc, cStart, cEnd } = index;
  const degree = new Int32Array(n + 1);
  const pairsA: number[] = [];
  const pairsB: number[] = [];
  let i = 0;
  const active: number[] = [];
  while (i < n) {
    let j = i;
    while (j < n && cDoc[j] === cDoc[i]) {
      j++;
    }
    active.length = 0;
    for (let a = i; a < j; a++) {
      let w = 0;
      for (const b of active) {
        if (cEnd[b] > cStart[a]) {
          active[w++] = b;
        }
      }
      active.length = w;
      for (const b of active) {
        if (cStart[a] < cEnd[b] && cStart[b] < cEnd[a]) {
          pairsA.push(a);
          pairsB.push(b);
          degree[a]++;
          degree[b]++;
        }
      }
      active.push(a);
    }
    i = j;
  }
  const start = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) {
    start[a + 1] = start[a] + degree[a];
  }
  const fill = start.slice(0, n);
  const list = new Int32Array(start[n]);
  // Neighbours of a in index order: pairs were found with b < a, so a's lower neighbours come in
  // order of discovery; place both directions, then sort each short run.
  for (let k = 0; k < pairsA.length; k++) {
    list[fill[pairsA[k]]++] = pairsB[k];
    list[fill[pairsB[k]]++] = pairsA[k];
  }
  for (let a = 0; a < n; a++) {
    list.subarray(start[a], start[a + 1]).sort();
  }
  const result = { start, list, revision: index.revision };
  overlapCache.set(index, result);
  return result;
}
