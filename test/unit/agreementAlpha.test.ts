import * as assert from 'assert';
import fc from 'fast-check';
import { alphaNominal, figures } from '../../src/core/agreement';
import type { AlphaUnit } from '../../src/core/intercoder/alpha';

const close = (actual: number, expected: number, digits = 3) => assert.strictEqual(actual.toFixed(digits), expected.toFixed(digits));

/** Units from rows of coders' values ('' or '*': missing), one unit per column. */
function unitsOf(rows: ReadonlyArray<ReadonlyArray<string>>): AlphaUnit[] {
  return rows[0].map((_v, u) => ({ values: rows.map((r) => (r[u] === '*' ? undefined : r[u])), weight: 1 }));
}

describe('Krippendorff’s α, any number of coders, missing values', () => {
  // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability, §C: nominal data, four
  // observers, twelve units, missing values: α = 0.743.
  it('reproduces Krippendorff’s published example C (4 observers, missing data): α = 0.743', () => {
    const r = alphaNominal(
      unitsOf([
        ['1', '2', '3', '3', '2', '1', '4', '1', '2', '*', '*', '*'],
        ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', '*', '3'],
        ['*', '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', '*'],
        ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', '*'],
      ]),
    );
    close(r.alpha, 0.743);
    // unit 12 has one value and is not pairable: n = 40 pairable values
    assert.strictEqual(r.pairable, 40);
  });

  it('reproduces his binary example B (two observers): α = 0.095', () => {
    const r = alphaNominal(
      unitsOf([
        ['0', '1', '0', '0', '0', '0', '0', '0', '1', '0'],
        ['1', '1', '1', '0', '0', '1', '0', '0', '0', '0'],
      ]),
    );
    close(r.alpha, 0.095);
    close(r.observed, 0.6, 2);
  });

  it('two coders without missing values: the general α is the 2×2 formula', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(50), (both, onlyA, onlyB, neither) => {
        const f = figures({ both, onlyA, onlyB, neither });
        const g = alphaNominal([
          { values: ['1', '1'], weight: both },
          { values: ['1', '0'], weight: onlyA },
          { values: ['0', '1'], weight: onlyB },
          { values: ['0', '0'], weight: neither },
        ]);
        if (f.undefinedReason === undefined) {
          assert.ok(Math.abs(f.alpha - g.alpha) < 1e-9, `${f.alpha} vs ${g.alpha}`);
          assert.ok(Math.abs(f.percent - g.observed) < 1e-9);
        } else {
          assert.ok(Number.isNaN(g.alpha));
        }
      }),
    );
  });

  const data = fc.tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 12 })).chain(([coders, units]) =>
    fc.array(fc.array(fc.constantFrom('a', 'b', 'c', '*'), { minLength: units, maxLength: units }), {
      minLength: coders,
      maxLength: coders,
    }),
  );

  it('is symmetric in the order of the coders and of the units', () => {
    fc.assert(
      fc.property(data, fc.nat(), (rows, seed) => {
        const a = alphaNominal(unitsOf(rows));
        const reversed = alphaNominal(unitsOf([...rows].reverse()));
        const rotated = alphaNominal(unitsOf(rows.map((r) => [...r.slice(seed % r.length), ...r.slice(0, seed % r.length)])));
        for (const b of [reversed, rotated]) {
          assert.strictEqual(Number.isNaN(a.alpha), Number.isNaN(b.alpha));
          if (!Number.isNaN(a.alpha)) {
            assert.ok(Math.abs(a.alpha - b.alpha) < 1e-9);
          }
        }
      }),
    );
  });

  it('is 1 when the coders are identical (and the data vary), never above 1', () => {
    fc.assert(
      fc.property(data, (rows) => {
        const same = alphaNominal(unitsOf(rows.map(() => rows[0])));
        if (!Number.isNaN(same.alpha)) {
          close(same.alpha, 1, 9);
        }
        const any = alphaNominal(unitsOf(rows));
        assert.ok(Number.isNaN(any.alpha) || any.alpha <= 1 + 1e-12);
      }),
    );
  });

  it('is undefined (0/0) with a reason when nothing is pairable or only one value occurs', () => {
    assert.strictEqual(
      alphaNominal(
        unitsOf([
          ['1', '*'],
          ['*', '1'],
        ]),
      ).undefinedReason,
      'no-units',
    );
    assert.strictEqual(
      alphaNominal(
        unitsOf([
          ['1', '1'],
          ['1', '1'],
        ]),
      ).undefinedReason,
      'no-variation',
    );
  });
});
