/**
 * The coefficients, as pure arithmetic on counts.
 *
 * Two coders, one code (a 2×2 table: a = both, b = only A, c = only B, d = neither, N = a+b+c+d):
 *  - percent agreement  p_o = (a + d) / N
 *  - Cohen's κ          (p_o − p_e) / (1 − p_e),  p_e = p_A·p_B + (1 − p_A)(1 − p_B)
 *  - Krippendorff's α   (nominal, two coders, no missing values)
 *                       1 − (n − 1)(b + c) / (n_0 · n_1),  n = 2N, n_0 = 2d + b + c, n_1 = 2a + b + c
 * Any number of coders, missing values: Krippendorff's nominal α from the coincidence matrix
 * ({@link alphaNominal}; Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", §C).
 *
 * A figure that is 0/0 is undefined (NaN) with the reason: a code neither coder applied to counted
 * text ("never applied"), or one both applied to every unit (no variation).
 */

export interface Table2x2 {
  readonly both: number;
  readonly onlyA: number;
  readonly onlyB: number;
  readonly neither: number;
}

/** Why a figure is undefined (0/0): no unit at all, the code never applied, or applied to every unit. */
export type UndefinedReason = 'no-units' | 'never-applied' | 'no-variation';

export interface AgreementFigures extends Table2x2 {
  readonly percent: number;
  readonly kappa: number;
  readonly alpha: number;
  /** Set when κ and α are undefined (NaN); such a code never counts in an overall figure. */
  readonly undefinedReason?: UndefinedReason;
}

export function figures(t: Table2x2): AgreementFigures {
  const N = t.both + t.onlyA + t.onlyB + t.neither;
  if (N === 0) {
    return { ...t, percent: NaN, kappa: NaN, alpha: NaN, undefinedReason: 'no-units' };
  }
  if (t.both + t.onlyA + t.onlyB === 0) {
    // Nobody applied the code: p_e = 1 and only the value 0 occurs; 100 % agreement would be an artefact.
    return { ...t, percent: NaN, kappa: NaN, alpha: NaN, undefinedReason: 'never-applied' };
  }
  if (t.neither + t.onlyA + t.onlyB === 0) {
    return { ...t, percent: 1, kappa: NaN, alpha: NaN, undefinedReason: 'no-variation' };
  }
  const po = (t.both + t.neither) / N;
  const pA = (t.both + t.onlyA) / N;
  const pB = (t.both + t.onlyB) / N;
  const pe = pA * pB + (1 - pA) * (1 - pB);
  const kappa = (po - pe) / (1 - pe);
  const n = 2 * N;
  const n0 = 2 * t.neither + t.onlyA + t.onlyB;
  const n1 = 2 * t.both + t.onlyA + t.onlyB;
  const alpha = 1 - ((n - 1) * (t.onlyA + t.onlyB)) / (n0 * n1);
  return { ...t, percent: po, kappa, alpha };
}

/** Whether a code's figures are defined (it may count in an overall figure). */
export function isDefined(f: AgreementFigures): boolean {
  return f.undefinedReason === undefined;
}

/** The sum of tables. */
export function pool(tables: Iterable<Table2x2>): Table2x2 {
  const t = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (const x of tables) {
    t.both += x.both;
    t.onlyA += x.onlyA;
    t.onlyB += x.onlyB;
    t.neither += x.neither;
  }
  return t;
}

/** The unweighted mean of the defined codes' figures (each code weighs the same). */
export interface MeanFigures {
  readonly percent: number;
  readonly kappa: number;
  readonly alpha: number;
  /** How many codes it averages. */
  readonly codes: number;
}

export function meanOf(all: readonly AgreementFigures[]): MeanFigures {
  const defined = all.filter(isDefined);
  const mean = (f: (x: AgreementFigures) => number): number =>
    defined.length === 0 ? NaN : defined.reduce((s, x) => s + f(x), 0) / defined.length;
  return { percent: mean((x) => x.percent), kappa: mean((x) => x.kappa), alpha: mean((x) => x.alpha), codes: defined.length };
}

/** A unit for {@link alphaNominal}: each coder's value (undefined: missing), and how many such units. */
export interface AlphaUnit {
  readonly values: ReadonlyArray<string | undefined>;
  readonly weight: number;
}

export interface AlphaResult {
  readonly alpha: number;
  /** Observed agreement among pairable values (1 − D_o), Krippendorff's "percent agreement". */
  readonly observed: number;
  /** n: the number of pairable values. */
  readonly pairable: number;
  readonly undefinedReason?: UndefinedReason;
}

/**
 * Krippendorff's α for nominal data, any number of coders, missing values allowed: the coincidence
 * matrix o_ck = Σ_u (number of c–k pairs in u) / (m_u − 1) over units with m_u ≥ 2 values, n_c its
 * margins, n = Σ n_c, and α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
 */
export function alphaNominal(units: Iterable<AlphaUnit>): AlphaResult {
  const o = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number): void => {
    let row = o.get(c);
    if (!row) {
      o.set(c, (row = new Map()));
    }
    row.set(k, (row.get(k) ?? 0) + w);
  };
  for (const u of units) {
    const counts = new Map<string, number>();
    let m = 0;
    for (const v of u.values) {
      if (v !== undefined) {
        counts.set(v, (counts.get(v) ?? 0) + 1);
        m++;
      }
    }
    if (m < 2 || u.weight <= 0) {
      continue;
    }
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs > 0) {
          add(c, k, (u.weight * pairs) / (m - 1));
        }
      }
    }
  }
  const margins = new Map<string, number>();
  let n = 0;
  let disagree = 0;
  for (const [c, row] of o) {
    for (const [k, v] of row) {
      margins.set(c, (margins.get(c) ?? 0) + v);
      n += v;
      if (c !== k) {
        disagree += v;
      }
    }
  }
  if (n === 0) {
    return { alpha: NaN, observed: NaN, pairable: 0, undefinedReason: 'no-units' };
  }
  let sumSq = 0;
  for (const v of margins.values()) {
    sumSq += v * v;
  }
  const expected = n * n - sumSq; // Σ_{c≠k} n_c·n_k
  const observed = 1 - disagree / n;
  if (expected === 0) {
    return { alpha: NaN, observed, pairable: n, undefinedReason: 'no-variation' };
  }
  return { alpha: 1 - ((n - 1) * disagree) / expected, observed, pairable: n };
}
