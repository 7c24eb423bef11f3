/**
 * Colours for new codes: distinct hues that stay readable as highlights on light and dark backgrounds
 * (Tableau 10, with a purple and a lime instead of a second blue and red that looked like their
 * neighbours). Any two differ by ΔE ≥ 25 (test/unit/contrast.test.ts); tints come from core/contrast.
 */
export const CODE_PALETTE: readonly string[] = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#6a3d9a',
  '#b8e04a',
];

/** The palette colour least used so far (first one on ties). */
export function nextColor(used: readonly string[], palette: readonly string[] = CODE_PALETTE): string {
  palette = palette.length ? palette : CODE_PALETTE;
  const counts = new Map(palette.map((c) => [c.toLowerCase(), 0]));
  for (const c of used) {
    const k = c.toLowerCase();
    if (counts.has(k)) {
      counts.set(k, counts.get(k)! + 1);
    }
  }
  let best = palette[0];
  let bestCount = Infinity;
  for (const c of palette) {
    const n = counts.get(c.toLowerCase())!;
    if (n < bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}
